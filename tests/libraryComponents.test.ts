// The components as another program uses them, with nothing of a stack config: the S3
// connection reads its settings with the config's own schema, so defaults and field checks
// are the same as in a stack file.
import { expect } from "chai";
import { ProgramFailed, recordPlan } from "../plan/record";
import { S3AccountConnection, S3AccountConnectionArgs } from "../src";
import { ofType, T } from "./helpers";

const args = (s3: S3AccountConnectionArgs["s3"]): S3AccountConnectionArgs => ({
    workspace: { workspaceId: "0f8fad5b-d9cb-469f-a165-70867728950e", resourceGroupName: "rg", workspaceName: "law" },
    accountId: "123456789012",
    region: "eu-west-1",
    roleName: "OIDC_SentinelReader",
    s3,
    namePrefix: "logs",
});

const planOf = (s3: S3AccountConnectionArgs["s3"], extra: Partial<S3AccountConnectionArgs> = {}) =>
    recordPlan("lib", {}, () => {
        new S3AccountConnection("logs", { ...args(s3), ...extra });
        return {};
    });

const WAF_ONLY = {
    logTypes: ["waf" as const],
    wafWebAclArns: ["arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/api/1234abcd-12ab-34cd-56ef-1234567890ab"],
};

describe("S3AccountConnection in a program of its own", () => {
    it("fills in the settings a stack file would default: CloudTrail only, a protected bucket, no key", async () => {
        const plan = await planOf({});
        expect(ofType(plan, T.trail)).to.have.length(1);
        expect(ofType(plan, T.queue).filter((q) => !q.name.includes("dead"))).to.have.length(1);
        expect(ofType(plan, T.bucket).map((b) => b.protect)).to.deep.equal([true]);
        expect(ofType(plan, T.key)).to.deep.equal([]);
    });

    it("forwards CloudWatch Logs of the log groups given, with the schema's default filter pattern", async () => {
        const plan = await planOf({ logTypes: ["cloudWatch"], cloudWatchLogGroups: [{ name: "/ecs/web" }] });
        expect(plan.resources.filter((r) => r.type === "aws:lambda/function:Function")).to.have.length(1);
        const filters = plan.resources.filter((r) => r.type === "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter");
        expect(filters.map((f) => [f.inputs.logGroup, f.inputs.filterPattern])).to.deep.equal([["/ecs/web", ""]]);
    });

    it("collects WAF alone through the definition and rule it is given, SSE-S3 without a key, its role reading WAF's bucket only", async () => {
        const waf = { connectorDefinitionName: "defn", dataCollectionEndpoint: "https://dce.example", dataCollectionRuleImmutableId: "dcr-1" };
        const plan = await planOf(WAF_ONLY, { waf });
        const [connector] = ofType(plan, T.armResource);
        expect((connector!.inputs.properties as { dcrConfig: object }).dcrConfig).to.deep.include({
            dataCollectionEndpoint: "https://dce.example",
            dataCollectionRuleImmutableId: "dcr-1",
        });
        const wafBucket = ofType(plan, T.bucket).find((b) => String(b.inputs.bucket).startsWith("aws-waf-logs-"))!;
        const encryption = ofType(plan, T.bucketEncryption).find((e) => e.name === "logs-waf-logs-encryption")!;
        expect(encryption.inputs.rules).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
        const read = JSON.parse(ofType(plan, T.inlinePolicy)[0]!.inputs.policy as string) as { Statement: { Sid: string; Resource: unknown }[] };
        expect(read.Statement.map((s) => s.Sid)).to.deep.equal(["ReadLogNotifications", "ReadWafLogObjects", "ListWafLogPrefixes"]);
        expect(read.Statement[1]!.Resource).to.deep.equal([`${wafBucket.outputs.arn}/AWSLogs/123456789012/WAFLogs/*`]);
    });

    it("refuses WAF without the stack's definition and rule, before registering anything", async () => {
        const failed = await planOf(WAF_ONLY).catch((err: unknown) => err);
        expect(failed).to.be.instanceOf(ProgramFailed);
        expect((failed as ProgramFailed).message).to.include("waf (a WafIngestion's link) is required");
        expect((failed as ProgramFailed).registered).to.equal(0);
    });

    it("refuses a bad setting before registering anything, naming the field and the value", async () => {
        const failed = await planOf({ logTypes: ["cloudtrail" as never] }).catch((err: unknown) => err);
        expect(failed).to.be.instanceOf(ProgramFailed);
        const { message, registered } = failed as ProgramFailed;
        expect(message).to.include("S3AccountConnection logs").and.include("s3.logTypes[0]").and.include('"cloudtrail"');
        expect(registered).to.equal(0);
    });
});
