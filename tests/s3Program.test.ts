// The S3 connector's side of the program, planned under the mock engine: what is created in
// each account, how the clouds are wired, and what waits for what.
import { expect } from "chai";
import type { Plan, PlannedResource } from "../plan/record";
import { recordPlan } from "../plan/record";
import { FakeCloud } from "../plan/fakeCloud";
import { loadStackConfig } from "../src/config/load";
import { sentinelAws } from "../src/program";
import { SENTINEL_OIDC } from "../src/s3Facts";
import { account, flatConfig, Json, ofType, one, planOf, planSample, T } from "./helpers";

const policyOf = (r: PlannedResource, key = "policy") => JSON.parse(r.inputs[key] as string);
const s3Account = (name: string, accountId: string, s3: Json, extra: Json = {}) => account(name, accountId, { connector: "s3", s3, ...extra });
const DETECTOR = "12abc34d567e8fa901bc2d34e56789f0";

describe("the S3 connector", () => {
    describe("the sample stack examples/Pulumi.s3.yaml", () => {
        let plan: Plan;
        before(async () => {
            plan = await planSample("examples/Pulumi.s3.yaml", "s3");
        });

        it("keeps the CloudTrail API account as it was and adds the S3 accounts beside it", () => {
            expect(ofType(plan, T.connector).map((c) => c.name)).to.deep.equal(["legacy-cloudtrail-connector"]);
            expect(ofType(plan, T.armResource).map((c) => c.name)).to.have.members([
                "org-cloudTrail-connector",
                "security-cloudTrail-connector",
                "security-vpcFlowLogs-connector",
                "security-guardDuty-connector",
                "security-cloudWatch-connector",
                "security-waf-connector",
            ]);
        });

        it("feeds the workspace ID into the role's session-name condition and the audience of the Azure cloud", () => {
            const ws = one(plan, T.workspace, "sentinel-s3").outputs.customerId as string;
            const trust = policyOf(one(plan, T.role, "org-sentinel-role"), "assumeRolePolicy").Statement[0];
            const issuer = SENTINEL_OIDC.public.url.replace("https://", "");
            expect(trust.Action).to.equal("sts:AssumeRoleWithWebIdentity");
            expect(trust.Principal.Federated).to.equal(one(plan, T.oidcProvider, "org-sentinel-role-oidc").outputs.arn);
            expect(trust.Condition.StringEquals).to.deep.equal({
                [`${issuer}:aud`]: SENTINEL_OIDC.public.audience,
                "sts:RoleSessionName": `MicrosoftSentinel_${ws}`,
            });
        });

        it("feeds each queue's URL and the role's ARN into the connector of that log type", () => {
            for (const [label, logType, table] of [
                ["org", "cloudTrail", "AWSCloudTrail"],
                ["security", "vpcFlowLogs", "AWSVPCFlow"],
                ["security", "guardDuty", "AWSGuardDuty"],
            ] as const) {
                const connector = one(plan, T.armResource, `${label}-${logType}-connector`);
                const props = connector.inputs.properties as Record<string, unknown>;
                expect(props.sqsUrls).to.deep.equal([one(plan, T.queue, `${label}-${logType}-queue`).outputs.url]);
                expect(props.roleArn).to.equal(one(plan, T.role, `${label}-sentinel-role`).outputs.arn);
                expect(props.destinationTable).to.equal(table);
                expect(connector.inputs.parentResourcePath).to.equal("workspaces/sentinel-s3/providers/Microsoft.SecurityInsights");
            }
        });

        it("creates each connector after the onboarding, the read policy, the IAM wait and the notifications", () => {
            const connector = one(plan, T.armResource, "security-guardDuty-connector");
            for (const [type, name] of [
                [T.onboarding, "sentinel-s3-sentinel"],
                [T.inlinePolicy, "security-sentinel-read"],
                [T.wait, "security-iam-propagation"],
                [T.notification, "security-notifications"],
            ]) {
                expect(connector.dependsOn, name).to.include(one(plan, type, name).urn);
            }
            expect(one(plan, T.wait, "security-iam-propagation").dependsOn).to.include(one(plan, T.inlinePolicy, "security-sentinel-read").urn);
        });

        it("writes an organisation trail under the organisation ID, and notifies for that prefix only", () => {
            const trail = one(plan, T.trail, "org-sources-trail");
            expect(trail.inputs).to.include({ isOrganizationTrail: true, isMultiRegionTrail: true, enableLogFileValidation: true, name: "sentinel-aws-s3" });
            expect(trail.dependsOn).to.include(one(plan, T.bucketPolicy, "org-logs-policy").urn);
            const [queue] = one(plan, T.notification, "org-notifications").inputs.queues as Json[];
            expect(queue).to.include({ filterPrefix: "AWSLogs/o-a1b2c3d4e5/", filterSuffix: ".gz" });
            expect(queue.events).to.deep.equal(["s3:ObjectCreated:*"]);
        });

        it("gives each log type its own queue and prefix in one notification configuration, after the queue policies", () => {
            const notification = one(plan, T.notification, "security-notifications");
            const queues = notification.inputs.queues as Json[];
            expect(queues.map((q) => q.filterPrefix)).to.deep.equal([
                "AWSLogs/444455556666/CloudTrail/",
                "AWSLogs/444455556666/vpcflowlogs/",
                "AWSLogs/444455556666/GuardDuty/",
                "AWSLogs/444455556666/CloudWatch/",
            ]);
            expect(new Set(queues.map((q) => q.queueArn)).size).to.equal(4);
            // WAF's queue hears of WAF's own bucket (tests/wafProgram.test.ts).
            for (const policy of ofType(plan, T.queuePolicy).filter((p) => p.name.startsWith("security-") && !p.name.startsWith("security-waf-")))
                expect(notification.dependsOn).to.include(policy.urn);
        });

        it("keeps notifications 14 days, and moves one to the dead-letter queue only after days of failed attempts", () => {
            const queue = one(plan, T.queue, "security-cloudTrail-queue");
            expect(queue.inputs).to.include({ messageRetentionSeconds: 1209600, sqsManagedSseEnabled: true });
            const redrive = JSON.parse(queue.inputs.redrivePolicy as string);
            expect(redrive.deadLetterTargetArn).to.equal(one(plan, T.queue, "security-cloudTrail-queue-dead-letters").outputs.arn);
            // SQS's maximum receive count, each attempt at least a visibility timeout apart: 3.5 days before a move, 10.5 left to move it back.
            expect(redrive.maxReceiveCount).to.equal(1000);
            const daysBeforeMove = (redrive.maxReceiveCount * (queue.inputs.visibilityTimeoutSeconds as number)) / 86400;
            expect(daysBeforeMove).to.be.within(3, 14 - 7);
        });

        it("raises an alarm on the first message in each dead-letter queue, which says how to move it back", () => {
            for (const logType of ["cloudTrail", "guardDuty"]) {
                const deadLetters = one(plan, T.queue, `security-${logType}-queue-dead-letters`);
                const alarm = one(plan, T.alarm, `security-${logType}-queue-dead-letters-alarm`);
                expect(alarm.inputs).to.deep.include({
                    namespace: "AWS/SQS",
                    metricName: "ApproximateNumberOfMessagesVisible",
                    dimensions: { QueueName: deadLetters.outputs.name },
                    comparisonOperator: "GreaterThanThreshold",
                    threshold: 0,
                    evaluationPeriods: 1,
                    treatMissingData: "notBreaching",
                });
                expect(alarm.inputs.alarmDescription).to.include(`aws sqs start-message-move-task --source-arn ${deadLetters.outputs.arn}`);
                expect(alarm.provider, "in the account of its queue").to.equal(one(plan, T.queue, `security-${logType}-queue`).provider);
            }
        });

        it("exports GuardDuty findings with a KMS key whose policy lets the role decrypt, and encrypts the bucket with it", () => {
            const key = one(plan, T.key, "security-logs-key");
            const exporter = one(plan, T.guardDutyExport, "security-sources-guardduty-export");
            expect(exporter.inputs).to.include({
                detectorId: DETECTOR,
                kmsKeyArn: key.outputs.arn,
                destinationArn: one(plan, T.bucket, "security-logs").outputs.arn,
            });
            const decrypt = policyOf(key).Statement.find((s: Json) => s.Sid === "SentinelDecrypts");
            expect(decrypt.Principal.AWS).to.equal(one(plan, T.role, "security-sentinel-role").outputs.arn);
            const rule = (one(plan, T.bucketEncryption, "security-logs-encryption").inputs.rules as Json[])[0];
            expect(rule.applyServerSideEncryptionByDefault).to.deep.equal({ sseAlgorithm: "aws:kms", kmsMasterKeyId: key.outputs.arn });
        });

        it("protects the log buckets and keys: they hold security logs", () => {
            for (const r of [...ofType(plan, T.bucket), ...ofType(plan, T.key)]) expect(r.protect, r.name).to.equal(true);
        });

        it("exports per S3 account its role, provider, bucket, queues and connectors", () => {
            const outputs = plan.outputs.awsAccounts as Record<string, Json>;
            expect(outputs.security).to.include({
                connector: "s3",
                roleArn: one(plan, T.role, "security-sentinel-role").outputs.arn,
                bucketName: one(plan, T.bucket, "security-logs").outputs.bucket,
            });
            expect(Object.keys(outputs.security.queueUrls as Json)).to.deep.equal(["cloudTrail", "vpcFlowLogs", "guardDuty", "cloudWatch", "waf"]);
            expect(outputs.legacy).to.include({ connector: "cloudTrailApi" });
        });
    });

    describe("the sample stack examples/Pulumi.controltower.yaml", () => {
        let plan: Plan;
        before(async () => {
            plan = await planSample("examples/Pulumi.controltower.yaml", "controltower");
        });

        it("reads Control Tower's log-archive bucket and adds neither a trail nor a bucket in that account", () => {
            const archive = ofType(plan, T.awsProvider).find((p) => p.name === "log-archive-aws")!;
            const inArchive = plan.resources.filter((r) => r.provider?.startsWith(archive.urn));
            expect(inArchive.map((r) => r.type)).to.include.members([T.topic, T.queue, T.role]);
            for (const type of [T.trail, T.bucket, T.bucketPolicy, T.key, T.notification]) expect(inArchive.map((r) => r.type)).to.not.include(type);
            expect(ofType(plan, T.trail)).to.have.length(0);
            expect(one(plan, T.subscription, "log-archive-cloudTrail-subscription").inputs.rawMessageDelivery).to.equal(true);
        });

        it("exports the audit account's GuardDuty findings of two regions into one bucket, alarming to Control Tower's security topic", () => {
            expect(ofType(plan, T.guardDutyExport).map((e) => e.inputs.region ?? "the provider's, us-east-1")).to.have.members([
                "the provider's, us-east-1",
                "eu-west-1",
            ]);
            expect(ofType(plan, T.bucket).map((b) => b.name)).to.deep.equal(["audit-logs"]);
            expect(one(plan, T.alarm, "audit-guardDuty-queue-dead-letters-alarm").inputs.alarmActions).to.deep.equal([
                "arn:aws:sns:us-east-1:333344445555:aws-controltower-SecurityNotifications",
            ]);
        });

        it("says in the plan what the bucket's owner must add", () => {
            expect(plan.warnings.join("\n")).to.include(
                "aws-controltower-logs-222233334444-us-east-1 does not send its new objects under o-a1b2c3d4e5/AWSLogs/o-a1b2c3d4e5/",
            );
        });
    });

    describe("options", () => {
        it("without KMS or GuardDuty encrypts with S3-managed keys and creates no key", async () => {
            const plan = await planOf(flatConfig({ awsAccounts: [s3Account("a", "111122223333", {})] }));
            expect(ofType(plan, T.key)).to.have.length(0);
            const rule = (one(plan, T.bucketEncryption, "a-logs-encryption").inputs.rules as Json[])[0];
            expect(rule.applyServerSideEncryptionByDefault).to.deep.equal({ sseAlgorithm: "AES256" });
            expect(JSON.parse(one(plan, T.inlinePolicy, "a-sentinel-read").inputs.policy as string).Statement.map((s: Json) => s.Sid)).to.not.include(
                "DecryptLogObjects",
            );
        });

        it("collects VPC flow logs of each VPC into the bucket, under their own prefix", async () => {
            const vpcs = ["vpc-0a1b2c3d", "vpc-0123456789abcdef0"];
            const plan = await planOf(flatConfig({ awsAccounts: [s3Account("a", "111122223333", { logTypes: ["vpcFlowLogs"], vpcIds: vpcs })] }));
            const logs = ofType(plan, T.flowLog);
            expect(logs.map((l) => l.inputs.vpcId)).to.have.members(vpcs);
            for (const l of logs)
                expect(l.inputs).to.include({ logDestinationType: "s3", logDestination: one(plan, T.bucket, "a-logs").outputs.arn, trafficType: "ALL" });
            expect(ofType(plan, T.trail)).to.have.length(0);
            expect((one(plan, T.notification, "a-notifications").inputs.queues as Json[])[0].filterPrefix).to.equal("AWSLogs/111122223333/vpcflowlogs/");
        });

        it("exports the GuardDuty detectors of several regions into the one bucket, each from its region, the home one as it always was", async () => {
            const other = "34cd56ef789012ab34cd56ef789012ab";
            const plan = await planOf(
                flatConfig({
                    awsAccounts: [
                        s3Account("a", "111122223333", {
                            logTypes: ["guardDuty"],
                            guardDutyDetectorId: DETECTOR,
                            guardDutyDetectors: [{ region: "eu-west-1", detectorId: other }],
                        }),
                    ],
                }),
            );
            const exports = ofType(plan, T.guardDutyExport);
            expect(exports.map((e) => [e.name, e.inputs.region, e.inputs.detectorId])).to.have.deep.members([
                ["a-sources-guardduty-export", undefined, DETECTOR],
                ["a-sources-guardduty-export-eu-west-1", "eu-west-1", other],
            ]);
            for (const e of exports)
                expect(e.inputs).to.include({
                    destinationArn: one(plan, T.bucket, "a-logs").outputs.arn,
                    kmsKeyArn: one(plan, T.key, "a-logs-key").outputs.arn,
                });
            expect(
                ofType(plan, T.queue).filter((q) => !q.name.endsWith("dead-letters")),
                "one queue for every region's findings",
            ).to.have.length(1);
        });

        it("notifies the SNS topic named in config when a dead-letter alarm fires and when it clears", async () => {
            const topic = "arn:aws:sns:us-east-1:111122223333:security-alerts";
            const plan = await planOf(flatConfig({ awsAccounts: [s3Account("a", "111122223333", { alarmTopicArn: topic })] }));
            expect(one(plan, T.alarm, "a-cloudTrail-queue-dead-letters-alarm").inputs).to.deep.include({ alarmActions: [topic], okActions: [topic] });
        });

        it("warns in the plan when an S3 account is in an opt-in region, whose STS tokens Sentinel may not get", async () => {
            const plan = await planOf(
                flatConfig({
                    awsAccounts: [s3Account("hk", "111122223333", {}, { region: "ap-east-1" }), s3Account("eu", "222233334444", {}, { region: "eu-west-1" })],
                }),
            );
            expect(plan.warnings).to.have.length(1);
            expect(plan.warnings[0])
                .to.include("AWS account hk (111122223333)")
                .and.include("ap-east-1, an opt-in region")
                .and.include("--global-endpoint-token-version v2Token");
        });

        describe("an existing bucket (a landing zone's log archive)", () => {
            const BUCKET = "aws-controltower-logs-222233334444-us-east-1";
            const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            const existing = { organizationId: "o-a1b2c3d4e5", existingBucket: { name: BUCKET, keyPrefix: "o-a1b2c3d4e5", kmsKeyArn: KEY } };
            const flat = () => flatConfig({ awsAccounts: [s3Account("archive", "222233334444", existing)] });
            let plan: Plan;
            before(async () => {
                plan = await planOf(flat());
            });

            it("creates no trail, bucket, key, log writer or bucket notification there", () => {
                for (const type of [T.trail, T.bucket, T.bucketPolicy, T.key, T.notification, T.guardDutyExport, T.flowLog])
                    expect(ofType(plan, type), type).to.have.length(0);
                expect((plan.outputs.awsAccounts as Record<string, Json>).archive.bucketName).to.equal(BUCKET);
            });

            it("relays the bucket's notifications through a named topic to the queue, with raw delivery, and connects after the subscription", () => {
                const topic = one(plan, T.topic, "archive-cloudTrail-topic");
                expect(topic.inputs.name).to.equal("sentinel-aws-test-archive-cloudTrail");
                const subscription = one(plan, T.subscription, "archive-cloudTrail-subscription");
                expect(subscription.inputs).to.include({
                    topic: topic.outputs.arn,
                    protocol: "sqs",
                    endpoint: one(plan, T.queue, "archive-cloudTrail-queue").outputs.arn,
                    rawMessageDelivery: true,
                });
                expect(subscription.dependsOn).to.include(one(plan, T.queuePolicy, "archive-cloudTrail-queue-policy").urn);
                expect(one(plan, T.armResource, "archive-cloudTrail-connector").dependsOn).to.include(subscription.urn);
                const topicPolicy = policyOf(one(plan, T.topicPolicy, "archive-cloudTrail-topic-policy")).Statement[0];
                expect(topicPolicy.Condition).to.deep.equal({
                    ArnEquals: { "aws:SourceArn": `arn:aws:s3:::${BUCKET}` },
                    StringEquals: { "aws:SourceAccount": "222233334444" },
                });
            });

            it("lets the role read the trail's prefix under its key prefix, and decrypt with the trail's key", () => {
                const read = policyOf(one(plan, T.inlinePolicy, "archive-sentinel-read")).Statement;
                expect(read.find((s: Json) => s.Sid === "ReadLogObjects").Resource).to.deep.equal([
                    `arn:aws:s3:::${BUCKET}/o-a1b2c3d4e5/AWSLogs/o-a1b2c3d4e5/*`,
                ]);
                expect(read.find((s: Json) => s.Sid === "DecryptLogObjects").Resource).to.equal(KEY);
            });

            it("reads the bucket's notification configuration and warns, with the entry to add, until it sends the prefix to the topic", async () => {
                expect(plan.lookups.map((l) => l.name)).to.include(`${BUCKET} (existing bucket's notifications)`);
                const topicArn = one(plan, T.topic, "archive-cloudTrail-topic").outputs.arn as string;
                expect(plan.warnings).to.have.length(1);
                expect(plan.warnings[0])
                    .to.include(`does not send its new objects under o-a1b2c3d4e5/AWSLogs/o-a1b2c3d4e5/ to ${topicArn}`)
                    .and.include('"Events":["s3:ObjectCreated:*"]');
                const wired = new (class extends FakeCloud {
                    call(args: Parameters<FakeCloud["call"]>[0]) {
                        const found = super.call(args);
                        const entry = {
                            id: "x",
                            topicArn,
                            events: ["s3:ObjectCreated:*"],
                            filterPrefix: "o-a1b2c3d4e5/AWSLogs/o-a1b2c3d4e5/",
                            filterSuffix: ".gz",
                        };
                        return args.token.includes("getBucketNotification") ? { ...found, topics: [entry] } : found;
                    }
                })();
                const config = flat();
                const done = await recordPlan("test", config, () => sentinelAws(loadStackConfig(config, "test")), wired);
                expect(done.warnings).to.deep.equal([]);
            });
        });

        it("logs S3 data events of every bucket but the log bucket when asked", async () => {
            const plan = await planOf(flatConfig({ awsAccounts: [s3Account("a", "111122223333", { dataEvents: true })] }));
            const selectors = one(plan, T.trail, "a-sources-trail").inputs.advancedEventSelectors as { fieldSelectors: Json[] }[];
            const arnSelector = selectors[1].fieldSelectors.find((f) => f.field === "resources.ARN")!;
            expect(arnSelector.notStartsWiths).to.deep.equal([`${one(plan, T.bucket, "a-logs").outputs.arn}/`]);
        });

        it("trusts an existing OIDC provider instead of creating one, once it is read and accepts Sentinel's audience", async () => {
            const arn = `arn:aws:iam::111122223333:oidc-provider/${SENTINEL_OIDC.public.url.replace("https://", "")}`;
            const plan = await planOf(flatConfig({ awsAccounts: [s3Account("a", "111122223333", { oidcProviderArn: arn })] }));
            expect(ofType(plan, T.oidcProvider)).to.have.length(0);
            expect(policyOf(one(plan, T.role, "a-sentinel-role"), "assumeRolePolicy").Statement[0].Principal.Federated).to.equal(arn);
            expect(plan.lookups.map((l) => l.token)).to.include("aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider");
        });

        it("stops with the command to run when the existing provider lacks Sentinel's audience", async () => {
            const arn = "arn:aws:iam::111122223333:oidc-provider/sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/";
            const flat = flatConfig({ awsAccounts: [s3Account("a", "111122223333", { oidcProviderArn: arn })] });
            // A provider Defender for Cloud made: it lists Defender's audience only.
            const defenderOnly = new (class extends FakeCloud {
                call(args: Parameters<FakeCloud["call"]>[0]) {
                    const found = super.call(args);
                    return args.token.includes("getOpenIdConnectProvider") ? { ...found, clientIdLists: ["api://defender-for-cloud"] } : found;
                }
            })();
            const failure = await recordPlan("test", flat, () => sentinelAws(loadStackConfig(flat, "test")), defenderOnly).then(
                () => undefined,
                (err: Error) => err,
            );
            expect(String(failure?.message ?? failure) + String((failure as { cause?: unknown })?.cause ?? "")).to.include(
                `add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${arn} --client-id ${SENTINEL_OIDC.public.audience}`,
            );
        });

        it("uses Azure Government's issuer and audience, and GovCloud ARNs, for azureCloud usGovernment in a GovCloud region", async () => {
            const gov = account("gov", "111122223333", {
                region: "us-gov-west-1",
                assumeRoleArn: "arn:aws-us-gov:iam::111122223333:role/pulumi-deploy",
                connector: "s3",
            });
            const plan = await planOf(flatConfig({ "sentinel-aws:azureCloud": "usGovernment", awsAccounts: [gov] }));
            const provider = one(plan, T.oidcProvider, "gov-sentinel-role-oidc");
            expect(provider.inputs).to.deep.include({ url: SENTINEL_OIDC.usGovernment.url, clientIdLists: [SENTINEL_OIDC.usGovernment.audience] });
            const trust = policyOf(one(plan, T.role, "gov-sentinel-role"), "assumeRolePolicy").Statement[0];
            expect(trust.Principal.Federated).to.match(/^arn:aws-us-gov:iam::111122223333:oidc-provider\/sts\.windows\.net\/cab8a31a/);
            const bucketPolicy = policyOf(one(plan, T.bucketPolicy, "gov-logs-policy"));
            const write = bucketPolicy.Statement.find((s: Json) => s.Sid === "CloudTrailWrite");
            expect(write.Condition.StringEquals["aws:SourceArn"]).to.equal("arn:aws-us-gov:cloudtrail:us-gov-west-1:111122223333:trail/sentinel-aws-test");
        });

        it("lets one account run both connectors while it moves from one to the other", async () => {
            const plan = await planOf(flatConfig({ awsAccounts: [account("old", "111122223333"), s3Account("new", "111122223333", {})] }));
            expect(ofType(plan, T.connector)).to.have.length(1);
            expect(ofType(plan, T.armResource)).to.have.length(1);
            expect(ofType(plan, T.role).map((r) => r.inputs.name)).to.have.members(["MicrosoftSentinelCloudTrail-test", "OIDC_MicrosoftSentinel-test"]);
        });
    });
});
