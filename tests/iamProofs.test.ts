// Proofs that the trust is tight and the role can only read CloudTrail: every role the
// program plans, for several configs, evaluated by a real IAM policy evaluator.
import { expect } from "chai";
import type { Plan, PlannedResource } from "../plan/record";
import { managedPolicy, MANAGED_READS, MICROSOFT, NEVER_ALLOWED, RoleUnderTest, SENTINEL_CALLER, TRAIL, TRUST_REQUESTS } from "./iam/cloudTrailRoleRequests";
import { Decision, permissionDecision, trustDecision } from "./iam/simulator";
import { account, flatConfig, Json, ofType, one, planOf, sampleConfig, T } from "./helpers";

/** The role of one account entry, with its trust policy and every permission policy given to it. */
function roleOf(plan: Plan, label: string): RoleUnderTest {
    const role = one(plan, T.role, `${label}-sentinel-role`);
    const isOfRole = (r: PlannedResource) => r.inputs.role === role.outputs.name && r.provider === role.provider;
    const managed = ofType(plan, T.attachment)
        .filter(isOfRole)
        .map((a) => managedPolicy(a.inputs.policyArn as string));
    const inline = ofType(plan, T.inlinePolicy)
        .filter(isOfRole)
        .map((p) => JSON.parse(p.inputs.policy as string));
    const arn = role.outputs.arn as string;
    return { arn, accountId: arn.split(":")[4], trust: JSON.parse(role.inputs.assumeRolePolicy as string), permissions: [...managed, ...inline] };
}

const workspaceIdOf = (plan: Plan) => plan.outputs.workspaceId as string;

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
        config: () =>
            flatConfig({
                awsAccounts: [
                    account("a", "111122223333"),
                    account("b", "222233334444"),
                    { name: "c", accountId: "333344445555", region: "eu-west-1", profile: "c" },
                ],
            }),
        labels: ["a", "b", "c"],
        permissions: "readOnly",
    },
    {
        title: "existing workspace",
        config: () => flatConfig({ "azure-native:location": undefined, workspace: existing }),
        labels: ["audit"],
        permissions: "readOnly",
    },
    { title: "the sample dev stack", config: sample, labels: ["audit", "workloads"], permissions: "readOnly" },
    {
        title: "rolePermissions: lookupEventsOnly",
        config: () => flatConfig({ rolePermissions: "lookupEventsOnly" }),
        labels: ["audit"],
        permissions: "lookupEventsOnly",
    },
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
            const loosened = {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MICROSOFT}:root` }, Action: "sts:AssumeRole" }],
            };
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
