// Resource options a production user expects: logs kept in the clouds when asked
// (retainOnDelete), tags that policies outside this program rewrite left alone
// (ignoreChanges), and children that die with their parent not deleted first (deletedWith).
import { expect } from "chai";
import { diffPlans } from "../plan/diff";
import type { Plan } from "../plan/record";
import { planToJson } from "../plan/render";
import { account, flatConfig, Json, planOf, T } from "./helpers";

const s3Account = account("logs", "444455556666", {
    connector: "s3",
    s3: {
        logTypes: ["cloudTrail", "guardDuty", "waf"],
        guardDutyDetectorId: "12abc34d567e8fa901bc2d34e56789f0",
        wafWebAclArns: ["arn:aws:wafv2:us-east-1:444455556666:regional/webacl/shop/1234abcd-12ab-34cd-56ef-1234567890ab"],
    },
});
const config = (extra: Json = {}) => flatConfig({ tags: { owner: "secops" }, awsAccounts: [account("audit", "111122223333"), s3Account], ...extra });
const custom = (plan: Plan) => plan.resources.filter((r) => r.custom);
const names = (plan: Plan, pick: (r: Plan["resources"][number]) => boolean) =>
    custom(plan)
        .filter(pick)
        .map((r) => r.type)
        .sort();

describe("resource options", () => {
    let plain: Plan;
    before(async () => {
        plain = await planOf(config());
    });

    it("sets neither retainOnDelete nor ignoreChanges unless config asks", () => {
        expect(custom(plain).filter((r) => r.retainOnDelete || r.ignoreChanges)).to.deep.equal([]);
    });

    it("keeps the workspace, its resource group and onboarding, the log buckets (WAF's too) and their key in the clouds with retainOnDelete", async () => {
        const plan = await planOf(config({ retainOnDelete: true }));
        expect(names(plan, (r) => r.retainOnDelete === true)).to.deep.equal([T.resourceGroup, T.workspace, T.onboarding, T.bucket, T.bucket, T.key].sort());
        // The kept workspace must not keep connectors whose roles and queues are deleted, nor WAF's definition and rule.
        const waf = [
            "azure-native:securityinsights:CustomizableConnectorDefinition",
            "azure-native:monitor:DataCollectionEndpoint",
            "azure-native:monitor:DataCollectionRule",
        ];
        expect(custom(plain).filter((r) => waf.includes(r.type) && r.deletedWith)).to.have.length(3);
        expect(custom(plan).filter((r) => [T.connector, T.armResource, ...waf].includes(r.type as never) && r.deletedWith)).to.deep.equal([]);
    });

    it("ignores changes to the named tags on every tagged resource, and on nothing else", async () => {
        const plan = await planOf(config({ ignoreTagChanges: ["CostCenter", "Cost Center"] }));
        const tagged = custom(plan).filter((r) => "tags" in r.inputs);
        expect(tagged.length).to.be.greaterThan(5);
        for (const r of tagged) expect(r.ignoreChanges, r.name).to.deep.equal(['tags["CostCenter"]', 'tags["Cost Center"]']);
        expect(custom(plan).filter((r) => !("tags" in r.inputs) && r.ignoreChanges)).to.deep.equal([]);
    });

    it("lets the workspace take its onboarding and connectors with it, and the bucket and queues their settings", () => {
        const byUrn = new Map(plain.resources.map((r) => [r.urn, r]));
        const deletedWith = (type: string) => [
            ...new Set(
                custom(plain)
                    .filter((r) => r.type === type)
                    .map((r) => byUrn.get(r.deletedWith ?? "")?.type),
            ),
        ];
        for (const type of [T.onboarding, T.connector, T.armResource]) expect(deletedWith(type), type).to.deep.equal([T.workspace]);
        for (const type of [T.bucketPolicy, T.bucketEncryption]) expect(deletedWith(type), type).to.deep.equal([T.bucket]);
        expect(deletedWith(T.queuePolicy)).to.deep.equal([T.queue]);
        // A role's policy must be detached before IAM deletes the role: never skipped.
        expect(deletedWith(T.attachment)).to.deep.equal([undefined]);
    });

    it("shows a change of these options in the pull-request diff, as the engine sees it", async () => {
        const retained = await planOf(config({ retainOnDelete: true, ignoreTagChanges: ["CostCenter"] }));
        const diff = diffPlans(planToJson(plain), planToJson(retained), "main");
        const workspace = diff.changed.find((c) => c.head.type === T.workspace)!;
        expect(workspace.changes.retainOnDelete).to.deep.equal({ before: false, after: true });
        expect(workspace.changes.ignoreChanges).to.deep.equal({ before: [], after: ['tags["CostCenter"]'] });
    });

    it("deletes nothing with a workspace it only reads", async () => {
        const plan = await planOf(
            config({ "azure-native:location": undefined, workspace: { name: "sentinel-prod", resourceGroupName: "rg-soc", existing: true } }),
        );
        expect(custom(plan).filter((r) => r.deletedWith && plan.resources.find((w) => w.urn === r.deletedWith)?.type === T.workspace)).to.deep.equal([]);
    });
});
