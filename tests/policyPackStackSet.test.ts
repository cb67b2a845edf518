// The policy pack on an organisation: one service-managed StackSet whose template creates
// Sentinel's role in every member account, a stack instance per OU, and a connector per
// member account whose role ARN comes from its OU's instance. The plan is built by hand
// (the resources as the engine records them) and judged by the pack itself, started as the
// Pulumi CLI starts it, as in policyPack.test.ts.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { templateRoles, UNKNOWN, vouches } from "../policy/cloudFormation";
import { Placeholder } from "../policy/iamDocument";
import { WORKSPACE_PARAMETER_DEFAULT } from "../policy/rules/externalIdWorkspace";
import { STACKSET_WORKSPACE_PARAMETER } from "../src/policies/stackSetTemplate";
import type { Plan, PlannedResource } from "../plan/record";
import { engineRequests } from "../plan/policyPack/engineRequests";
import { T } from "./helpers";
import { mandatory, of, usePolicyPack } from "./policy/packSession";

type Json = Record<string, unknown>;

const STACK = "test";
const urn = (type: string, name: string) => `urn:pulumi:${STACK}::sentinel-aws::${type}::${name}`;
const VERSIONS: Record<string, string> = { aws: "7.48.0", "azure-native": "3.10.0" };

const WORKSPACE_ID = "6f0c3a52-9d1e-4b7a-8c2f-0e5d4a3b2c1d";
const GUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
const ROLE_NAME = "MicrosoftSentinelCloudTrail-prod";
const MICROSOFT = "arn:aws:iam::197857026523:root";
const OUS = { "ou-ab12-11111111": ["111122223333", "222233334444"], "ou-ab12-22222222": ["333344445555"] } as const;
/** An account of the first OU that gets no role: the program filters it out of that OU's instance. */
const EXCLUDED = "444455556666";

const externalId = { StringEquals: { "sts:ExternalId": { Ref: "WorkspaceId" } } };
const sentinelTrust = (statement: Json = {}) => ({
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "MicrosoftSentinelCloudTrailConnector",
            Effect: "Allow",
            Principal: { AWS: MICROSOFT },
            Action: "sts:AssumeRole",
            Condition: externalId,
            ...statement,
        },
    ],
});

/** The template the program writes: one role, trusting Microsoft's account with the workspace ID as external ID. */
function cleanTemplate(): Json & { Parameters: Record<string, Json>; Resources: Record<string, { Type: string; Properties: Json }> } {
    return {
        AWSTemplateFormatVersion: "2010-09-09",
        Description: "The IAM role Microsoft Sentinel's AWS CloudTrail connector assumes in this account.",
        Parameters: { WorkspaceId: { Type: "String", AllowedPattern: GUID_PATTERN, Description: "The Log Analytics workspace ID." } },
        Resources: {
            SentinelRole: {
                Type: "AWS::IAM::Role",
                Properties: {
                    RoleName: ROLE_NAME,
                    AssumeRolePolicyDocument: sentinelTrust(),
                    ManagedPolicyArns: [{ "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess" }],
                    Tags: [{ Key: "owner", Value: "secops" }],
                },
            },
        },
        Outputs: { RoleArn: { Value: { "Fn::GetAtt": ["SentinelRole", "Arn"] } } },
    };
}
type Template = ReturnType<typeof cleanTemplate>;

function resource(
    type: string,
    name: string,
    inputs: Json,
    more: { outputs?: Json; propertyDependencies?: Record<string, string[]>; protect?: boolean } = {},
): PlannedResource {
    const propertyDependencies = more.propertyDependencies ?? {};
    return {
        urn: urn(type, name),
        type,
        name,
        custom: true,
        protect: more.protect ?? false,
        dependsOn: [...new Set(Object.values(propertyDependencies).flat())].sort(),
        propertyDependencies,
        inputs,
        outputs: { ...inputs, ...more.outputs },
        version: VERSIONS[type.split(":")[0]],
        additionalSecretOutputs: [],
    };
}

interface Organisation {
    /** The template, or the text of templateBody as given. */
    template?: Template | string;
    /** The StackSet's value of WorkspaceId: pulumi.unknown in a first preview. */
    workspaceId?: unknown;
    preview?: boolean;
    /** Last changes to the resources, before they are recorded. */
    edit?: (resources: PlannedResource[]) => void;
}

/** A plan of the organisation: a workspace, a StackSet, an instance per OU and a connector per member account. */
function organisationPlan({ template = cleanTemplate(), workspaceId = WORKSPACE_ID, preview = false, edit }: Organisation = {}): Plan {
    const tags = { owner: "secops" };
    const group = resource(T.resourceGroup, "sentinel-test-rg", { resourceGroupName: "rg-sentinel-test", location: "westeurope", tags });
    const workspace = resource(
        T.workspace,
        "sentinel-test",
        { workspaceName: "sentinel-test", resourceGroupName: "rg-sentinel-test", retentionInDays: 90, sku: { name: "PerGB2018" }, tags },
        { outputs: { customerId: preview ? pulumi.unknown : WORKSPACE_ID }, propertyDependencies: { resourceGroupName: [group.urn] }, protect: true },
    );
    const stackSetName = "sentinel-aws-test";
    const stackSet = resource(
        T.stackSet,
        "org-roles",
        {
            name: stackSetName,
            permissionModel: "SERVICE_MANAGED",
            callAs: "SELF",
            capabilities: ["CAPABILITY_NAMED_IAM"],
            autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
            managedExecution: { active: true },
            templateBody: typeof template === "string" ? template : JSON.stringify(template),
            parameters: { WorkspaceId: workspaceId },
            tags,
        },
        {
            outputs: {
                arn: preview ? pulumi.unknown : `arn:aws:cloudformation:us-east-1:999988887777:stackset/${stackSetName}:1b2c`,
                stackSetId: preview ? pulumi.unknown : `${stackSetName}:1b2c`,
            },
            propertyDependencies: { parameters: [workspace.urn] },
        },
    );
    const instances = Object.keys(OUS).map((ou, i) =>
        resource(
            T.stackSetInstance,
            `org-${ou}`,
            {
                stackSetName,
                deploymentTargets:
                    i === 0 ? { organizationalUnitIds: [ou], accountFilterType: "DIFFERENCE", accounts: [EXCLUDED] } : { organizationalUnitIds: [ou] },
                operationPreferences: { concurrencyMode: "SOFT_FAILURE_TOLERANCE", maxConcurrentPercentage: 25, failureTolerancePercentage: 10 },
                callAs: "SELF",
                stackSetInstanceRegion: "us-east-1",
            },
            { outputs: { stackInstanceSummaries: preview ? pulumi.unknown : [] }, propertyDependencies: { stackSetName: [stackSet.urn] } },
        ),
    );
    const connectors = Object.entries(OUS).flatMap(([ou, accounts], i) =>
        accounts.map((account) =>
            resource(
                T.connector,
                `org-${account}`,
                {
                    dataConnectorId: `0000000${i}-0000-4000-8000-${account}`,
                    kind: "AmazonWebServicesCloudTrail",
                    resourceGroupName: "rg-sentinel-test",
                    workspaceName: "sentinel-test",
                    awsRoleArn: preview ? pulumi.unknown : `arn:aws:iam::${account}:role/${ROLE_NAME}`,
                    dataTypes: { logs: { state: "Enabled" } },
                },
                {
                    propertyDependencies: {
                        awsRoleArn: [urn(T.stackSetInstance, `org-${ou}`)],
                        resourceGroupName: [group.urn],
                        workspaceName: [workspace.urn],
                    },
                },
            ),
        ),
    );
    const resources = [group, workspace, stackSet, ...instances, ...connectors];
    edit?.(resources);
    return { stack: STACK, preview, resources, outputs: {}, placeholders: [], lookups: [], warnings: [] };
}

/** The clean template with `change` applied to its role's properties. */
function withRole(change: (properties: Json, template: Template) => void): Template {
    const template = cleanTemplate();
    change(template.Resources.SentinelRole.Properties, template);
    return template;
}
const trustedBy = (statement: Json) => withRole((p) => (p.AssumeRolePolicyDocument = { Version: "2012-10-17", Statement: [statement] }));

const where = "of role SentinelRole in the template of StackSet org-roles";

describe("policy pack (policy/) on an organisation's StackSet", () => {
    const evaluate = usePolicyPack();

    it("finds nothing wrong with the template the program writes", async () => {
        expect(await evaluate(organisationPlan())).to.deep.equal([]);
    });

    it("finds nothing wrong in a first preview, where the workspace ID and the role ARNs are not known yet", async () => {
        const preview = organisationPlan({ workspaceId: pulumi.unknown, preview: true });
        // The preview really has unknowns: the StackSet's parameter and the connectors' role ARNs.
        const requests = engineRequests(preview, {});
        const stackSet = requests.analyze.find((r) => r.getType() === T.stackSet)!;
        expect(stackSet.getProperties()?.toJavaScript().parameters).to.deep.equal({ WorkspaceId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
        const connector = requests.analyze.find((r) => r.getType() === T.connector)!;
        expect(connector.getProperties()?.toJavaScript().awsRoleArn).to.equal("04da6b54-80e4-46f7-96ec-b56ff0331ba9");

        const vs = await evaluate(preview);
        expect(mandatory(vs)).to.deep.equal([]);
        // The template itself is known: the trust rules judge it rather than saying they cannot run.
        expect(vs.filter((v) => v.message.includes("during preview"))).to.deep.equal([]);
        expect(vs).to.deep.equal([]);
    });

    describe("reports a template role's trust", () => {
        it("without the external-ID condition, naming the StackSet and the role's logical ID", async () => {
            const vs = await evaluate(organisationPlan({ template: trustedBy({ Effect: "Allow", Principal: { AWS: MICROSOFT }, Action: "sts:AssumeRole" }) }));
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["cross-account-trust-requires-external-id"]);
            expect(vs[0].resource).to.equal("org-roles");
            expect(vs[0].message).to.include(
                `The trust policy ${where} (a statement) lets 197857026523 assume this role without a StringEquals condition on sts:ExternalId`,
            );
        });

        it("with an external ID matched with StringLike and a wildcard", async () => {
            const vs = await evaluate(
                organisationPlan({
                    template: trustedBy({
                        Effect: "Allow",
                        Principal: { AWS: MICROSOFT },
                        Action: "sts:*",
                        Condition: { StringLike: { "sts:ExternalId": "*" } },
                    }),
                }),
            );
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["cross-account-trust-requires-external-id"]);
        });

        it("with a wildcard principal", async () => {
            const vs = await evaluate(
                organisationPlan({ template: trustedBy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: externalId }) }),
            );
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["no-wildcard-trust-principal"]);
            expect(vs[0].resource).to.equal("org-roles");
            expect(vs[0].message).to.include(`The trust policy ${where} allows a wildcard principal (AWS: *)`);
        });

        it("with NotPrincipal in an Allow statement", async () => {
            const vs = await evaluate(
                organisationPlan({
                    template: trustedBy({
                        Effect: "Allow",
                        NotPrincipal: { AWS: "arn:aws:iam::999988887777:root" },
                        Action: "sts:AssumeRole",
                        Condition: externalId,
                    }),
                }),
            );
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["no-wildcard-trust-principal"]);
            expect(vs[0].message).to.include(`The trust policy ${where} uses NotPrincipal`);
        });

        it("but not a trust of the member account itself (${AWS::AccountId}), which needs no external ID", async () => {
            for (const principal of [{ "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" }, { Ref: "AWS::AccountId" }]) {
                const vs = await evaluate(
                    organisationPlan({ template: trustedBy({ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" }) }),
                );
                expect(vs, JSON.stringify(principal)).to.deep.equal([]);
            }
        });

        it("with an external ID from a parameter not known yet, unless its AllowedPattern rules out wildcards and empty values", async () => {
            const loose = withRole((_, t) => (t.Parameters.WorkspaceId = { Type: "String", AllowedPattern: ".+" }));
            const vs = await evaluate(organisationPlan({ template: loose, workspaceId: pulumi.unknown, preview: true }));
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["cross-account-trust-requires-external-id"]);
            // Once the value is known, it is judged itself.
            expect(await evaluate(organisationPlan({ template: loose }))).to.deep.equal([]);
            // "*" lets the template's trust through without an exact external ID, and is no workspace ID.
            const wildcard = mandatory(await evaluate(organisationPlan({ template: loose, workspaceId: "*" })));
            expect(wildcard.map((v) => v.policy)).to.deep.equal(["cross-account-trust-requires-external-id", "cross-account-trust-requires-external-id"]);
            expect(wildcard.map((v) => v.message).join("\n"))
                .to.include("without a StringEquals condition on sts:ExternalId")
                .and.include("the value *, which is not this stack's workspace ID");
        });

        it("with a constant external ID, even the workspace ID of today, naming the role and the value", async () => {
            const constant = withRole((p) => (p.AssumeRolePolicyDocument = sentinelTrust({ Condition: { StringEquals: { "sts:ExternalId": WORKSPACE_ID } } })));
            const vs = await evaluate(organisationPlan({ template: constant }));
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["cross-account-trust-requires-external-id"]);
            expect(vs[0].resource).to.equal("org-roles");
            expect(vs[0].message).to.include(
                `The trust policy of role SentinelRole in the template of StackSet org-roles (statement MicrosoftSentinelCloudTrailConnector) requires the external ID "${WORKSPACE_ID}", not {"Ref":"WorkspaceId"}, the template's workspace parameter`,
            );
        });

        it("with a Ref of another parameter, unless the rule's workspaceParameter names it", async () => {
            const other = withRole((p, t) => {
                t.Parameters.OtherId = { Type: "String", AllowedPattern: GUID_PATTERN };
                p.AssumeRolePolicyDocument = sentinelTrust({ Condition: { StringEquals: { "sts:ExternalId": { Ref: "OtherId" } } } });
            });
            const vs = await evaluate(organisationPlan({ template: other }));
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["cross-account-trust-requires-external-id"]);
            expect(vs[0].message)
                .to.include("role SentinelRole in the template of StackSet org-roles")
                .and.include('requires the external ID {"Ref":"OtherId"}, not {"Ref":"WorkspaceId"}');
            expect(
                await evaluate(organisationPlan({ template: other }), { "cross-account-trust-requires-external-id": { workspaceParameter: "OtherId" } }),
            ).to.deep.equal([]);
        });

        it("fed another value than the workspace ID the stack knows", async () => {
            const OTHER = "0f0e0d0c-0b0a-4998-8776-655443322110";
            const vs = await evaluate(organisationPlan({ workspaceId: OTHER }));
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["cross-account-trust-requires-external-id"]);
            expect(vs[0].resource).to.equal("org-roles");
            expect(vs[0].message).to.include(
                `StackSet org-roles gives its template's WorkspaceId (the roles' external ID) the value ${OTHER}, which is not this stack's workspace ID (${WORKSPACE_ID})`,
            );
        });

        it("names the workspace parameter as the program does", () => {
            expect(WORKSPACE_PARAMETER_DEFAULT).to.equal(STACKSET_WORKSPACE_PARAMETER);
        });

        it("in every role of the template", async () => {
            const template = withRole((_, t) => {
                t.Resources.ReaderRole = {
                    Type: "AWS::IAM::Role",
                    Properties: { RoleName: "Reader", AssumeRolePolicyDocument: sentinelTrust({ Condition: undefined }) },
                };
            });
            const vs = await evaluate(organisationPlan({ template }));
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["cross-account-trust-requires-external-id"]);
            expect(vs[0].message).to.include("of role ReaderRole in the template of StackSet org-roles (statement MicrosoftSentinelCloudTrailConnector)");
        });
    });

    describe("reports what a template role may do beyond reading CloudTrail", () => {
        it("AdministratorAccess in its ManagedPolicyArns, once for the StackSet's role", async () => {
            const template = withRole(
                (p) =>
                    (p.ManagedPolicyArns = [...(p.ManagedPolicyArns as unknown[]), { "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess" }]),
            );
            const vs = await evaluate(organisationPlan({ template }));
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["sentinel-role-reads-cloudtrail-only"]);
            expect(vs[0].resource).to.equal("org-roles");
            // The pack puts the rule's description first, then the message.
            const [, message] = vs[0].message.split("\n");
            expect(message).to.match(
                /^Role SentinelRole in the template of StackSet org-roles, assumed by the Sentinel connector org-\d{12}, is given more than read-only CloudTrail access: /,
            );
            expect(message)
                .to.include("arn:aws:iam::aws:policy/AdministratorAccess (ManagedPolicyArns of SentinelRole)")
                .and.not.include("AWSCloudTrail_ReadOnlyAccess");
        });

        it("an inline policy that can stop the trail or change IAM", async () => {
            const template = withRole((p) => {
                delete p.ManagedPolicyArns;
                p.Policies = [
                    {
                        PolicyName: "read-events",
                        PolicyDocument: {
                            Version: "2012-10-17",
                            Statement: [{ Effect: "Allow", Action: ["cloudtrail:LookupEvents", "cloudtrail:*", "iam:*"], Resource: "*" }],
                        },
                    },
                ];
            });
            const vs = await evaluate(organisationPlan({ template }));
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["sentinel-role-reads-cloudtrail-only"]);
            expect(vs[0].message).to.include("cloudtrail:* (inline policy read-events of SentinelRole); iam:* (inline policy read-events of SentinelRole)");
        });

        it("a policy of the template attached to the role from outside it", async () => {
            const template = withRole((_, t) => {
                t.Resources.Extra = {
                    Type: "AWS::IAM::Policy",
                    Properties: {
                        PolicyName: "extra",
                        Roles: [{ Ref: "SentinelRole" }],
                        PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }] },
                    },
                };
            });
            const vs = await evaluate(organisationPlan({ template }));
            expect(of(vs, "sentinel-role-reads-cloudtrail-only")[0].message).to.include("iam:PassRole (AWS::IAM::Policy Extra)");
        });

        it("only the role the connectors use, of several: by name, or every one while the ARNs are not known", async () => {
            const template = withRole((_, t) => {
                t.Resources.DeployRole = {
                    Type: "AWS::IAM::Role",
                    Properties: {
                        RoleName: "Deploy",
                        AssumeRolePolicyDocument: {
                            Version: "2012-10-17",
                            Statement: [
                                {
                                    Effect: "Allow",
                                    Principal: { AWS: { "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" } },
                                    Action: "sts:AssumeRole",
                                },
                            ],
                        },
                        ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
                    },
                };
            });
            expect(await evaluate(organisationPlan({ template }))).to.deep.equal([]);
            const preview = await evaluate(organisationPlan({ template, workspaceId: pulumi.unknown, preview: true }));
            expect(mandatory(preview).map((v) => v.policy)).to.deep.equal(["sentinel-role-reads-cloudtrail-only"]);
            expect(preview[0].message).to.include("Role DeployRole in the template of StackSet org-roles");
        });
    });

    describe("traces each connector's role", () => {
        it("and reports a connector depending on no role, unless declared external", async () => {
            const elsewhere = "arn:aws:iam::111122223333:role/SomeoneElses";
            const stray = organisationPlan({
                edit: (rs) => {
                    const connector = rs.find((r) => r.name === "org-111122223333")! as PlannedResource & {
                        outputs: Json;
                        propertyDependencies: Record<string, string[]>;
                    };
                    connector.outputs.awsRoleArn = elsewhere;
                    connector.propertyDependencies = {};
                },
            });
            const vs = await evaluate(stray);
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["sentinel-connector-role-known"]);
            expect(vs[0].resource).to.equal("org-111122223333");
            expect(vs[0].message).to.include(`uses the role ${elsewhere}, which is neither a role in this stack nor listed in externalRoleArns`);
            expect(await evaluate(stray, { "sentinel-connector-role-known": { externalRoleArns: [elsewhere] } })).to.deep.equal([]);
        });

        it("and reports a connector whose role no role of the template is named like", async () => {
            const template = withRole((_, t) => {
                t.Resources.OtherRole = { Type: "AWS::IAM::Role", Properties: { RoleName: "Other", AssumeRolePolicyDocument: sentinelTrust() } };
            });
            const plan = organisationPlan({
                template,
                edit: (rs) => {
                    (rs.find((r) => r.name === "org-333344445555")!.outputs as Json).awsRoleArn = "arn:aws:iam::333344445555:role/Missing";
                },
            });
            const vs = await evaluate(plan);
            expect(mandatory(vs).map((v) => [v.policy, v.resource])).to.deep.equal([["sentinel-connector-role-known", "org-333344445555"]]);
            expect(vs[0].message).to.include("(the template of StackSet org-roles creates no role of that name)");
        });
    });

    describe("reports an instance whose account list would receive the role", () => {
        const withTargets = (targets: Json) =>
            organisationPlan({
                edit: (rs) => {
                    (rs.find((r) => r.name === "org-ou-ab12-11111111")!.inputs as Json).deploymentTargets = {
                        organizationalUnitIds: ["ou-ab12-11111111"],
                        ...targets,
                    };
                },
            });
        const CASES: [what: string, targets: Json, shown: string][] = [
            [
                "INTERSECTION, which deploys to the listed accounts only",
                { accountFilterType: "INTERSECTION", accounts: [EXCLUDED] },
                "has accountFilterType INTERSECTION",
            ],
            ["UNION, which adds them", { accountFilterType: "UNION", accounts: [EXCLUDED] }, "has accountFilterType UNION"],
            [
                "a list without a filter type, UNION for CloudFormation",
                { accounts: [EXCLUDED] },
                "lists accounts with accountFilterType unset (UNION for CloudFormation)",
            ],
            [
                "a list in S3 kept with NONE",
                { accountFilterType: "NONE", accountsUrl: "s3://lists/excluded.csv" },
                "lists accounts with accountFilterType NONE",
            ],
        ];
        for (const [what, targets, shown] of CASES) {
            it(what, async () => {
                const vs = await evaluate(withTargets(targets));
                expect(mandatory(vs).map((v) => [v.policy, v.resource])).to.deep.equal([["stackset-instance-targets-ous", "org-ou-ab12-11111111"]]);
                expect(vs[0].message).to.include(shown);
            });
        }
    });

    it("reports a template that is not JSON, as it reports an unreadable trust policy", async () => {
        const yaml = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  SentinelRole:\n    Type: AWS::IAM::Role\n";
        const vs = await evaluate(organisationPlan({ template: yaml }));
        expect(
            mandatory(vs)
                .map((v) => v.policy)
                .sort(),
        ).to.deep.equal(["cross-account-trust-requires-external-id", "no-wildcard-trust-principal", "sentinel-role-reads-cloudtrail-only"]);
        expect(vs.every((v) => v.resource === "org-roles" && v.message.includes("is not a readable JSON CloudFormation template"))).to.equal(true);
    });
});

describe("StackSet templates read (policy/cloudFormation.ts)", () => {
    const declared = (AllowedPattern: string) => ({ Type: "String", AllowedPattern });

    it("counts a parameter as a literal only when its AllowedPattern rules out wildcards, whitespace and the empty value", () => {
        for (const pattern of [GUID_PATTERN, "[0-9a-f]{32}", "^sentinel-[a-z0-9]+$", "\\d{12}", "(?:[A-Z][a-z]+)+", "[\\w\\-.]{8,}"])
            expect(vouches(declared(pattern)), pattern).to.equal(true);
        for (const pattern of [".+", ".*", "[a-z]*", "\\S+", "[^ ]+", "[!-~]+", "[a-z*]+", "a\\*", "[a-z]+|", "(?i)[a-z]+", "[a-z", "\\p{Alnum}+"])
            expect(vouches(declared(pattern)), pattern).to.equal(false);
        expect(vouches({ Type: "CommaDelimitedList", AllowedPattern: GUID_PATTERN })).to.equal(false);
        expect(vouches({ Type: "String" })).to.equal(false);
        expect(vouches({ Type: "String", AllowedValues: ["a", "b"] })).to.equal(true);
        expect(vouches({ Type: "String", AllowedValues: ["a", "*"] })).to.equal(false);
    });

    it("resolves Ref, Fn::Sub and pseudo parameters, and leaves the rest as placeholders", () => {
        const body = JSON.stringify(
            withRole((p, t) => {
                t.Parameters.Extra = { Type: "String", Default: "fallback" };
                p.RoleName = { "Fn::Sub": "${Extra}-${AWS::Region}" };
                p.Policies = [
                    {
                        PolicyName: "p",
                        PolicyDocument: { Statement: [{ Effect: "Allow", Action: "cloudtrail:LookupEvents", Resource: { "Fn::GetAtt": ["Trail", "Arn"] } }] },
                    },
                ];
            }),
        );
        const [known] = templateRoles(body, (name) => (name === "WorkspaceId" ? WORKSPACE_ID : undefined))!;
        expect(known.managedPolicyArns).to.deep.equal(["arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess"]);
        expect((known.trustPolicy as { Statement: { Condition: Json }[] }).Statement[0].Condition).to.deep.equal({
            StringEquals: { "sts:ExternalId": WORKSPACE_ID },
        });
        expect(known.roleName).to.be.instanceOf(Placeholder).and.include({ literal: true });
        expect(String(known.roleName)).to.equal('{"Fn::Sub":"${Extra}-${AWS::Region}"}');

        const [unknown] = templateRoles(body, () => UNKNOWN)!;
        const value = (unknown.trustPolicy as { Statement: { Condition: { StringEquals: Json } }[] }).Statement[0].Condition.StringEquals["sts:ExternalId"];
        expect(value, "an unknown value is never a string").to.be.instanceOf(Placeholder);
        expect(templateRoles("{not json", () => undefined)).to.equal(undefined);
        expect(templateRoles("Resources: {}", () => undefined)).to.equal(undefined);
    });
});
