// The organisation StackSet's template: the same trust and permissions as a listed account's
// role, proved by the IAM evaluator for the role it creates in several member accounts.
import { expect } from "chai";
import { CLOUDTRAIL_READ_ONLY_POLICY_ARN, LOOKUP_EVENTS_POLICY_NAME, RolePermissions } from "../src/constants";
import { lookupEventsOnlyPolicy } from "../src/policies/cloudTrailRead";
import { sentinelCloudTrailTrustPolicy } from "../src/policies/sentinelTrust";
import {
    CloudFormationTemplate,
    resolveTemplateRole,
    SENTINEL_ROLE_DESCRIPTION,
    sentinelRoleTemplate,
    STACKSET_WORKSPACE_PARAMETER,
    templateBody,
} from "../src/policies/stackSetTemplate";
import {
    managedPolicy,
    MANAGED_READS,
    MICROSOFT,
    NEVER_ALLOWED,
    PermissionRequest,
    RoleUnderTest,
    SENTINEL_CALLER,
    TRAIL,
    TRUST_REQUESTS,
} from "./iam/cloudTrailRoleRequests";
import { Decision, permissionDecision, trustDecision } from "./iam/simulator";
import { flatConfig, one, planOf, T } from "./helpers";

const WORKSPACE_ID = "4f9d2c1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f";
const OTHER_WORKSPACE_ID = "0f0e0d0c-0b0a-4998-8776-655443322110";
const MEMBER_ACCOUNTS = ["111122223333", "222233334444", "012345678901"];
const ROLE_NAME = "MicrosoftSentinelCloudTrail-org";

const templateOf = (permissions: RolePermissions, tags: Record<string, string> = { team: "soc", env: "prod" }): CloudFormationTemplate =>
    sentinelRoleTemplate({ roleName: ROLE_NAME, microsoftAccountId: MICROSOFT, permissions, tags });

/** The role the template creates in one member account, as the proofs see it. */
function memberRole(template: CloudFormationTemplate, accountId: string): RoleUnderTest {
    const role = resolveTemplateRole(template, { [STACKSET_WORKSPACE_PARAMETER]: WORKSPACE_ID }, accountId);
    return {
        arn: `arn:aws:iam::${accountId}:role/${role.roleName}`,
        accountId,
        trust: role.trustPolicy,
        permissions: [...role.managedPolicyArns.map(managedPolicy), ...role.inlinePolicies],
    };
}

describe("StackSet template", () => {
    for (const permissions of ["readOnly", "lookupEventsOnly"] as const) {
        it(`has, once the parameter is set, exactly the listed-account trust policy (${permissions})`, () => {
            const resolved = resolveTemplateRole(templateOf(permissions), { WorkspaceId: WORKSPACE_ID }, MEMBER_ACCOUNTS[0]);
            // Same bytes, not only the same value: one builder for both.
            expect(JSON.stringify(resolved.trustPolicy)).to.equal(JSON.stringify(sentinelCloudTrailTrustPolicy(MICROSOFT, WORKSPACE_ID)));
        });
    }

    it("keeps the listed-account trust policy byte for byte", () => {
        expect(JSON.stringify(sentinelCloudTrailTrustPolicy(MICROSOFT, WORKSPACE_ID))).to.equal(
            `{"Version":"2012-10-17","Statement":[{"Sid":"MicrosoftSentinelCloudTrailConnector","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::197857026523:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"${WORKSPACE_ID}"}}}]}`,
        );
    });

    it("attaches the managed read-only policy in the member account's partition (readOnly)", () => {
        const template = templateOf("readOnly");
        expect(template.Resources.SentinelRole.Properties.Policies).to.equal(undefined);
        expect(resolveTemplateRole(template, { WorkspaceId: WORKSPACE_ID }, MEMBER_ACCOUNTS[0]).managedPolicyArns).to.deep.equal([
            CLOUDTRAIL_READ_ONLY_POLICY_ARN,
        ]);
        expect(resolveTemplateRole(template, { WorkspaceId: WORKSPACE_ID }, MEMBER_ACCOUNTS[0], "aws-us-gov").managedPolicyArns).to.deep.equal([
            "arn:aws-us-gov:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess",
        ]);
    });

    it("puts only the LookupEvents inline policy on the role (lookupEventsOnly)", () => {
        const properties = templateOf("lookupEventsOnly").Resources.SentinelRole.Properties;
        expect(properties.ManagedPolicyArns).to.equal(undefined);
        expect(properties.Policies).to.deep.equal([{ PolicyName: LOOKUP_EVENTS_POLICY_NAME, PolicyDocument: lookupEventsOnlyPolicy() }]);
    });

    it("gives the role the description CloudTrailReaderRole gives it", async () => {
        const plan = await planOf(flatConfig());
        expect(one(plan, T.role, "audit-sentinel-role").inputs.description).to.equal(SENTINEL_ROLE_DESCRIPTION);
        expect(templateOf("readOnly").Resources.SentinelRole.Properties.Description).to.equal(SENTINEL_ROLE_DESCRIPTION);
    });

    it("sorts tags by key and leaves them out when there are none", () => {
        expect(templateOf("readOnly", { b: "2", a: "1" }).Resources.SentinelRole.Properties.Tags).to.deep.equal([
            { Key: "a", Value: "1" },
            { Key: "b", Value: "2" },
        ]);
        expect(templateOf("readOnly", {}).Resources.SentinelRole.Properties).to.not.have.property("Tags");
    });

    it("takes a workspace ID in either case and nothing else, as the external ID parameter", () => {
        const pattern = new RegExp(templateOf("readOnly").Parameters.WorkspaceId.AllowedPattern);
        expect(pattern.test(WORKSPACE_ID) && pattern.test(WORKSPACE_ID.toUpperCase())).to.equal(true);
        for (const bad of ["", "*", `${WORKSPACE_ID} `, `x${WORKSPACE_ID}`, "sentinel-prod"]) expect(pattern.test(bad), bad).to.equal(false);
        expect(() => resolveTemplateRole(templateOf("readOnly"), { WorkspaceId: "*" }, MEMBER_ACCOUNTS[0])).to.throw(
            /WorkspaceId does not match its AllowedPattern/,
        );
    });

    it("outputs the role ARN and serialises compactly, as built", () => {
        const template = templateOf("readOnly");
        expect(template.Outputs.RoleArn.Value).to.deep.equal({ "Fn::GetAtt": ["SentinelRole", "Arn"] });
        const body = templateBody(template);
        expect(body).to.equal(JSON.stringify(template));
        expect(JSON.parse(body)).to.deep.equal(template);
    });

    it("fits 50 tags of 128-character keys and 256-character values under CloudFormation's 51,200 bytes", () => {
        const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`${String(i).padStart(2, "0")}`.padEnd(128, "k"), "v".repeat(256)]));
        const body = templateBody(templateOf("lookupEventsOnly", tags));
        expect(JSON.parse(body).Resources.SentinelRole.Properties.Tags).to.have.length(50);
        expect(Buffer.byteLength(body)).to.be.below(51_200);
    });

    it("refuses a template over CloudFormation's limit", () => {
        const tags = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`${i}`.padEnd(128, "k"), "v".repeat(256)]));
        expect(() => templateBody(templateOf("readOnly", tags))).to.throw(/over CloudFormation's TemplateBody limit of 51200/);
    });

    for (const bad of ["Sentinel Role", "r".repeat(65), "", "role/with-path"]) {
        it(`refuses ${JSON.stringify(bad)} as a role name, naming it`, () => {
            expect(() => sentinelRoleTemplate({ roleName: bad, microsoftAccountId: MICROSOFT, permissions: "readOnly", tags: {} })).to.throw(
                `not a valid IAM role name (1-64 of letters, digits and +=,.@_-): ${JSON.stringify(bad)}`,
            );
        });
    }

    it("refuses a Microsoft account that is not 12 digits", () => {
        expect(() => sentinelRoleTemplate({ roleName: ROLE_NAME, microsoftAccountId: "*", permissions: "readOnly", tags: {} })).to.throw(
            /not an AWS account ID: "\*"/,
        );
    });

    it("refuses to resolve without a value for the workspace parameter, naming it", () => {
        expect(() => resolveTemplateRole(templateOf("readOnly"), {}, MEMBER_ACCOUNTS[0])).to.throw(/WorkspaceId has no value/);
    });

    it("refuses to resolve a reference to something the template does not declare, naming it", () => {
        const template = templateOf("readOnly");
        const properties = { ...template.Resources.SentinelRole.Properties, RoleName: { Ref: "RoleName" } as unknown as string };
        const broken: CloudFormationTemplate = { ...template, Resources: { SentinelRole: { ...template.Resources.SentinelRole, Properties: properties } } };
        expect(() => resolveTemplateRole(broken, { WorkspaceId: WORKSPACE_ID }, MEMBER_ACCOUNTS[0])).to.throw(/refers to RoleName/);
    });
});

describe("StackSet role IAM proofs (evaluated by @cloud-copilot/iam-simulate)", () => {
    for (const permissions of ["readOnly", "lookupEventsOnly"] as const) {
        for (const accountId of MEMBER_ACCOUNTS) {
            describe(`${permissions}, in member account ${accountId}`, () => {
                const role = memberRole(templateOf(permissions), accountId);

                for (const [who, expected, request] of TRUST_REQUESTS) {
                    it(`${expected === "Allowed" ? "lets in" : "keeps out"} ${who}`, async () => {
                        expect(await request(role, WORKSPACE_ID, OTHER_WORKSPACE_ID)).to.equal(expected);
                    });
                }

                it("allows cloudtrail:LookupEvents, the call Sentinel makes", async () => {
                    expect(await permissionDecision(role.permissions, role.arn, "cloudtrail:LookupEvents", "*")).to.equal("Allowed");
                });
                const readsExpected: Decision = permissions === "readOnly" ? "Allowed" : "ImplicitlyDenied";
                const expectations: [PermissionRequest, Decision][] = [
                    ...NEVER_ALLOWED.map((r): [PermissionRequest, Decision] => [r, "ImplicitlyDenied"]),
                    ...MANAGED_READS.map((r): [PermissionRequest, Decision] => [r, readsExpected]),
                ];
                for (const [[action, resource], expected] of expectations) {
                    it(`${expected === "Allowed" ? "allows" : "denies"} ${action}`, async () => {
                        expect(await permissionDecision(role.permissions, role.arn, action, resource(accountId))).to.equal(expected);
                    });
                }
            });
        }
    }

    it("lets another workspace in when the template's trust lacks the external-ID condition (so the proofs can fail)", async () => {
        const template = templateOf("readOnly");
        const [statement] = template.Resources.SentinelRole.Properties.AssumeRolePolicyDocument.Statement;
        const { Condition: _dropped, ...unconditioned } = statement;
        const loosened: CloudFormationTemplate = {
            ...template,
            Resources: {
                SentinelRole: {
                    ...template.Resources.SentinelRole,
                    Properties: {
                        ...template.Resources.SentinelRole.Properties,
                        AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [unconditioned] },
                    },
                },
            },
        };
        const role = memberRole(loosened, MEMBER_ACCOUNTS[0]);
        expect(await trustDecision(role.trust, role.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": OTHER_WORKSPACE_ID })).to.equal("Allowed");
        // And the same role with the template's own trust keeps that workspace out.
        const tight = memberRole(template, MEMBER_ACCOUNTS[0]);
        expect(await trustDecision(tight.trust, tight.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": OTHER_WORKSPACE_ID })).to.equal(
            "ImplicitlyDenied",
        );
    });

    it("allows stopping the trail when the managed policy is swapped for cloudtrail:* (so the permission proofs can fail)", async () => {
        const role = memberRole(templateOf("readOnly"), MEMBER_ACCOUNTS[0]);
        const broad = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "cloudtrail:*", Resource: "*" }] };
        expect(await permissionDecision([broad], role.arn, "cloudtrail:StopLogging", TRAIL(role.accountId))).to.equal("Allowed");
    });
});
