import { expect } from "chai";
import { CLOUDTRAIL_READ_ONLY_POLICY_ARN } from "../src/constants";
import type { Plan, PlannedResource } from "../plan/record";
import { account, flatConfig, ofType, one, planOf, T } from "./helpers";

const trustOf = (role: PlannedResource) => JSON.parse(role.inputs.assumeRolePolicy as string);
const externalIdOf = (role: PlannedResource) => trustOf(role).Statement[0].Condition.StringEquals["sts:ExternalId"];
const providerOf = (plan: Plan, r: PlannedResource) => plan.resources.find((p) => p.urn === r.provider);

describe("the program", () => {
    describe("one account, new workspace", () => {
        let plan: Plan;
        before(async () => {
            plan = await planOf(flatConfig());
        });

        it("creates a resource group, a PerGB2018 workspace with 90 days' retention, and the onboarding", () => {
            expect(ofType(plan, T.resourceGroup)).to.have.length(1);
            const ws = one(plan, T.workspace, "sentinel-test");
            expect(ws.inputs.sku).to.deep.equal({ name: "PerGB2018" });
            expect(ws.inputs.retentionInDays).to.equal(90);
            expect(ws.inputs.workspaceName).to.equal("sentinel-test");
            const onboarding = ofType(plan, T.onboarding);
            expect(onboarding).to.have.length(1);
            expect(onboarding[0].inputs.sentinelOnboardingStateName).to.equal("default");
            expect(onboarding[0].inputs.workspaceName).to.equal(ws.outputs.name);
        });

        it("protects the resource group, the workspace and the onboarding", () => {
            for (const type of [T.resourceGroup, T.workspace, T.onboarding]) {
                expect(
                    ofType(plan, type).every((r) => r.protect),
                    type,
                ).to.equal(true);
            }
        });

        it("sets the workspace's own ID as the role's external ID", () => {
            const ws = one(plan, T.workspace, "sentinel-test");
            expect(ws.outputs.customerId).to.be.a("string").with.length.greaterThan(0);
            expect(externalIdOf(one(plan, T.role, "audit-sentinel-role"))).to.equal(ws.outputs.customerId);
        });

        it("attaches the CloudTrail read-only managed policy to the role", () => {
            const attachment = one(plan, T.attachment, "audit-sentinel-role-cloudtrail-read");
            expect(attachment.inputs.policyArn).to.equal(CLOUDTRAIL_READ_ONLY_POLICY_ARN);
            expect(attachment.inputs.role).to.equal(one(plan, T.role, "audit-sentinel-role").outputs.name);
        });

        it("gives the connector the role's ARN, with the right kind and logs enabled", () => {
            const connector = one(plan, T.connector, "audit-cloudtrail-connector");
            expect(connector.inputs.awsRoleArn).to.equal(one(plan, T.role, "audit-sentinel-role").outputs.arn);
            expect(connector.inputs.kind).to.equal("AmazonWebServicesCloudTrail");
            expect(connector.inputs.dataTypes).to.deep.equal({ logs: { state: "Enabled" } });
            expect(connector.inputs.workspaceName).to.equal("sentinel-test");
            expect(connector.inputs.resourceGroupName).to.equal("rg-sentinel-test");
        });

        it("creates the connector only after onboarding, the policy attachment and the IAM wait", () => {
            const connector = one(plan, T.connector, "audit-cloudtrail-connector");
            for (const before of [ofType(plan, T.onboarding)[0], one(plan, T.attachment, "audit-sentinel-role-cloudtrail-read"), ofType(plan, T.wait)[0]]) {
                expect(connector.dependsOn, before.name).to.include(before.urn);
            }
        });

        it("waits for IAM after the attachment, and again only when the role is replaced", () => {
            const wait = ofType(plan, T.wait)[0];
            const role = one(plan, T.role, "audit-sentinel-role");
            expect(wait.dependsOn).to.include(one(plan, T.attachment, "audit-sentinel-role-cloudtrail-read").urn);
            expect(wait.inputs.createDuration).to.equal("30s");
            // uniqueId changes only when IAM creates the role anew.
            expect((wait.inputs.triggers as Record<string, string>).roleUniqueId).to.equal(role.outputs.uniqueId);
        });

        it("exports the workspace, the trusted principal and each account's role and connector", () => {
            const ws = one(plan, T.workspace, "sentinel-test");
            expect(plan.outputs.workspaceId).to.equal(ws.outputs.customerId);
            expect(plan.outputs.workspaceResourceId).to.match(
                /\/resourceGroups\/rg-sentinel-test\/providers\/Microsoft\.OperationalInsights\/workspaces\/sentinel-test$/,
            );
            expect(plan.outputs.trustedPrincipal).to.equal("arn:aws:iam::197857026523:root");
            const connector = one(plan, T.connector, "audit-cloudtrail-connector");
            expect(plan.outputs.awsAccounts).to.deep.equal({
                audit: {
                    accountId: "111122223333",
                    connector: "cloudTrailApi",
                    roleArn: one(plan, T.role, "audit-sentinel-role").outputs.arn,
                    connectorId: connector.outputs.name,
                },
            });
        });
    });

    describe("several accounts", () => {
        const ids = ["111122223333", "222233334444", "333344445555"];
        let plan: Plan;
        before(async () => {
            plan = await planOf(
                flatConfig({
                    awsAccounts: [
                        account("a", ids[0]),
                        { name: "b", accountId: ids[1], region: "eu-central-1", profile: "b" },
                        account("c", ids[2], { roleName: "SentinelReader" }),
                    ],
                }),
            );
        });

        it("creates each role through a provider pinned to its own account and region", () => {
            const roles = ofType(plan, T.role);
            expect(roles).to.have.length(3);
            const pinned = roles.map((r) => {
                const provider = providerOf(plan, r)!;
                return [JSON.parse(provider.inputs.allowedAccountIds as string)[0], r.outputs.arn];
            });
            for (const [accountId, arn] of pinned) expect(arn).to.include(`::${accountId}:role/`);
            expect(new Set(roles.map((r) => r.provider)).size).to.equal(3);
            expect(providerOf(plan, one(plan, T.role, "b-sentinel-role"))!.inputs.region).to.equal("eu-central-1");
        });

        it("authenticates each provider the way its entry says", () => {
            const a = providerOf(plan, one(plan, T.role, "a-sentinel-role"))!;
            const b = providerOf(plan, one(plan, T.role, "b-sentinel-role"))!;
            expect(JSON.parse(a.inputs.assumeRoles as string)[0].roleArn).to.equal(`arn:aws:iam::${ids[0]}:role/pulumi-deploy`);
            expect(b.inputs.profile).to.equal("b");
            expect(b.inputs.assumeRoles).to.equal(undefined);
        });

        it("gives every connector its own account's role, never another's", () => {
            for (const label of ["a", "b", "c"]) {
                const connector = one(plan, T.connector, `${label}-cloudtrail-connector`);
                expect(connector.inputs.awsRoleArn).to.equal(one(plan, T.role, `${label}-sentinel-role`).outputs.arn);
            }
            expect(one(plan, T.role, "c-sentinel-role").inputs.name).to.equal("SentinelReader");
        });

        it("uses one workspace ID as every role's external ID", () => {
            const ws = one(plan, T.workspace, "sentinel-test");
            for (const role of ofType(plan, T.role)) expect(externalIdOf(role)).to.equal(ws.outputs.customerId);
        });

        it("gives each account a distinct connector ID that a re-run keeps", async () => {
            const connectorIds = ofType(plan, T.connector).map((c) => c.inputs.dataConnectorId);
            expect(new Set(connectorIds).size).to.equal(3);
            const again = await planOf(flatConfig({ awsAccounts: [account("a", ids[0])] }));
            expect(ofType(again, T.connector)[0].inputs.dataConnectorId).to.equal(one(plan, T.connector, "a-cloudtrail-connector").inputs.dataConnectorId);
        });

        it("changes nothing else when one account is removed", async () => {
            const fewer = await planOf(flatConfig({ awsAccounts: [account("a", ids[0]), account("c", ids[2], { roleName: "SentinelReader" })] }));
            const gone = plan.resources.filter((r) => !fewer.resources.some((f) => f.urn === r.urn));
            expect(gone.length).to.be.greaterThan(0);
            expect(gone.every((r) => r.name === "b" || r.name.startsWith("b-"))).to.equal(true);
            for (const kept of fewer.resources) {
                const before = plan.resources.find((r) => r.urn === kept.urn)!;
                expect(kept.inputs, kept.name).to.deep.equal(before.inputs);
            }
        });
    });

    describe("existing workspace", () => {
        let plan: Plan;
        before(async () => {
            plan = await planOf(
                flatConfig({
                    "azure-native:location": undefined,
                    workspace: { name: "soc-prod", resourceGroupName: "rg-soc", existing: true, onboard: false },
                }),
            );
        });

        it("creates, and so can never change or delete, no resource group or workspace", () => {
            expect(ofType(plan, T.resourceGroup)).to.have.length(0);
            expect(ofType(plan, T.workspace)).to.have.length(0);
            expect(ofType(plan, T.onboarding)).to.have.length(0);
        });

        it("looks the workspace up and uses its ID as the external ID", () => {
            expect(plan.lookups).to.have.length(1);
            const found = plan.lookups[0].outputs;
            expect(externalIdOf(ofType(plan, T.role)[0])).to.equal(found.customerId);
            expect(plan.outputs.workspaceId).to.equal(found.customerId);
            expect(ofType(plan, T.connector)[0].inputs.workspaceName).to.equal("soc-prod");
            expect(ofType(plan, T.connector)[0].inputs.resourceGroupName).to.equal("rg-soc");
        });

        it("onboards it only when asked", async () => {
            const onboarded = await planOf(
                flatConfig({ "azure-native:location": undefined, workspace: { name: "soc-prod", resourceGroupName: "rg-soc", existing: true } }),
            );
            const onboarding = ofType(onboarded, T.onboarding);
            expect(onboarding).to.have.length(1);
            expect(onboarding[0].inputs.workspaceName).to.equal("soc-prod");
            expect(ofType(onboarded, T.connector)[0].dependsOn).to.include(onboarding[0].urn);
        });
    });

    describe("switches", () => {
        it("leaves the workspace unprotected only when protect is false", async () => {
            const plan = await planOf(flatConfig({ workspace: { name: "sentinel-test", resourceGroupName: "rg-sentinel-test", protect: false } }));
            expect(ofType(plan, T.workspace)[0].protect).to.equal(false);
            expect(ofType(plan, T.resourceGroup)[0].protect).to.equal(false);
        });

        it("trusts the configured Microsoft account and waits the configured time", async () => {
            const plan = await planOf(flatConfig({ microsoftAccountId: "123456789012", iamPropagationSeconds: "90" }));
            expect(trustOf(ofType(plan, T.role)[0]).Statement[0].Principal.AWS).to.equal("arn:aws:iam::123456789012:root");
            expect(ofType(plan, T.wait)[0].inputs.createDuration).to.equal("90s");
            expect(plan.outputs.trustedPrincipal).to.equal("arn:aws:iam::123456789012:root");
        });

        it("tags the role and the Azure resources", async () => {
            const plan = await planOf(flatConfig({ tags: { owner: "secops" }, awsAccounts: [account("a", "111122223333", { tags: { team: "cloud" } })] }));
            expect(ofType(plan, T.role)[0].inputs.tags).to.deep.equal({ owner: "secops", team: "cloud" });
            expect(ofType(plan, T.workspace)[0].inputs.tags).to.deep.equal({ owner: "secops" });
        });
    });

    describe("rolePermissions: lookupEventsOnly", () => {
        let plan: Plan;
        before(async () => {
            plan = await planOf(
                flatConfig({
                    rolePermissions: "lookupEventsOnly",
                    awsAccounts: [account("narrow", "111122223333"), account("managed", "222233334444", { rolePermissions: "readOnly" })],
                }),
            );
        });

        it("puts an inline LookupEvents-only policy on the role instead of the managed policy", () => {
            const inline = one(plan, T.inlinePolicy, "narrow-sentinel-role-lookup-events");
            expect(inline.inputs.role).to.equal(one(plan, T.role, "narrow-sentinel-role").outputs.name);
            expect(JSON.parse(inline.inputs.policy as string).Statement).to.deep.equal([
                { Sid: "MicrosoftSentinelLookupEvents", Effect: "Allow", Action: "cloudtrail:LookupEvents", Resource: "*" },
            ]);
            expect(ofType(plan, T.attachment).map((a) => a.name)).to.deep.equal(["managed-sentinel-role-cloudtrail-read"]);
        });

        it("lets an account's own setting override the stack-wide one", () => {
            expect(ofType(plan, T.inlinePolicy).map((p) => p.name)).to.deep.equal(["narrow-sentinel-role-lookup-events"]);
        });

        it("waits for the inline policy and IAM propagation before creating the connector", () => {
            const inline = one(plan, T.inlinePolicy, "narrow-sentinel-role-lookup-events");
            const wait = one(plan, T.wait, "narrow-sentinel-role-iam-propagation");
            expect(wait.dependsOn).to.include(inline.urn);
            // A new inline policy (and so a new ID) means a new wait.
            const triggers = wait.inputs.triggers as Record<string, string>;
            expect(Object.keys(triggers)).to.have.members(["roleUniqueId", "inlinePolicyId"]);
            expect(triggers.inlinePolicyId).to.be.a("string").and.not.equal("");
            const connector = one(plan, T.connector, "narrow-cloudtrail-connector");
            expect(connector.dependsOn).to.include.members([inline.urn, wait.urn]);
        });
    });
});
