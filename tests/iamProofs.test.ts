// Proofs that the trust is tight and the role can only read CloudTrail: every role the
// program plans, for several configs, evaluated by a real IAM policy evaluator.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { CLOUDTRAIL_READ_ONLY_POLICY_ARN } from "../src/constants";
import type { Plan, PlannedResource } from "../src/plan/record";
import { anonymousPrincipal, Decision, permissionDecision, trustDecision } from "./iam/simulator";
import { account, flatConfig, Json, ofType, one, planOf, sampleConfig, T } from "./helpers";

const MICROSOFT = "197857026523";
/** A role in Microsoft's account, standing for the Sentinel service that assumes the role. */
const SENTINEL_CALLER = `arn:aws:iam::${MICROSOFT}:role/MSSentinelConnector`;

/** Managed policies are attached by ARN; their text is kept as fixtures, with sources. */
const MANAGED_POLICIES: Record<string, unknown> = {
    [CLOUDTRAIL_READ_ONLY_POLICY_ARN]: JSON.parse(readFileSync(path.join(__dirname, "fixtures", "AWSCloudTrail_ReadOnlyAccess.json"), "utf8")),
};

interface PlannedRole {
    readonly arn: string;
    readonly accountId: string;
    readonly trust: unknown;
    readonly permissions: readonly unknown[];
}

/** The role of one account entry, with its trust policy and every permission policy given to it. */
function roleOf(plan: Plan, label: string): PlannedRole {
    const role = one(plan, T.role, `${label}-sentinel-role`);
    const isOfRole = (r: PlannedResource) => r.inputs.role === role.outputs.name && r.provider === role.provider;
    const managed = ofType(plan, T.attachment).filter(isOfRole).map((a) => {
        const document = MANAGED_POLICIES[a.inputs.policyArn as string];
        if (!document) throw new Error(`no fixture for the managed policy ${String(a.inputs.policyArn)}`);
        return document;
    });
    const inline = ofType(plan, T.inlinePolicy).filter(isOfRole).map((p) => JSON.parse(p.inputs.policy as string));
    const arn = role.outputs.arn as string;
    return { arn, accountId: arn.split(":")[4], trust: JSON.parse(role.inputs.assumeRolePolicy as string), permissions: [...managed, ...inline] };
}

const workspaceIdOf = (plan: Plan) => plan.outputs.workspaceId as string;

type TrustRequest = (role: PlannedRole, workspaceId: string, otherWorkspaceId: string) => Promise<Decision>;

/** Who may assume each role: only Sentinel, presenting this workspace's ID, with sts:AssumeRole. */
const TRUST_REQUESTS: [string, Decision, TrustRequest][] = [
    ["Sentinel with this workspace's ID", "Allowed", (r, ws) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": ws })],
    ["Microsoft's account root with this workspace's ID", "Allowed", (r, ws) => trustDecision(r.trust, r.arn, `arn:aws:iam::${MICROSOFT}:root`, "sts:AssumeRole", { "sts:ExternalId": ws })],
    ["Sentinel with another workspace's ID (the confused deputy)", "ImplicitlyDenied", (r, _ws, other) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": other })],
    ["Sentinel with a made-up external ID", "ImplicitlyDenied", (r) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": "11111111-2222-3333-4444-555555555555" })],
    ["Sentinel with an empty external ID", "ImplicitlyDenied", (r) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": "" })],
    ["Sentinel with the workspace ID in upper case", "ImplicitlyDenied", (r, ws) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": ws.toUpperCase() })],
    ["Sentinel with the workspace ID and a trailing space", "ImplicitlyDenied", (r, ws) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": `${ws} ` })],
    ["Sentinel without an external ID", "ImplicitlyDenied", (r) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole")],
    ["another AWS account with this workspace's ID", "ImplicitlyDenied", (r, ws) => trustDecision(r.trust, r.arn, "arn:aws:iam::999988887777:role/attacker", "sts:AssumeRole", { "sts:ExternalId": ws })],
    ["an anonymous caller with this workspace's ID", "ImplicitlyDenied", (r, ws) => trustDecision(r.trust, r.arn, anonymousPrincipal, "sts:AssumeRole", { "sts:ExternalId": ws })],
    ["an administrator of the role's own account", "ImplicitlyDenied", (r, ws) => trustDecision(r.trust, r.arn, `arn:aws:iam::${r.accountId}:role/Admin`, "sts:AssumeRole", { "sts:ExternalId": ws })],
    ["Sentinel through sts:AssumeRoleWithWebIdentity", "ImplicitlyDenied", (r, ws) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRoleWithWebIdentity", { "sts:ExternalId": ws })],
    ["Sentinel through sts:AssumeRoleWithSAML", "ImplicitlyDenied", (r, ws) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRoleWithSAML", { "sts:ExternalId": ws })],
    ["Sentinel tagging its session (sts:TagSession)", "ImplicitlyDenied", (r, ws) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:TagSession", { "sts:ExternalId": ws })],
    ["Sentinel setting a source identity (sts:SetSourceIdentity)", "ImplicitlyDenied", (r, ws) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:SetSourceIdentity", { "sts:ExternalId": ws })],
];

type PermissionRequest = [action: string, resource: (accountId: string) => string];
const TRAIL = (a: string) => `arn:aws:cloudtrail:us-east-1:${a}:trail/organization-trail`;

/** What a session of the role must never do, whatever `rolePermissions` says. */
const NEVER_ALLOWED: PermissionRequest[] = [
    ["cloudtrail:StopLogging", TRAIL],
    ["cloudtrail:DeleteTrail", TRAIL],
    ["cloudtrail:PutEventSelectors", TRAIL],
    ["cloudtrail:UpdateTrail", TRAIL],
    ["cloudtrail:CreateTrail", TRAIL],
    ["iam:CreateUser", (a) => `arn:aws:iam::${a}:user/backdoor`],
    ["iam:AttachRolePolicy", (a) => `arn:aws:iam::${a}:role/MicrosoftSentinelCloudTrail-test`],
    ["iam:PassRole", (a) => `arn:aws:iam::${a}:role/Admin`],
    ["sts:AssumeRole", (a) => `arn:aws:iam::${a}:role/Admin`],
    ["s3:GetObject", () => "arn:aws:s3:::cloudtrail-logs/AWSLogs/o-example/trail.json.gz"],
    ["s3:PutObject", () => "arn:aws:s3:::cloudtrail-logs/AWSLogs/o-example/trail.json.gz"],
    ["s3:DeleteBucket", () => "arn:aws:s3:::cloudtrail-logs"],
];
/** Reads the managed read-only policy allows; the LookupEvents-only policy does not. */
const MANAGED_READS: PermissionRequest[] = [
    ["cloudtrail:DescribeTrails", () => "*"],
    ["cloudtrail:GetTrailStatus", TRAIL],
];

interface Scenario {
    readonly title: string;
    readonly config: () => Record<string, string>;
    readonly labels: readonly string[];
    readonly permissions: "readOnly" | "lookupEventsOnly";
}

const sample = () => sampleConfig("Pulumi.dev.yaml");
const existing: Json = { name: "sentinel-prod", resourceGroupName: "rg-soc", existing: true };

const SCENARIOS: Scenario[] = [
    { title: "one account, new workspace", config: () => flatConfig(), labels: ["audit"], permissions: "readOnly" },
    {
        title: "three accounts",
        config: () => flatConfig({ awsAccounts: [account("a", "111122223333"), account("b", "222233334444"), { name: "c", accountId: "333344445555", region: "eu-west-1", profile: "c" }] }),
        labels: ["a", "b", "c"],
        permissions: "readOnly",
    },
    { title: "existing workspace", config: () => flatConfig({ "azure-native:location": undefined, workspace: existing }), labels: ["audit"], permissions: "readOnly" },
    { title: "the sample dev stack", config: sample, labels: ["audit", "workloads"], permissions: "readOnly" },
    { title: "rolePermissions: lookupEventsOnly", config: () => flatConfig({ rolePermissions: "lookupEventsOnly" }), labels: ["audit"], permissions: "lookupEventsOnly" },
];

describe("IAM proofs (evaluated by @cloud-copilot/iam-simulate)", () => {
    let otherWorkspaceId: string;
    before(async () => {
        // Another Sentinel customer's workspace: another workspace name, so another ID.
        otherWorkspaceId = workspaceIdOf(await planOf(flatConfig({ workspace: { name: "someone-else", resourceGroupName: "rg-other" } })));
    });

    for (const scenario of SCENARIOS) {
        describe(scenario.title, () => {
            let plan: Plan;
            before(async () => {
                plan = await planOf(scenario.config(), "test");
                expect(workspaceIdOf(plan)).to.not.equal(otherWorkspaceId);
            });

            for (const label of scenario.labels) {
                describe(`the ${label} role's trust policy`, () => {
                    for (const [who, expected, request] of TRUST_REQUESTS) {
                        it(`${expected === "Allowed" ? "lets in" : "keeps out"} ${who}`, async () => {
                            expect(await request(roleOf(plan, label), workspaceIdOf(plan), otherWorkspaceId)).to.equal(expected);
                        });
                    }
                });

                describe(`the ${label} role's permissions`, () => {
                    it("allow cloudtrail:LookupEvents, the call Sentinel makes", async () => {
                        const role = roleOf(plan, label);
                        expect(await permissionDecision(role.permissions, role.arn, "cloudtrail:LookupEvents", "*")).to.equal("Allowed");
                    });
                    for (const [action, resource] of NEVER_ALLOWED) {
                        it(`deny ${action}`, async () => {
                            const role = roleOf(plan, label);
                            expect(await permissionDecision(role.permissions, role.arn, action, resource(role.accountId))).to.equal("ImplicitlyDenied");
                        });
                    }
                    const readsExpected: Decision = scenario.permissions === "readOnly" ? "Allowed" : "ImplicitlyDenied";
                    for (const [action, resource] of MANAGED_READS) {
                        it(`${readsExpected === "Allowed" ? "allow" : "deny"} ${action}`, async () => {
                            const role = roleOf(plan, label);
                            expect(await permissionDecision(role.permissions, role.arn, action, resource(role.accountId))).to.equal(readsExpected);
                        });
                    }
                });
            }
        });
    }

    describe("the evaluator catches a loosened policy (so the proofs above can fail)", () => {
        let plan: Plan;
        before(async () => {
            plan = await planOf(flatConfig());
        });

        it("lets another workspace in when the external-ID condition is missing", async () => {
            const role = roleOf(plan, "audit");
            const loosened = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MICROSOFT}:root` }, Action: "sts:AssumeRole" }] };
            expect(await trustDecision(loosened, role.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": otherWorkspaceId })).to.equal("Allowed");
        });

        it("lets anyone in when the principal is a wildcard", async () => {
            const role = roleOf(plan, "audit");
            const wildcard = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] };
            expect(await trustDecision(wildcard, role.arn, "arn:aws:iam::999988887777:role/attacker", "sts:AssumeRole")).to.equal("Allowed");
        });

        it("allows stopping the trail under a cloudtrail:* policy", async () => {
            const role = roleOf(plan, "audit");
            const broad = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "cloudtrail:*", Resource: "*" }] };
            expect(await permissionDecision([broad], role.arn, "cloudtrail:StopLogging", TRAIL(role.accountId))).to.equal("Allowed");
        });
    });
});
