// WAF through the S3 connector, as the sample S3 stack plans it: the aws-waf-logs- bucket with
// its policy, queue and notification, one logging configuration per web ACL, the stack's
// connector definition, data collection endpoint and rule, and the connector's body checked
// against the property set of Microsoft's template (tests/fixtures/README.md); IAM proofs (by
// @cloud-copilot/iam-simulate) of CloudWatch Logs' delivery and of Sentinel's read.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import type { Plan, PlannedResource } from "../plan/record";
import { logBucketPolicy } from "../src/policies/logBucket";
import { s3LogReadPolicy } from "../src/policies/s3LogRead";
import { Decision, keyDecision, permissionDecision, resourceDecision } from "./iam/simulator";
import { one, ofType, planSample, ROOT, T } from "./helpers";

const ACCOUNT = "444455556666";
const PREFIX = `AWSLogs/${ACCOUNT}/WAFLogs/`;
const ACL = `arn:aws:wafv2:eu-west-1:${ACCOUNT}:regional/webacl/shop/a1b2c3d4-5678-90ab-cdef-111122223333`;
const LOG_KEY = `${PREFIX}eu-west-1/shop/2026/12/06/12/05/${ACCOUNT}_waflogs_eu-west-1_shop_20261206T1205Z_1a2b3c4d.log.gz`;
const json = (text: unknown) => JSON.parse(text as string);
type Body = Record<string, unknown> & { dcrConfig: Record<string, string> };
type Policy = { readonly Statement: readonly { readonly Sid?: string; readonly Principal?: unknown; readonly Condition?: unknown }[] };

/** The policy with the statement `sid` stripped of its conditions: the broken variant a proof's control runs against. */
const withoutCondition = (policy: Policy, sid: string) => ({
    ...policy,
    Statement: policy.Statement.map((s) => {
        if (s.Sid !== sid) return s;
        const { Condition: _, ...rest } = s;
        return rest;
    }),
});

describe("WAF through the S3 connector (examples/Pulumi.s3.yaml)", () => {
    let plan: Plan;
    let bucket: PlannedResource;
    let bucketArn: string;
    let connector: PlannedResource;
    let rule: PlannedResource;
    let endpoint: PlannedResource;
    let definition: PlannedResource;

    before(async () => {
        plan = await planSample("examples/Pulumi.s3.yaml", "s3");
        bucket = one(plan, T.bucket, "security-waf-logs");
        bucketArn = bucket.outputs.arn as string;
        connector = one(plan, T.armResource, "security-waf-connector");
        rule = one(plan, "azure-native:monitor:DataCollectionRule", "waf-rule");
        endpoint = one(plan, "azure-native:monitor:DataCollectionEndpoint", "waf-endpoint");
        definition = one(plan, "azure-native:securityinsights:CustomizableConnectorDefinition", "waf-definition");
    });

    it("makes a bucket named for WAF, hardened as the log bucket, encrypted with the account's key", () => {
        expect(bucket.inputs.bucket).to.match(/^aws-waf-logs-s3-[0-9a-f]{12}$/);
        expect(bucket.protect).to.equal(true);
        expect(one(plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "security-waf-logs-public-access").inputs).to.deep.include({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        const [encryption] = one(plan, T.bucketEncryption, "security-waf-logs-encryption").inputs.rules as { applyServerSideEncryptionByDefault: object }[];
        expect(encryption!.applyServerSideEncryptionByDefault).to.deep.equal({
            sseAlgorithm: "aws:kms",
            kmsMasterKeyId: one(plan, T.key, "security-logs-key").outputs.arn,
        });
        const sids = json(one(plan, T.bucketPolicy, "security-waf-logs-policy").inputs.policy).Statement.map((s: { Sid: string }) => s.Sid);
        expect(sids).to.deep.equal(["HttpsOnly", "WafLogsBucketCheck", "WafLogsWrite"]);
        // The account's log bucket takes no WAF delivery: its own policy names no WAF statement.
        expect(JSON.stringify(one(plan, T.bucketPolicy, "security-logs-policy").inputs.policy)).to.not.include("WafLogs");
    });

    it("notifies its own queue of .gz objects under the WAF prefix, and no queue of the log bucket", () => {
        const wafNotification = one(plan, T.notification, "security-waf-notifications");
        expect(wafNotification.inputs.bucket).to.equal(bucket.outputs.bucket);
        expect(wafNotification.inputs.queues).to.deep.equal([
            {
                id: "sentinel-waf",
                queueArn: one(plan, T.queue, "security-waf-queue").outputs.arn,
                events: ["s3:ObjectCreated:*"],
                filterPrefix: PREFIX,
                filterSuffix: ".gz",
            },
        ]);
        const logQueues = one(plan, T.notification, "security-notifications").inputs.queues as { id: string }[];
        expect(logQueues.map((q) => q.id)).to.not.include("sentinel-waf");
    });

    it("logs each listed web ACL to the bucket, once its policy and encryption are in place", () => {
        const loggings = ofType(plan, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
        expect(loggings.map((l) => [l.name, l.inputs.resourceArn, l.inputs.logDestinationConfigs])).to.deep.equal([
            ["security-waf-logging-regional-shop", ACL, [bucketArn]],
        ]);
        expect(loggings[0]!.dependsOn).to.include.members([
            one(plan, T.bucketPolicy, "security-waf-logs-policy").urn,
            one(plan, T.bucketEncryption, "security-waf-logs-encryption").urn,
        ]);
    });

    it("sends Microsoft-AWSWAF through one endpoint and rule of the stack to the workspace", () => {
        expect(rule.inputs.dataFlows).to.deep.equal([{ streams: ["Microsoft-AWSWAF"], destinations: ["workspace"], outputStream: "Microsoft-AWSWAF" }]);
        const [destination] = (rule.inputs.destinations as { logAnalytics: { name: string; workspaceResourceId: string }[] }).logAnalytics;
        expect(destination!.name).to.equal("workspace");
        expect(destination!.workspaceResourceId).to.match(
            /\/resourceGroups\/rg-sentinel-s3\/providers\/Microsoft\.OperationalInsights\/workspaces\/sentinel-s3$/,
        );
        expect(rule.inputs.dataCollectionEndpointId).to.match(/\/providers\/Microsoft\.Insights\/dataCollectionEndpoints\/sentinel-aws-s3-waf$/);
        expect(rule.propertyDependencies.dataCollectionEndpointId).to.deep.equal([endpoint.urn]);
        expect([rule.inputs.location, endpoint.inputs.location]).to.deep.equal(["westeurope", "westeurope"]);
        expect(definition.inputs).to.deep.include({ kind: "Customizable", dataConnectorDefinitionName: "sentinel-aws-s3-waf", workspaceName: "sentinel-s3" });
    });

    it("makes the connector with the body of Microsoft's template, naming the definition, the rule and the table AWSWAF", () => {
        const fixture = JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/waf-connection.json"), "utf8")) as {
            apiVersion: string;
            kind: string;
            properties: Record<string, string>;
            dcrConfig: Record<string, string>;
        };
        const body = connector.inputs.properties as Body;
        expect([connector.inputs.apiVersion, connector.inputs.kind]).to.deep.equal([fixture.apiVersion, fixture.kind]);
        expect(Object.keys(body).sort()).to.deep.equal(Object.keys(fixture.properties).sort());
        for (const [key, type] of Object.entries(fixture.properties)) expect(Array.isArray(body[key]) ? "array" : typeof body[key], key).to.equal(type);
        expect(Object.keys(body.dcrConfig).sort()).to.deep.equal(Object.keys(fixture.dcrConfig).sort());
        expect(body).to.deep.include({
            connectorDefinitionName: definition.outputs.name,
            destinationTable: "AWSWAF",
            sqsUrls: [one(plan, T.queue, "security-waf-queue").outputs.url],
            dataFormat: { Format: "Json", IsCompressed: true, compressType: "Gzip" },
        });
        expect(body.dcrConfig).to.deep.equal({
            streamName: "Microsoft-AWSWAF",
            dataCollectionEndpoint: (endpoint.outputs.logsIngestion as { endpoint: string }).endpoint,
            dataCollectionRuleImmutableId: rule.outputs.immutableId,
        });
    });

    it("creates the connector after the rule, the definition, the notification and the role's wait", () => {
        expect(connector.dependsOn).to.include.members(
            [rule, definition, one(plan, T.notification, "security-waf-notifications"), one(plan, T.wait, "security-iam-propagation")].map((r) => r.urn),
        );
        expect(connector.deletedWith).to.equal(one(plan, T.workspace, "sentinel-s3").urn);
    });

    describe("IAM proofs", () => {
        const deliver = (policy: unknown, key: string, context: Record<string, string>, action = "s3:PutObject"): Promise<Decision> =>
            resourceDecision({
                principal: "delivery.logs.amazonaws.com",
                action,
                resource: action === "s3:PutObject" ? `${bucketArn}/${key}` : bucketArn,
                accountId: ACCOUNT,
                context: { "aws:SecureTransport": "true", ...context },
                resourcePolicy: policy,
            });
        const fromHere = {
            "aws:SourceAccount": ACCOUNT,
            "aws:SourceArn": `arn:aws:logs:eu-west-1:${ACCOUNT}:delivery-source:waf`,
            "s3:x-amz-acl": "bucket-owner-full-control",
        };
        const policy = () => json(one(plan, T.bucketPolicy, "security-waf-logs-policy").inputs.policy);

        it("lets CloudWatch Logs deliver WAF's logs under AWSLogs/<account>/ granting the owner full control, and check the bucket", async () => {
            expect(await deliver(policy(), LOG_KEY, fromHere)).to.equal("Allowed");
            expect(await deliver(policy(), "", fromHere, "s3:GetBucketAcl")).to.equal("Allowed");
            expect(await deliver(policy(), "", fromHere, "s3:ListBucket")).to.equal("Allowed");
        });

        it("keeps out other keys, other accounts, other regions, and writes without bucket-owner-full-control", async () => {
            expect(await deliver(policy(), "elsewhere/x.log.gz", fromHere)).to.equal("ImplicitlyDenied");
            expect(await deliver(policy(), LOG_KEY, { ...fromHere, "aws:SourceAccount": "999988887777" })).to.equal("ImplicitlyDenied");
            expect(await deliver(policy(), LOG_KEY, { ...fromHere, "aws:SourceArn": `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-source:waf` })).to.equal(
                "ImplicitlyDenied",
            );
            expect(await deliver(policy(), LOG_KEY, { ...fromHere, "s3:x-amz-acl": "private" })).to.equal("ImplicitlyDenied");
        });

        it("would let another account deliver if the delivery had no source condition (control)", async () => {
            const policy = logBucketPolicy(bucketArn, { partition: "aws", accountId: ACCOUNT, region: "eu-west-1", vpcFlowLogs: false, waf: true });
            expect(await deliver(withoutCondition(policy, "WafLogsWrite"), LOG_KEY, { ...fromHere, "aws:SourceAccount": "999988887777" })).to.equal("Allowed");
        });

        it("lets CloudWatch Logs make data keys of the account's key for this account's deliveries only, and would let any account without the source (control)", async () => {
            const key = one(plan, T.key, "security-logs-key");
            const keyPolicy = json(key.inputs.policy);
            const dataKey = (policy: unknown, context: Record<string, string>) =>
                keyDecision({
                    principal: "delivery.logs.amazonaws.com",
                    action: "kms:GenerateDataKey",
                    keyArn: key.outputs.arn as string,
                    context,
                    keyPolicy: policy,
                });
            const { "s3:x-amz-acl": _, ...source } = fromHere;
            expect(await dataKey(keyPolicy, source)).to.equal("Allowed");
            expect(await dataKey(keyPolicy, { ...source, "aws:SourceAccount": "999988887777" })).to.equal("ImplicitlyDenied");
            // One statement lets CloudWatch Logs' delivery encrypt, for flow logs and WAF logs alike.
            const delivery = (keyPolicy as Policy).Statement.find((st) => JSON.stringify(st.Principal) === '{"Service":"delivery.logs.amazonaws.com"}')!;
            expect(await dataKey(withoutCondition(keyPolicy, delivery.Sid!), { ...source, "aws:SourceAccount": "999988887777" })).to.equal("Allowed");
        });

        it("lets Sentinel's role read the WAF prefix of the WAF bucket and its queue, nothing else there", async () => {
            const read = json(one(plan, T.inlinePolicy, "security-sentinel-read").inputs.policy);
            const role = one(plan, T.role, "security-sentinel-role").outputs.arn as string;
            const logBucket = one(plan, T.bucket, "security-logs").outputs.arn as string;
            expect(await permissionDecision([read], role, "s3:GetObject", `${bucketArn}/${LOG_KEY}`)).to.equal("Allowed");
            expect(await permissionDecision([read], role, "sqs:ReceiveMessage", one(plan, T.queue, "security-waf-queue").outputs.arn as string)).to.equal(
                "Allowed",
            );
            expect(await permissionDecision([read], role, "s3:GetObject", `${bucketArn}/AWSLogs/${ACCOUNT}/CloudTrail/x.json.gz`)).to.equal("ImplicitlyDenied");
            expect(await permissionDecision([read], role, "s3:GetObject", `${logBucket}/${LOG_KEY}`)).to.equal("ImplicitlyDenied");
            expect(await permissionDecision([read], role, "s3:PutObject", `${bucketArn}/${LOG_KEY}`)).to.equal("ImplicitlyDenied");
        });

        it("would let the role read the whole WAF bucket if its prefix were AWSLogs/ (control)", async () => {
            const broad = s3LogReadPolicy({ queueArns: [], bucketArn: "arn:aws:s3:::other", prefixes: [], waf: { bucketArn, prefix: "AWSLogs/" } });
            expect(await permissionDecision([broad], "arn:aws:iam::1:role/r", "s3:GetObject", `${bucketArn}/AWSLogs/${ACCOUNT}/CloudTrail/x.json.gz`)).to.equal(
                "Allowed",
            );
        });
    });
});
