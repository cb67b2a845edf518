// The policy pack on plans of real configs (they must pass) and on deliberately broken
// variants of them (each must be reported, with the message the user would see), judged by
// the pack itself: started as the Pulumi CLI starts it and asked over its gRPC protocol.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { policies } from "../policy/policies";
import type { Plan, PlannedResource } from "../plan/record";
import { EXIT } from "../plan/cli";
import type { Violation } from "../plan/policyCheck";
import type { PackConfigFile } from "../plan/policyPack/packConfig";
import { loadStackConfig } from "../src/config/load";
import { readOrgAccounts } from "../plan/orgAccounts";
import { readContentCatalogue } from "../plan/contentCatalogue";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import { typeToken } from "../src/typeToken";
import { account, flatConfig, Json, planOf, ROOT, runPlanCli, runPlanCliWithPack, sampleConfig, T } from "./helpers";
import { programOnce } from "./planOnce";
import { SENTINEL_ISSUERS } from "../policy/types";
import { SENTINEL_OIDC } from "../src/s3Facts";
import { mandatory, of, usePolicyPack } from "./policy/packSession";

const tags = { "sentinel-aws:tags": undefined, tags: { owner: "secops" } };

/** A copy of the plan with `change` applied to its resources. */
function broken(plan: Plan, change: (resources: PlannedResource[]) => void): Plan {
    const copy = structuredClone(plan) as Plan & { resources: PlannedResource[] };
    change(copy.resources);
    return copy;
}
const find = (resources: PlannedResource[], type: string, name: string) =>
    resources.find((r) => r.type === type && r.name === name)! as PlannedResource & {
        inputs: Json;
        outputs: Json;
        propertyDependencies: Record<string, string[]>;
    };
const trust = (statement: Json) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

describe("policy pack (policy/)", () => {
    const evaluate = usePolicyPack();

    it(`has ${policies.length} rules, mandatory ones first, each with a description`, () => {
        const levels = policies.map((p) => p.enforcementLevel);
        expect(levels.indexOf("advisory")).to.be.greaterThan(levels.lastIndexOf("mandatory"));
        for (const p of policies) expect(p.description.length, p.name).to.be.greaterThan(20);
    });

    describe("passes the plans of real configs", () => {
        const configs: [string, () => Record<string, string>][] = [
            ["one account", () => flatConfig(tags)],
            [
                "three accounts",
                () =>
                    flatConfig({
                        ...tags,
                        awsAccounts: [
                            account("a", "111122223333"),
                            account("b", "222233334444"),
                            { name: "c", accountId: "333344445555", region: "eu-west-1" },
                        ],
                    }),
            ],
            [
                "an existing workspace",
                () =>
                    flatConfig({
                        ...tags,
                        "azure-native:location": undefined,
                        workspace: { name: "sentinel-prod", resourceGroupName: "rg-soc", existing: true },
                    }),
            ],
            ["rolePermissions: lookupEventsOnly", () => flatConfig({ ...tags, rolePermissions: "lookupEventsOnly" })],
            ["the sample dev stack", () => sampleConfig("Pulumi.dev.yaml")],
            ["the sample S3 connector stack", () => sampleConfig("examples/Pulumi.s3.yaml")],
            ["the sample Control Tower stack", () => sampleConfig("examples/Pulumi.controltower.yaml")],
        ];
        for (const [title, config] of configs) {
            it(`with no violation at all: ${title}`, async () => {
                expect(await evaluate(await planOf(config()))).to.deep.equal([]);
            });
        }

        it("with no violation at all: the sample organisation stack, with its account list", async () => {
            const config = sampleConfig("examples/Pulumi.org.yaml");
            const organization = loadStackConfig(config, "org").organization!;
            const orgAccounts = readOrgAccounts(path.join(ROOT, "examples/Pulumi.org.org-accounts.json"), organization.organizationalUnitIds);
            const plan = await programOnce("org", config, { orgAccounts });
            expect(plan.resources.filter((r) => r.type === T.connector)).to.have.length.greaterThan(2);
            expect(await evaluate(plan)).to.deep.equal([]);
        });
    });

    describe("reports what is broken", () => {
        let plan: Plan;
        let narrow: Plan;
        before(async () => {
            plan = await planOf(flatConfig(tags));
            narrow = await planOf(flatConfig({ ...tags, rolePermissions: "lookupEventsOnly" }));
        });

        const roleTrust = (statement: Json) => (rs: PlannedResource[]) => {
            find(rs, T.role, "audit-sentinel-role").inputs.assumeRolePolicy = trust(statement);
        };
        const microsoft = { AWS: "arn:aws:iam::197857026523:root" };

        it("a trust without the external-ID condition", async () => {
            const vs = await evaluate(broken(plan, roleTrust({ Effect: "Allow", Principal: microsoft, Action: "sts:AssumeRole" })));
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["cross-account-trust-requires-external-id"]);
            expect(vs[0].resource).to.equal("audit-sentinel-role");
            expect(vs[0].message).to.include("lets 197857026523 assume this role without a StringEquals condition on sts:ExternalId");
        });

        it("an external ID matched with StringLike and a wildcard", async () => {
            const vs = await evaluate(
                broken(plan, roleTrust({ Effect: "Allow", Principal: microsoft, Action: "sts:*", Condition: { StringLike: { "sts:ExternalId": "*" } } })),
            );
            expect(of(vs, "cross-account-trust-requires-external-id")).to.have.length(1);
        });

        it("a wildcard principal", async () => {
            const vs = await evaluate(
                broken(
                    plan,
                    roleTrust({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "x" } } }),
                ),
            );
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["no-wildcard-trust-principal"]);
            expect(vs[0].message).to.include("allows a wildcard principal (AWS: *)");
        });

        it("NotPrincipal in an Allow statement", async () => {
            const vs = await evaluate(
                broken(plan, roleTrust({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::999988887777:root" }, Action: "sts:AssumeRole" })),
            );
            expect(of(vs, "no-wildcard-trust-principal")[0].message).to.include("NotPrincipal");
        });

        it("but not a trust of the role's own account, which needs no external ID", async () => {
            const vs = await evaluate(
                broken(plan, roleTrust({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" })),
            );
            expect(vs).to.deep.equal([]);
        });

        describe("a role whose external ID is not the stack's workspace ID", () => {
            const OTHER = "0f0e0d0c-0b0a-4998-8776-655443322110";
            /** The plan with the role trusting Microsoft for the external ID `id`, as given and as deployed. */
            const withExternalId = (p: Plan, id: string) =>
                broken(p, (rs) => {
                    const role = find(rs, T.role, "audit-sentinel-role");
                    role.inputs.assumeRolePolicy = role.outputs.assumeRolePolicy = trust({
                        Effect: "Allow",
                        Principal: microsoft,
                        Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "sts:ExternalId": id } },
                    });
                });
            const workspaceId = (p: Plan) => find(p.resources as PlannedResource[], T.workspace, "sentinel-test").outputs.customerId as string;

            it("another workspace's, but not the workspace's the stack creates", async () => {
                const ws = workspaceId(plan);
                expect(await evaluate(withExternalId(plan, ws))).to.deep.equal([]);
                const vs = await evaluate(withExternalId(plan, OTHER));
                expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["cross-account-trust-requires-external-id"]);
                expect(vs[0].resource).to.equal("audit-sentinel-role");
                expect(vs[0].message).to.include(
                    `The trust policy of role audit-sentinel-role (a statement) requires the external ID ${OTHER}, which is not this stack's workspace ID (${ws})`,
                );
            });

            it("as advice while the workspace ID is not known (a first preview)", async () => {
                const preview = broken(withExternalId(plan, OTHER), (rs) => {
                    find(rs, T.workspace, "sentinel-test").outputs.customerId = pulumi.unknown;
                });
                const vs = of(await evaluate({ ...preview, preview: true }), "cross-account-trust-requires-external-id");
                expect(vs.map((v) => v.enforcementLevel)).to.deep.equal(["advisory"]);
                expect(vs[0].message).to.include("during preview");
            });

            it("for an existing workspace, one not in the rule's workspaceIds", async () => {
                const existing = await planOf(
                    flatConfig({
                        ...tags,
                        "azure-native:location": undefined,
                        workspace: { name: "sentinel-prod", resourceGroupName: "rg-soc", existing: true },
                    }),
                );
                const stray = withExternalId(existing, OTHER);
                const listed = (ids: string[]): PackConfigFile => ({ "cross-account-trust-requires-external-id": { workspaceIds: ids } });
                expect(await evaluate(stray, listed([OTHER]))).to.deep.equal([]);
                const vs = await evaluate(stray, listed(["11111111-2222-4333-8444-555555555555"]));
                expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["cross-account-trust-requires-external-id"]);
                expect(vs[0].message).to.include(
                    `requires the external ID ${OTHER}, which is not this stack's workspace ID (11111111-2222-4333-8444-555555555555)`,
                );
            });
        });

        it("an extra managed policy attached to a Sentinel role", async () => {
            const vs = await evaluate(
                broken(plan, (rs) => {
                    const attachment = structuredClone(find(rs, T.attachment, "audit-sentinel-role-cloudtrail-read"));
                    Object.assign(attachment, { name: "audit-admin", urn: `${attachment.urn}-admin` });
                    attachment.inputs.policyArn = attachment.outputs.policyArn = "arn:aws:iam::aws:policy/AdministratorAccess";
                    rs.push(attachment);
                }),
            );
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["sentinel-role-reads-cloudtrail-only"]);
            expect(vs[0].resource).to.equal("audit-sentinel-role");
            expect(vs[0].message).to.include("arn:aws:iam::aws:policy/AdministratorAccess (audit-admin)");
        });

        it("an inline policy on a Sentinel role that can stop the trail", async () => {
            const vs = await evaluate(
                broken(narrow, (rs) => {
                    const inline = find(rs, T.inlinePolicy, "audit-sentinel-role-lookup-events");
                    inline.outputs.policy = JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Action: ["cloudtrail:LookupEvents", "cloudtrail:*"], Resource: "*" }],
                    });
                }),
            );
            expect(of(vs, "sentinel-role-reads-cloudtrail-only")[0].message).to.include("cloudtrail:* (audit-sentinel-role-lookup-events)");
        });

        it("managed policies listed on a Sentinel role itself", async () => {
            const vs = await evaluate(
                broken(plan, (rs) => {
                    find(rs, T.role, "audit-sentinel-role").outputs.managedPolicyArns = ["arn:aws:iam::aws:policy/IAMFullAccess"];
                }),
            );
            expect(of(vs, "sentinel-role-reads-cloudtrail-only")[0].message).to.include("IAMFullAccess (the role's managedPolicyArns)");
        });

        it("an S3 connector role that may write logs, or read every queue", async () => {
            const s3 = await planOf(sampleConfig("examples/Pulumi.s3.yaml"), "s3");
            const vs = await evaluate(
                broken(s3, (rs) => {
                    const read = find(rs, T.inlinePolicy, "security-sentinel-read");
                    const policy = JSON.parse(read.inputs.policy as string);
                    policy.Statement.push(
                        { Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" },
                        { Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "*" },
                    );
                    read.outputs.policy = JSON.stringify(policy);
                }),
            );
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["sentinel-s3-role-reads-logs-only"]);
            expect(vs[0].resource).to.equal("security-sentinel-role");
            expect(vs[0].message)
                .to.include("s3:PutObject (security-sentinel-read)")
                .and.include("sqs:ReceiveMessage on every resource (security-sentinel-read)");
        });

        it("an S3 connector role that may read beyond the prefixes of its log types", async () => {
            const s3 = await planOf(sampleConfig("examples/Pulumi.s3.yaml"), "s3");
            const vs = await evaluate(
                broken(s3, (rs) => {
                    const read = find(rs, T.inlinePolicy, "security-sentinel-read");
                    const policy = JSON.parse(read.inputs.policy as string);
                    const objects = policy.Statement.find((s: Json) => s.Sid === "ReadLogObjects");
                    // AWS Config's files in the bucket, which no connector of this role takes.
                    objects.Resource.push(String(objects.Resource[0]).replace(/CloudTrail\/\*$/, "Config/*"));
                    read.outputs.policy = JSON.stringify(policy);
                }),
            );
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["sentinel-s3-role-reads-its-prefixes"]);
            expect(vs[0].resource).to.equal("security-sentinel-role");
            expect(vs[0].message).to.match(
                /\/AWSLogs\/444455556666\/Config\/\* \(security-sentinel-read; its log types' prefixes: .*vpcflowlogs\/\*.*CloudWatch\/\*\)/,
            );
        });

        it("an S3 connector role that may read WAF's whole bucket, not its WAFLogs prefix", async () => {
            const s3 = await planOf(sampleConfig("examples/Pulumi.s3.yaml"), "s3");
            const vs = await evaluate(
                broken(s3, (rs) => {
                    const read = find(rs, T.inlinePolicy, "security-sentinel-read");
                    const policy = JSON.parse(read.inputs.policy as string);
                    const objects = policy.Statement.find((s: Json) => s.Sid === "ReadWafLogObjects");
                    objects.Resource = [String(objects.Resource[0]).replace(/WAFLogs\/\*$/, "*")];
                    read.outputs.policy = JSON.stringify(policy);
                }),
            );
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["sentinel-s3-role-reads-its-prefixes"]);
            expect(vs[0].message).to.match(
                /aws-waf-logs-[\w-]+\/AWSLogs\/444455556666\/\* \(security-sentinel-read; its log types' prefixes: AWSLogs\/444455556666\/WAFLogs\/\*\)/,
            );
        });

        it("an S3 connector whose role is not in the stack", async () => {
            const s3 = await planOf(sampleConfig("examples/Pulumi.s3.yaml"), "s3");
            const vs = await evaluate(
                broken(s3, (rs) => {
                    const connector = find(rs, T.armResource, "org-cloudTrail-connector");
                    connector.outputs.properties = { ...(connector.outputs.properties as Json), roleArn: "arn:aws:iam::111122223333:role/OIDC_Elsewhere" };
                    connector.propertyDependencies = {};
                }),
            );
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["sentinel-connector-role-known"]);
            expect(vs[0].message).to.include("OIDC_Elsewhere");
        });

        it("a connector whose role is not in the stack, unless declared external", async () => {
            const elsewhere = "arn:aws:iam::111122223333:role/SomeoneElses";
            const stray = broken(plan, (rs) => {
                const connector = find(rs, T.connector, "audit-cloudtrail-connector");
                connector.outputs.awsRoleArn = elsewhere;
                connector.propertyDependencies = {};
            });
            const vs = await evaluate(stray);
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["sentinel-connector-role-known"]);
            expect(vs[0].message).to.include(`uses the role ${elsewhere}, which is neither a role in this stack nor listed in externalRoleArns`);
            const declared: PackConfigFile = { "sentinel-connector-role-known": { externalRoleArns: [elsewhere] } };
            expect(await evaluate(stray, declared)).to.deep.equal([]);
        });

        it("traces a connector's role by dependency when its ARN is not known yet (a preview)", async () => {
            const preview = broken(plan, (rs) => {
                delete find(rs, T.connector, "audit-cloudtrail-connector").outputs.awsRoleArn;
            });
            expect(await evaluate(preview)).to.deep.equal([]);
        });

        it("an unprotected workspace (workspace.protect: false)", async () => {
            const vs = await evaluate(await planOf(flatConfig({ ...tags, workspace: { name: "sentinel-test", resourceGroupName: "rg", protect: false } })));
            expect(mandatory(vs).map((v) => v.policy)).to.deep.equal(["workspace-protected"]);
            expect(vs[0].message).to.include("Workspace sentinel-test is not protected");
        });

        it("retention below 90 days, as advice", async () => {
            const vs = await evaluate(
                await planOf(flatConfig({ ...tags, workspace: { name: "sentinel-test", resourceGroupName: "rg", retentionInDays: 30 } })),
            );
            expect(vs.map((v) => [v.policy, v.enforcementLevel])).to.deep.equal([["workspace-retention", "advisory"]]);
            expect(vs[0].message).to.include("keeps data for 30 days, less than 90");
        });

        it("resources without tags, or without the required ones, as advice", async () => {
            const untagged = await evaluate(await planOf(flatConfig()));
            expect(untagged.map((v) => v.resource).sort()).to.deep.equal(["audit-sentinel-role", "sentinel-test", "sentinel-test-rg"]);
            expect(untagged.every((v) => v.policy === "resources-tagged" && v.enforcementLevel === "advisory")).to.equal(true);
            const required = await evaluate(plan, { "resources-tagged": { requiredTags: ["owner", "costCenter"] } });
            expect(required).to.have.length(3);
            expect(required[0].message).to.include("lacks the required tags costCenter");
        });
    });

    describe("detections for the tables the stack fills (a stack with rules)", () => {
        let withRules: Plan;
        before(async () => {
            const catalogue = readContentCatalogue(path.join(ROOT, "examples/Pulumi.content.content-catalogue.json"));
            withRules = await planOf(flatConfig({ ...tags, content: { analyticsRules: ["recommended"] } }), "test", { contentCatalogue: catalogue });
        });
        const rulesOf = (resources: PlannedResource[]) => resources.filter((r) => r.type === typeToken(securityinsights.ScheduledAlertRule));

        it("finds nothing when an enabled rule reads each filled table, and judges nothing else of the content", async () => {
            expect(rulesOf([...withRules.resources])).to.have.length(2);
            expect(await evaluate(withRules)).to.deep.equal([]);
        });

        it("advises, on the connector, of a filled table that no enabled rule reads", async () => {
            const disabled = broken(withRules, (rs) => rulesOf(rs).forEach((r) => [r.inputs, r.outputs].forEach((props) => (props.enabled = false))));
            const vs = await evaluate(disabled);
            expect(vs.map((v) => [v.policy, v.enforcementLevel, v.resource])).to.deep.equal([
                ["detections-for-connected-tables", "advisory", "audit-cloudtrail-connector"],
            ]);
            expect(vs[0].message).to.include("fills AWSCloudTrail").and.include("sentinel-aws:content.analyticsRules");
            // A query that only mentions a longer name (AWSCloudTrailX) does not read the table.
            const elsewhere = broken(withRules, (rs) =>
                rulesOf(rs).forEach((r) => [r.inputs, r.outputs].forEach((props) => (props.query = "AWSCloudTrailArchive | take 1"))),
            );
            expect(of(await evaluate(elsewhere), "detections-for-connected-tables")).to.have.length(1);
        });
    });

    describe("reports a web-identity trust of a Sentinel role that is looser than Microsoft's", () => {
        let s3: Plan;
        let ws: string;
        before(async () => {
            s3 = await planOf(sampleConfig("examples/Pulumi.s3.yaml"), "s3");
            ws = find(s3.resources as PlannedResource[], T.workspace, "sentinel-s3").outputs.customerId as string;
        });
        const ISSUER = "sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/";
        const AUDIENCE = "api://1462b192-27f7-4cb9-8523-0f4ecb54b47e";
        /** The sample's security role with its trust condition (and optionally its federated provider) replaced. */
        const withTrust = (condition: Json, provider?: string) =>
            broken(s3, (rs) => {
                const role = find(rs, T.role, "security-sentinel-role");
                const statement = JSON.parse(role.outputs.assumeRolePolicy as string).Statement[0];
                role.outputs.assumeRolePolicy = trust({ ...statement, Condition: condition, ...(provider ? { Principal: { Federated: provider } } : {}) });
            });
        const webIdentity = async (condition: Json, provider?: string) => of(await evaluate(withTrust(condition, provider)), "sentinel-web-identity-trust");

        it("holds the pack's copy of Sentinel's issuers and audiences to the program's", () => {
            expect(SENTINEL_ISSUERS).to.deep.equal(Object.fromEntries(Object.values(SENTINEL_OIDC).map((o) => [o.url.replace("https://", ""), o.audience])));
        });

        it("but not Microsoft's exact trust, nor the Defender for Cloud session name of this workspace", async () => {
            expect(await webIdentity({ StringEquals: { [`${ISSUER}:aud`]: AUDIENCE, "sts:RoleSessionName": `MicrosoftSentinel_${ws}` } })).to.deep.equal([]);
            expect(
                await webIdentity({
                    StringEquals: { [`${ISSUER}:aud`]: AUDIENCE, "sts:RoleSessionName": [`MicrosoftSentinel_${ws}`, `MicrosoftDefenderForClouds_${ws}`] },
                }),
            ).to.deep.equal([]);
        });

        it("a trust without Sentinel's audience, or with another application's", async () => {
            const [missing] = await webIdentity({ StringEquals: { "sts:RoleSessionName": `MicrosoftSentinel_${ws}` } });
            expect(missing.enforcementLevel).to.equal("mandatory");
            expect(missing.resource).to.equal("security-sentinel-role");
            expect(missing.message).to.include(`without StringEquals ${ISSUER}:aud = ${AUDIENCE}`);
            expect(
                await webIdentity({ StringEquals: { [`${ISSUER}:aud`]: "api://another-app", "sts:RoleSessionName": `MicrosoftSentinel_${ws}` } }),
            ).to.have.length(1);
            expect(
                await webIdentity({ StringLike: { [`${ISSUER}:aud`]: "*" }, StringEquals: { "sts:RoleSessionName": `MicrosoftSentinel_${ws}` } }),
            ).to.have.length(1);
        });

        it("a trust without the session name, with a wildcard, or with another workspace's", async () => {
            const [missing] = await webIdentity({ StringEquals: { [`${ISSUER}:aud`]: AUDIENCE } });
            expect(missing.message).to.include("without StringEquals sts:RoleSessionName = MicrosoftSentinel_<workspace ID>");
            expect(
                await webIdentity({ StringEquals: { [`${ISSUER}:aud`]: AUDIENCE }, StringLike: { "sts:RoleSessionName": "MicrosoftSentinel_*" } }),
            ).to.have.length(1);
            const [other] = await webIdentity({
                StringEquals: { [`${ISSUER}:aud`]: AUDIENCE, "sts:RoleSessionName": "MicrosoftSentinel_0f0e0d0c-0b0a-4998-8776-655443322110" },
            });
            expect(other.message).to.include("MicrosoftSentinel_0f0e0d0c-0b0a-4998-8776-655443322110").and.include(`this stack's workspace ID (${ws})`);
            expect(await webIdentity({ StringEquals: { [`${ISSUER}:aud`]: AUDIENCE, "sts:RoleSessionName": `Attacker_${ws}` } })).to.have.length(1);
        });

        it("a Sentinel connector's role that trusts another OIDC issuer", async () => {
            const [v] = await webIdentity(
                { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } },
                "arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com",
            );
            expect(v.message).to.include("token.actions.githubusercontent.com, which is not Microsoft Sentinel's issuer");
        });

        it("takes the ID of an existing workspace from its config", async () => {
            const looked = "0f0e0d0c-0b0a-4998-8776-655443322110";
            const plan = withTrust({ StringEquals: { [`${ISSUER}:aud`]: AUDIENCE, "sts:RoleSessionName": `MicrosoftSentinel_${looked}` } });
            expect(of(await evaluate(plan), "sentinel-web-identity-trust")).to.have.length(1);
            expect(of(await evaluate(plan, { "sentinel-web-identity-trust": { workspaceIds: [looked] } }), "sentinel-web-identity-trust")).to.deep.equal([]);
        });
    });

    describe("npm run plan -- --check-policy", () => {
        // The file's running pack; the first test has the plan start one of its own, as `npm run plan` does.
        const run = (...argv: string[]) => runPlanCliWithPack(evaluate.pack(), ...argv);

        it("passes the sample stack, saying so in the comment", async () => {
            const { code, stdout } = await runPlanCli("--stack", "dev", "--format", "markdown", "--check-policy");
            expect(code).to.equal(EXIT.ok);
            expect(stdout).to.include(`Policy pack: no violations of its ${policies.length} rules.`);
        });

        it("exits 3 on a mandatory violation, and lists it first in every format", async () => {
            const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-policy-"));
            const file = path.join(dir, "Pulumi.weak.yaml");
            writeFileSync(
                file,
                stringify({
                    config: {
                        "azure-native:location": "westeurope",
                        "sentinel-aws:workspace": { name: "sentinel-weak", resourceGroupName: "rg", protect: false },
                        "sentinel-aws:awsAccounts": [account("a", "111122223333")],
                    },
                }),
            );
            const markdown = await run("--config-file", file, "--format", "markdown", "--check-policy");
            expect(markdown.code).to.equal(EXIT.policyViolated);
            expect(markdown.stdout).to.match(
                /### Policy pack: 1 mandatory and \d+ advisory violations\n\n\| level \| rule \| resource \| message \|\n\|---\|---\|---\|---\|\n\| \*\*mandatory\*\* \| `workspace-protected` \| sentinel-weak \|/,
            );
            const json = JSON.parse((await run("--config-file", file, "--json", "--check-policy")).stdout) as { policyViolations: Violation[] };
            expect(json.policyViolations.filter((v) => v.enforcementLevel === "mandatory").map((v) => v.policy)).to.deep.equal(["workspace-protected"]);
            expect((await run("--config-file", file, "--check-policy")).stdout).to.include("[mandatory] workspace-protected (sentinel-weak)");
            expect((await run("--config-file", file)).code, "without the flag the pack is not run").to.equal(EXIT.ok);
        });
    });
});
