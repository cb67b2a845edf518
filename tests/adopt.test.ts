// Adopting a connection made by hand: the role, its policy attachment and the connector are
// imported with the inputs Microsoft's manual steps leave (Pulumi refuses an import whose
// inputs differ), then tightened in place; the workspace can be adopted the same way.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { EXIT } from "../plan/cli";
import { diffPlans } from "../plan/diff";
import { type Plan } from "../plan/record";
import { planToJson } from "../plan/render";
import { account, flatConfig, Json, ofType, planOf, runPlanCli, stackFileText, T } from "./helpers";
import { programOnce } from "./planOnce";

const SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";
const CONNECTOR = "6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const OLD_POLICY = "arn:aws:iam::aws:policy/AWSCloudTrailReadOnlyAccess";
const adopt = (extra: Json = {}) => ({ roleName: "SentinelByHand", connectorId: CONNECTOR, policyArn: OLD_POLICY, ...extra });
const adopting = (label: string, extra: Json = {}, more: Json = {}) =>
    flatConfig({
        "azure-native:subscriptionId": SUBSCRIPTION,
        tags: { owner: "secops" },
        awsAccounts: [account(label, "111122223333", { adopt: adopt(extra) })],
        ...more,
    });
const only = (plan: Plan, type: string) => {
    const [r, ...rest] = ofType(plan, type);
    expect(rest, type).to.deep.equal([]);
    return r;
};
const trustOf = (plan: Plan) => JSON.parse(only(plan, T.role).inputs.assumeRolePolicy as string);

describe("adopting a connection made by hand", () => {
    let asIs: Plan;
    let tightened: Plan;
    before(async () => {
        asIs = await planOf(adopting("audit"));
        tightened = await planOf(adopting("audit", { tighten: true }));
    });

    describe("step 1: adopt as it is", () => {
        it("imports the role, its attachment and the connector by their IDs, and creates only the provider and the IAM wait", () => {
            expect(only(asIs, T.role).importId).to.equal("SentinelByHand");
            expect(only(asIs, T.attachment).importId).to.equal(`SentinelByHand/${OLD_POLICY}`);
            const workspace = "/resourceGroups/rg-sentinel-test/providers/Microsoft.OperationalInsights/workspaces/sentinel-test";
            expect(only(asIs, T.connector).importId).to.equal(
                `/subscriptions/${SUBSCRIPTION}${workspace}/providers/Microsoft.SecurityInsights/dataConnectors/${CONNECTOR}`,
            );
            const created = asIs.resources.filter((r) => r.custom && !r.importId).map((r) => r.type);
            expect(created.sort()).to.deep.equal([T.resourceGroup, T.workspace, T.onboarding, T.awsProvider, T.wait].sort());
        });

        it("describes them as Microsoft's manual steps leave them: the console's trust, no description, no tags, the attached policy, the connector ID as given", () => {
            const workspaceId = only(asIs, T.workspace).outputs.customerId;
            expect(trustOf(asIs)).to.deep.equal({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { AWS: "arn:aws:iam::197857026523:root" },
                        Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "sts:ExternalId": workspaceId } },
                    },
                ],
            });
            const role = only(asIs, T.role).inputs;
            expect(role.name).to.equal("SentinelByHand");
            expect(role).to.not.have.any.keys("description", "tags");
            expect(only(asIs, T.attachment).inputs.policyArn).to.equal(OLD_POLICY);
            expect(only(asIs, T.connector).inputs).to.include({ dataConnectorId: CONNECTOR, awsRoleArn: "arn:aws:iam::111122223333:role/SentinelByHand" });
        });

        it("describes the tags a role made by hand has, when the adopt block names them", async () => {
            const plan = await planOf(adopting("audit", { tags: { CostCenter: "4711" } }));
            expect(only(plan, T.role).inputs.tags).to.deep.equal({ CostCenter: "4711" });
        });

        it("needs no roleName even where the stack's name makes no valid default one", async () => {
            const long = `s${"x".repeat(60)}`;
            const config = adopting("audit");
            const plan = await programOnce(long, config);
            expect(only(plan, T.role).inputs.name).to.equal("SentinelByHand");
        });

        it("shows the imports as imports in the plan, not as creates", async () => {
            const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-adopt-"));
            const file = path.join(dir, "Pulumi.adopt.yaml");
            writeFileSync(file, stackFileText(adopting("audit")));
            const text = await runPlanCli("--config-file", file);
            expect(text.code, text.stderr).to.equal(EXIT.ok);
            expect(text.stdout).to.match(/resources to create, 3 to import/);
            expect(text.stdout).to.include("  = aws:iam/role:Role  adopted-111122223333-sentinel-role  (imports SentinelByHand)");
            const markdown = await runPlanCli("--config-file", file, "--format", "markdown");
            expect(markdown.stdout).to.include("| = | Azure | `azure-native:securityinsights:AwsCloudTrailDataConnector` | 1 |");
        });

        it("shows them as imports in the pull-request comment too, which diffs against the base branch's plan", async () => {
            const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-adopt-diff-"));
            const base = path.join(dir, "base.json");
            // The base branch connects another account; the pull request adopts this one.
            writeFileSync(
                base,
                JSON.stringify(planToJson(await planOf(flatConfig({ tags: { owner: "secops" }, awsAccounts: [account("other", "222233334444")] })))),
            );
            const file = path.join(dir, "Pulumi.adopt.yaml");
            writeFileSync(file, stackFileText(adopting("audit")));
            const text = await runPlanCli("--config-file", file, "--diff-against", base);
            expect(text.code, text.stderr).to.equal(EXIT.ok);
            expect(text.stdout).to.match(/: \d+ to add, 3 to import, /);
            expect(text.stdout).to.include("  = aws:iam/role:Role  adopted-111122223333-sentinel-role  (imports SentinelByHand)");
            const markdown = await runPlanCli("--config-file", file, "--format", "markdown", "--diff-against", base);
            expect(markdown.stdout).to.include("| = | Azure | `azure-native:securityinsights:AwsCloudTrailDataConnector` | 1 |");
        });
    });

    describe("step 2: tighten", () => {
        it("imports nothing more and changes the role in place to the program's trust, description and tags", () => {
            expect(tightened.resources.filter((r) => r.importId)).to.deep.equal([]);
            expect(trustOf(tightened).Statement[0].Sid).to.equal("MicrosoftSentinelCloudTrailConnector");
            const diff = diffPlans(planToJson(asIs), planToJson(tightened), "step 1");
            const changedRole = diff.changed.find((c) => c.head.type === T.role)!;
            expect(Object.keys(changedRole.changes).sort()).to.deep.equal(["assumeRolePolicy", "description", "tags"]);
            // Same resources, same names: the connector and role are never created anew or deleted.
            expect(diff.added.map((r) => r.type)).to.deep.equal([]);
            expect(diff.removed.map((r) => r.type)).to.deep.equal([]);
            expect(diff.changed.map((c) => c.head.type)).to.not.include(T.connector);
        });

        it("moves the attachment to the current managed policy", () => {
            expect(only(tightened, T.attachment).inputs.policyArn).to.equal("arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess");
            expect(only(tightened, T.attachment).urn).to.equal(only(asIs, T.attachment).urn);
        });
    });

    it("keeps every adopted resource's URN when the entry is renamed, so no live connector or role is deleted", async () => {
        const renamed = await planOf(adopting("security"));
        for (const type of [T.role, T.attachment, T.connector, T.awsProvider]) expect(only(renamed, type).urn, type).to.equal(only(asIs, type).urn);
        expect(only(renamed, T.connector).inputs.dataConnectorId).to.equal(CONNECTOR);
    });

    it("imports a workspace made by hand: its resource group, workspace and onboarding, by their ARM IDs", async () => {
        const plan = await planOf(
            flatConfig({
                "azure-native:subscriptionId": SUBSCRIPTION,
                workspace: { name: "sentinel-test", resourceGroupName: "rg-sentinel-test", adopt: true },
            }),
        );
        const group = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-sentinel-test`;
        const workspace = `${group}/providers/Microsoft.OperationalInsights/workspaces/sentinel-test`;
        expect(only(plan, T.resourceGroup).importId).to.equal(group);
        expect(only(plan, T.workspace).importId).to.equal(workspace);
        expect(only(plan, T.onboarding).importId).to.equal(`${workspace}/providers/Microsoft.SecurityInsights/onboardingStates/default`);
        expect(only(plan, T.connector).importId).to.equal(undefined);
    });
});
