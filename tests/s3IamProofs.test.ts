// The S3 connector's policies, evaluated by the same IAM policy evaluator as the CloudTrail
// API role (@cloud-copilot/iam-simulate): who may assume the role, who may post to the
// queues, who may write the log prefixes, and what the role may do with them.
import { expect } from "chai";
import type { Plan } from "../plan/record";
import { SENTINEL_OIDC } from "../src/s3Facts";
import { Decision, keyDecision, permissionDecision, resourceDecision, webIdentityDecision } from "./iam/simulator";
import { account, flatConfig, Json, one, planOf, planSample, T } from "./helpers";

const ACCOUNT = "444455556666";
const OTHER_WORKSPACE = "0f0e0d0c-0b0a-4998-8776-655443322110";
const ISSUER = SENTINEL_OIDC.public.url.replace("https://", "");
const json = (text: unknown) => JSON.parse(text as string);

/** The bucket and key this program plans for one S3 entry: their ARNs and policies. */
async function plannedStore(label: string, accountId: string, s3: Json) {
    const plan = await planOf(flatConfig({ awsAccounts: [account(label, accountId, { connector: "s3", s3 })] }));
    const key = one(plan, T.key, `${label}-logs-key`);
    return {
        bucket: one(plan, T.bucket, `${label}-logs`).outputs.arn as string,
        bucketPolicy: json(one(plan, T.bucketPolicy, `${label}-logs-policy`).inputs.policy),
        keyArn: key.outputs.arn as string,
        keyPolicy: json(key.inputs.policy),
    };
}

describe("S3 connector IAM proofs (evaluated by @cloud-copilot/iam-simulate)", () => {
    let plan: Plan;
    let ws: string;
    let roleArn: string;
    let trust: unknown;
    let read: unknown;
    let bucket: string;
    let bucketPolicy: unknown;
    let providerArn: string;
    let trailArn: string;
    let queues: { arn: string; policy: unknown }[];

    before(async () => {
        plan = await planSample("examples/Pulumi.s3.yaml", "s3");
        ws = one(plan, T.workspace, "sentinel-s3").outputs.customerId as string;
        const role = one(plan, T.role, "security-sentinel-role");
        roleArn = role.outputs.arn as string;
        trust = json(role.inputs.assumeRolePolicy);
        read = json(one(plan, T.inlinePolicy, "security-sentinel-read").inputs.policy);
        bucket = one(plan, T.bucket, "security-logs").outputs.arn as string;
        bucketPolicy = json(one(plan, T.bucketPolicy, "security-logs-policy").inputs.policy);
        providerArn = one(plan, T.oidcProvider, "security-sentinel-role-oidc").outputs.arn as string;
        trailArn = one(plan, T.trail, "security-sources-trail").outputs.arn as string;
        queues = ["cloudTrail", "guardDuty"].map((t) => ({
            arn: one(plan, T.queue, `security-${t}-queue`).outputs.arn as string,
            policy: json(one(plan, T.queuePolicy, `security-${t}-queue-policy`).inputs.policy),
        }));
    });

    describe("the role's web-identity trust", () => {
        const token = (audience: string, sessionName: string) => ({ issuer: ISSUER, audience, sessionName });
        /** What a case presents: a session name for the workspace ID, and what differs from Sentinel's own request. */
        interface Presented {
            readonly session: (ws: string) => string;
            readonly audience?: string;
            readonly provider?: string;
            readonly action?: string;
        }
        const sentinel = (w: string) => `MicrosoftSentinel_${w}`;
        const cases: [string, Decision, Presented][] = [
            ["Sentinel's token for this workspace", "Allowed", { session: sentinel }],
            [
                "the same under the Defender for Cloud session prefix, unless the stack opts in",
                "ImplicitlyDenied",
                { session: (w) => `MicrosoftDefenderForClouds_${w}` },
            ],
            ["a session name that only starts like Sentinel's", "ImplicitlyDenied", { session: (w) => `MicrosoftSentinel_${w}-x` }],
            ["a token for another audience", "ImplicitlyDenied", { session: sentinel, audience: "api://some-other-app" }],
            ["Azure Government's audience", "ImplicitlyDenied", { session: sentinel, audience: SENTINEL_OIDC.usGovernment.audience }],
            ["another workspace's session", "ImplicitlyDenied", { session: () => `MicrosoftSentinel_${OTHER_WORKSPACE}` }],
            ["a session name with this workspace ID under another prefix", "ImplicitlyDenied", { session: (w) => `Attacker_${w}` }],
            ["a plain sts:AssumeRole", "ImplicitlyDenied", { session: sentinel, action: "sts:AssumeRole" }],
            [
                "another OIDC provider of the account",
                "ImplicitlyDenied",
                { session: sentinel, provider: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
            ],
            [
                "Microsoft's AWS account (the CloudTrail API connector's principal)",
                "ImplicitlyDenied",
                { session: sentinel, provider: "arn:aws:iam::197857026523:root", action: "sts:AssumeRole" },
            ],
        ];
        for (const [who, expected, { session, audience = SENTINEL_OIDC.public.audience, provider, action }] of cases) {
            it(`${expected === "Allowed" ? "lets in" : "keeps out"} ${who}`, async () =>
                expect(await webIdentityDecision(trust, roleArn, provider ?? providerArn, token(audience, session(ws)), action)).to.equal(expected));
        }
        describe("with s3.acceptDefenderSessionName: true", () => {
            let lenient: { trust: unknown; roleArn: string; providerArn: string; ws: string };
            before(async () => {
                const plan = await planOf(flatConfig({ awsAccounts: [account("a", ACCOUNT, { connector: "s3", s3: { acceptDefenderSessionName: true } })] }));
                const role = one(plan, T.role, "a-sentinel-role");
                lenient = {
                    trust: json(role.inputs.assumeRolePolicy),
                    roleArn: role.outputs.arn as string,
                    providerArn: one(plan, T.oidcProvider, "a-sentinel-role-oidc").outputs.arn as string,
                    ws: one(plan, T.workspace, "sentinel-test").outputs.customerId as string,
                };
            });
            const decide = (sessionName: (ws: string) => string) =>
                webIdentityDecision(lenient.trust, lenient.roleArn, lenient.providerArn, token(SENTINEL_OIDC.public.audience, sessionName(lenient.ws)));
            it("lets in Sentinel's session name and the Defender for Cloud one, for this workspace", async () => {
                expect(await decide((w) => `MicrosoftSentinel_${w}`)).to.equal("Allowed");
                expect(await decide((w) => `MicrosoftDefenderForClouds_${w}`)).to.equal("Allowed");
            });
            it("keeps out another workspace under either prefix, and this workspace under any other prefix", async () => {
                expect(await decide(() => `MicrosoftSentinel_${OTHER_WORKSPACE}`)).to.equal("ImplicitlyDenied");
                expect(await decide(() => `MicrosoftDefenderForClouds_${OTHER_WORKSPACE}`)).to.equal("ImplicitlyDenied");
                expect(await decide((w) => `Attacker_${w}`)).to.equal("ImplicitlyDenied");
            });
        });

        it("would let another workspace in without the session-name condition (control)", async () => {
            const loose = json(JSON.stringify(trust));
            delete loose.Statement[0].Condition.StringEquals["sts:RoleSessionName"];
            expect(
                await webIdentityDecision(loose, roleArn, providerArn, token(SENTINEL_OIDC.public.audience, `MicrosoftSentinel_${OTHER_WORKSPACE}`)),
            ).to.equal("Allowed");
        });
    });

    describe("the queue policies", () => {
        const send = (queue: { arn: string; policy: unknown }, principal: string, context: Record<string, string>) =>
            resourceDecision({ principal, action: "sqs:SendMessage", resource: queue.arn, accountId: ACCOUNT, context, resourcePolicy: queue.policy });
        it("let S3 post notifications of this bucket", async () => {
            for (const q of queues) expect(await send(q, "s3.amazonaws.com", { "aws:SourceArn": bucket, "aws:SourceAccount": ACCOUNT })).to.equal("Allowed");
        });
        it("keep out notifications of any other bucket, or of this bucket name in another account", async () => {
            for (const q of queues) {
                expect(await send(q, "s3.amazonaws.com", { "aws:SourceArn": "arn:aws:s3:::attacker-bucket", "aws:SourceAccount": ACCOUNT })).to.equal(
                    "ImplicitlyDenied",
                );
                expect(await send(q, "s3.amazonaws.com", { "aws:SourceArn": bucket, "aws:SourceAccount": "999988887777" })).to.equal("ImplicitlyDenied");
            }
        });
        it("keep out any other service or account", async () => {
            for (const q of queues) {
                expect(await send(q, "sns.amazonaws.com", { "aws:SourceArn": bucket, "aws:SourceAccount": ACCOUNT })).to.equal("ImplicitlyDenied");
                expect(await send(q, "arn:aws:iam::999988887777:root", {})).to.equal("ImplicitlyDenied");
            }
        });
    });

    describe("the bucket policy", () => {
        const put = (principal: string, key: string, context: Record<string, string>) =>
            resourceDecision({
                principal,
                action: "s3:PutObject",
                resource: `${bucket}/${key}`,
                accountId: ACCOUNT,
                context: { "aws:SecureTransport": "true", ...context },
                resourcePolicy: bucketPolicy,
            });
        const trailWrite = { "aws:SourceArn": "", "aws:SourceAccount": ACCOUNT, "s3:x-amz-acl": "bucket-owner-full-control" };
        const cloudTrailKey = `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/11/22/log.json.gz`;

        it("lets this trail write its log prefix", async () => {
            expect(await put("cloudtrail.amazonaws.com", cloudTrailKey, { ...trailWrite, "aws:SourceArn": trailArn })).to.equal("Allowed");
        });
        it("keeps out another trail, another service, and writes without bucket-owner-full-control", async () => {
            expect(
                await put("cloudtrail.amazonaws.com", cloudTrailKey, { ...trailWrite, "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/other` }),
            ).to.equal("ImplicitlyDenied");
            expect(await put("guardduty.amazonaws.com", cloudTrailKey, { ...trailWrite, "aws:SourceArn": trailArn })).to.equal("ImplicitlyDenied");
            expect(await put("delivery.logs.amazonaws.com", cloudTrailKey, { ...trailWrite, "aws:SourceArn": `arn:aws:logs:eu-west-1:${ACCOUNT}:x` })).to.equal(
                "ImplicitlyDenied",
            );
            expect(await put("cloudtrail.amazonaws.com", cloudTrailKey, { ...trailWrite, "aws:SourceArn": trailArn, "s3:x-amz-acl": "private" })).to.equal(
                "ImplicitlyDenied",
            );
        });
        describe("GuardDuty's export (AWS's documented bucket policy)", () => {
            const detector = `arn:aws:guardduty:eu-west-1:${ACCOUNT}:detector/12abc34d567e8fa901bc2d34e56789f0`;
            const fromDetector = (arn: string, account = ACCOUNT) => ({ "aws:SourceArn": arn, "aws:SourceAccount": account });
            const location = (context: Record<string, string>) =>
                resourceDecision({
                    principal: "guardduty.amazonaws.com",
                    action: "s3:GetBucketLocation",
                    resource: bucket,
                    accountId: ACCOUNT,
                    context: { "aws:SecureTransport": "true", ...context },
                    resourcePolicy: bucketPolicy,
                });
            it("passes GuardDuty's access test: the bucket's location, and a write outside its own folder", async () => {
                expect(await location(fromDetector(detector))).to.equal("Allowed");
                expect(await put("guardduty.amazonaws.com", "GuardDutyAccessTest", fromDetector(detector))).to.equal("Allowed");
                expect(await put("guardduty.amazonaws.com", `AWSLogs/${ACCOUNT}/GuardDuty/eu-west-1/2026/11/22/f.jsonl.gz`, fromDetector(detector))).to.equal(
                    "Allowed",
                );
            });
            it("keeps out another detector, this detector ID in another account, and GuardDuty with no source", async () => {
                const other = `arn:aws:guardduty:eu-west-1:${ACCOUNT}:detector/00000000000000000000000000000000`;
                expect(await put("guardduty.amazonaws.com", "GuardDutyAccessTest", fromDetector(other))).to.equal("ImplicitlyDenied");
                expect(await location(fromDetector(detector.replace(ACCOUNT, "999988887777"), "999988887777"))).to.equal("ImplicitlyDenied");
                expect(await put("guardduty.amazonaws.com", "GuardDutyAccessTest", {})).to.equal("ImplicitlyDenied");
            });
        });
        it("refuses every request over plain HTTP, even one it would otherwise allow", async () => {
            const decision = await resourceDecision({
                principal: "cloudtrail.amazonaws.com",
                action: "s3:PutObject",
                resource: `${bucket}/${cloudTrailKey}`,
                accountId: ACCOUNT,
                context: { ...trailWrite, "aws:SourceArn": trailArn, "aws:SecureTransport": "false" },
                resourcePolicy: bucketPolicy,
            });
            expect(decision).to.equal("ExplicitlyDenied");
        });

        const asRole = (action: string, resource: string) =>
            resourceDecision({
                principal: roleArn,
                action,
                resource,
                accountId: ACCOUNT,
                context: { "aws:SecureTransport": "true" },
                resourcePolicy: bucketPolicy,
                identityPolicies: [read],
            });
        it("lets the Sentinel role read its log prefixes", async () => {
            expect(await asRole("s3:GetObject", `${bucket}/${cloudTrailKey}`)).to.equal("Allowed");
            expect(await asRole("s3:GetObject", `${bucket}/AWSLogs/${ACCOUNT}/GuardDuty/eu-west-1/f.jsonl.gz`)).to.equal("Allowed");
        });
        it("keeps the Sentinel role from writing, deleting, or reading outside its prefixes", async () => {
            expect(await asRole("s3:PutObject", `${bucket}/${cloudTrailKey}`)).to.equal("ImplicitlyDenied");
            expect(await asRole("s3:DeleteObject", `${bucket}/${cloudTrailKey}`)).to.equal("ImplicitlyDenied");
            expect(await asRole("s3:PutBucketPolicy", bucket)).to.equal("ImplicitlyDenied");
            expect(await asRole("s3:GetObject", `${bucket}/AWSLogs/${ACCOUNT}/CloudTrail-Digest/d.json.gz`)).to.equal("ImplicitlyDenied");
        });
    });

    describe("the role's queue permissions", () => {
        const asRole = (action: string, queueArn: string) =>
            resourceDecision({
                principal: roleArn,
                action,
                resource: queueArn,
                accountId: ACCOUNT,
                resourcePolicy: queues[0].policy,
                identityPolicies: [read],
            });
        it("let it receive and delete notifications of its queues", async () => {
            for (const q of queues)
                for (const action of ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"])
                    expect(await asRole(action, q.arn), action).to.equal("Allowed");
        });
        it("keep it from sending, purging, or reading other queues", async () => {
            expect(await asRole("sqs:SendMessage", queues[0].arn)).to.equal("ImplicitlyDenied");
            expect(await asRole("sqs:PurgeQueue", queues[0].arn)).to.equal("ImplicitlyDenied");
            expect(await asRole("sqs:ReceiveMessage", `arn:aws:sqs:eu-west-1:${ACCOUNT}:payments`)).to.equal("ImplicitlyDenied");
        });
    });
});

describe("S3 connector IAM proofs: an organisation trail created by CloudTrail's delegated administrator", () => {
    const DELEGATED = "222233334444";
    const MANAGEMENT = "111122223333";
    const MEMBER = "333344445555";
    const ORG = "o-a1b2c3d4e5";
    // The management account owns the trail, whoever creates it (CloudTrail user guide, delegated administrator).
    const trailArn = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/sentinel-aws-test`;
    let bucket: string;
    let bucketPolicy: unknown;
    let keyArn: string;
    let keyPolicy: unknown;
    before(async () => {
        ({ bucket, bucketPolicy, keyArn, keyPolicy } = await plannedStore("org", DELEGATED, {
            organizationId: ORG,
            managementAccountId: MANAGEMENT,
            kmsEncryption: true,
        }));
    });

    // What CloudTrail sends for an organisation trail (AWS's bucket and key policy pages): the
    // trail's ARN, and the management account as aws:SourceAccount.
    const fromTrail = (arn: string) => ({
        "aws:SecureTransport": "true",
        "aws:SourceArn": arn,
        "aws:SourceAccount": arn.split(":")[4],
        "s3:x-amz-acl": "bucket-owner-full-control",
    });
    const put = (key: string, arn = trailArn) =>
        resourceDecision({
            principal: "cloudtrail.amazonaws.com",
            action: "s3:PutObject",
            resource: `${bucket}/${key}`,
            accountId: DELEGATED,
            context: fromTrail(arn),
            resourcePolicy: bucketPolicy,
        });
    const kms = (action: string, arn = trailArn) =>
        keyDecision({
            principal: "cloudtrail.amazonaws.com",
            action,
            keyArn,
            context: { "aws:SourceArn": arn, "aws:SourceAccount": arn.split(":")[4] },
            // CloudTrail encrypts each log file with the trail's ARN as encryption context (CloudTrail KMS key policy page).
            encryptionContext: action === "kms:GenerateDataKey" ? { "aws:cloudtrail:arn": arn } : undefined,
            keyPolicy,
        });
    const memberLog = `AWSLogs/${ORG}/${MEMBER}/CloudTrail/eu-west-1/2026/11/22/${MEMBER}_CloudTrail_eu-west-1_20261122T0000Z_x.json.gz`;

    it("lets the management account's trail check the bucket and write every member's logs", async () => {
        const acl = await resourceDecision({
            principal: "cloudtrail.amazonaws.com",
            action: "s3:GetBucketAcl",
            resource: bucket,
            accountId: DELEGATED,
            context: fromTrail(trailArn),
            resourcePolicy: bucketPolicy,
        });
        expect(acl).to.equal("Allowed");
        expect(await put(memberLog)).to.equal("Allowed");
        expect(await put(`AWSLogs/${MANAGEMENT}/CloudTrail/us-east-1/2026/11/22/x.json.gz`), "the owner's own prefix, as AWS's policy has it").to.equal(
            "Allowed",
        );
    });

    it("lets that trail encrypt with the key and describe it", async () => {
        expect(await kms("kms:GenerateDataKey")).to.equal("Allowed");
        expect(await kms("kms:DescribeKey")).to.equal("Allowed");
    });

    it("keeps out a trail of the same name in the delegated administrator's account, another trail, and another organisation's prefix", async () => {
        const ownTrail = `arn:aws:cloudtrail:us-east-1:${DELEGATED}:trail/sentinel-aws-test`;
        expect(await put(memberLog, ownTrail)).to.equal("ImplicitlyDenied");
        expect(await put(memberLog, `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/other`)).to.equal("ImplicitlyDenied");
        expect(await put(`AWSLogs/o-zzzzzzzzzz/${MEMBER}/CloudTrail/x.json.gz`)).to.equal("ImplicitlyDenied");
        expect(await kms("kms:GenerateDataKey", ownTrail)).to.equal("ImplicitlyDenied");
        const foreignContext = {
            principal: "cloudtrail.amazonaws.com",
            action: "kms:GenerateDataKey",
            keyArn,
            context: { "aws:SourceArn": trailArn },
            keyPolicy,
        };
        expect(
            await keyDecision({ ...foreignContext, encryptionContext: { "aws:cloudtrail:arn": ownTrail } }),
            "a data key for another account's trail",
        ).to.equal("ImplicitlyDenied");
    });
});

describe("S3 connector IAM proofs: GuardDuty exports of several regions into one bucket and key", () => {
    const detectorId = (n: number) => String(n).repeat(32);
    // The bucket's region and a default region, and an opt-in region whose GuardDuty signs as its own principal.
    const detectors = [
        { region: "us-east-1", detectorId: detectorId(1) },
        { region: "eu-west-1", detectorId: detectorId(2) },
        { region: "me-south-1", detectorId: detectorId(3) },
    ];
    const arnOf = (d: { region: string; detectorId: string }) => `arn:aws:guardduty:${d.region}:${ACCOUNT}:detector/${d.detectorId}`;
    const principalOf = (region: string) => (region === "me-south-1" ? "guardduty.me-south-1.amazonaws.com" : "guardduty.amazonaws.com");
    let store: Awaited<ReturnType<typeof plannedStore>>;
    before(async () => {
        store = await plannedStore("gd", ACCOUNT, {
            logTypes: ["guardDuty"],
            guardDutyDetectorId: detectors[0].detectorId,
            guardDutyDetectors: detectors.slice(1),
        });
    });

    const asDetector = (d: { region: string; detectorId: string }, principal = principalOf(d.region)) => {
        const context = { "aws:SourceArn": arnOf(d), "aws:SourceAccount": ACCOUNT };
        const onBucket = (action: string, resource: string) =>
            resourceDecision({
                principal,
                action,
                resource,
                accountId: ACCOUNT,
                context: { "aws:SecureTransport": "true", ...context },
                resourcePolicy: store.bucketPolicy,
            });
        return Promise.all([
            onBucket("s3:GetBucketLocation", store.bucket),
            onBucket("s3:PutObject", `${store.bucket}/AWSLogs/${ACCOUNT}/GuardDuty/${d.region}/2026/11/22/f.jsonl.gz`),
            keyDecision({ principal, action: "kms:GenerateDataKey", keyArn: store.keyArn, context, keyPolicy: store.keyPolicy }),
        ]);
    };

    it("lets each region's detector pass the access test, write its findings and encrypt them, under its region's principal", async () => {
        for (const d of detectors) expect(await asDetector(d), d.region).to.deep.equal(["Allowed", "Allowed", "Allowed"]);
    });

    it("keeps out a detector of a region not listed, and GuardDuty of an opt-in region not listed", async () => {
        expect(await asDetector({ region: "ap-south-1", detectorId: detectorId(4) })).to.deep.equal([
            "ImplicitlyDenied",
            "ImplicitlyDenied",
            "ImplicitlyDenied",
        ]);
        expect(await asDetector({ region: "af-south-1", detectorId: detectorId(3) }, "guardduty.af-south-1.amazonaws.com")).to.deep.equal([
            "ImplicitlyDenied",
            "ImplicitlyDenied",
            "ImplicitlyDenied",
        ]);
    });
});

describe("S3 connector IAM proofs: an existing bucket, relayed through SNS", () => {
    const ARCHIVE = "222233334444";
    const BUCKET = "arn:aws:s3:::aws-controltower-logs-222233334444-us-east-1";
    const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const PREFIX = "o-a1b2c3d4e5/AWSLogs/o-a1b2c3d4e5/";
    let topic: { arn: string; policy: unknown };
    let queue: { arn: string; policy: unknown };
    let roleArn: string;
    let read: unknown;

    before(async () => {
        const s3 = { organizationId: "o-a1b2c3d4e5", existingBucket: { name: BUCKET.split(":::")[1], keyPrefix: "o-a1b2c3d4e5", kmsKeyArn: KEY } };
        const plan = await planOf(flatConfig({ awsAccounts: [account("archive", ARCHIVE, { connector: "s3", s3 })] }));
        topic = {
            arn: one(plan, T.topic, "archive-cloudTrail-topic").outputs.arn as string,
            policy: json(one(plan, T.topicPolicy, "archive-cloudTrail-topic-policy").inputs.policy),
        };
        queue = {
            arn: one(plan, T.queue, "archive-cloudTrail-queue").outputs.arn as string,
            policy: json(one(plan, T.queuePolicy, "archive-cloudTrail-queue-policy").inputs.policy),
        };
        roleArn = one(plan, T.role, "archive-sentinel-role").outputs.arn as string;
        read = json(one(plan, T.inlinePolicy, "archive-sentinel-read").inputs.policy);
    });

    const publish = (principal: string, context: Record<string, string>) =>
        resourceDecision({ principal, action: "sns:Publish", resource: topic.arn, accountId: ARCHIVE, context, resourcePolicy: topic.policy });
    const send = (principal: string, context: Record<string, string>) =>
        resourceDecision({ principal, action: "sqs:SendMessage", resource: queue.arn, accountId: ARCHIVE, context, resourcePolicy: queue.policy });

    it("lets S3 publish the bucket's notifications to the topic, and no other bucket, account or service", async () => {
        expect(await publish("s3.amazonaws.com", { "aws:SourceArn": BUCKET, "aws:SourceAccount": ARCHIVE })).to.equal("Allowed");
        expect(await publish("s3.amazonaws.com", { "aws:SourceArn": "arn:aws:s3:::attacker-bucket", "aws:SourceAccount": ARCHIVE })).to.equal(
            "ImplicitlyDenied",
        );
        expect(await publish("s3.amazonaws.com", { "aws:SourceArn": BUCKET, "aws:SourceAccount": "999988887777" })).to.equal("ImplicitlyDenied");
        expect(await publish("events.amazonaws.com", { "aws:SourceArn": BUCKET, "aws:SourceAccount": ARCHIVE })).to.equal("ImplicitlyDenied");
    });

    it("lets only that topic post to the queue: not another topic, nor S3 directly", async () => {
        expect(await send("sns.amazonaws.com", { "aws:SourceArn": topic.arn })).to.equal("Allowed");
        expect(await send("sns.amazonaws.com", { "aws:SourceArn": `arn:aws:sns:us-east-1:999988887777:${topic.arn.split(":").pop()}` })).to.equal(
            "ImplicitlyDenied",
        );
        expect(await send("s3.amazonaws.com", { "aws:SourceArn": BUCKET, "aws:SourceAccount": ARCHIVE })).to.equal("ImplicitlyDenied");
    });

    it("lets the role read the trail's logs under the key prefix and decrypt them, and nothing else of the bucket", async () => {
        const asRole = (action: string, resource: string) => permissionDecision([read], roleArn, action, resource);
        expect(await asRole("s3:GetObject", `${BUCKET}/${PREFIX}444455556666/CloudTrail/eu-west-1/2026/11/22/x.json.gz`)).to.equal("Allowed");
        expect(
            await asRole("s3:GetObject", `${BUCKET}/AWSLogs/o-a1b2c3d4e5/444455556666/CloudTrail/x.json.gz`),
            "the prefix without the trail's key prefix",
        ).to.equal("ImplicitlyDenied");
        expect(await asRole("s3:GetObject", `${BUCKET}/o-a1b2c3d4e5/AWSLogs/444455556666/Config/x.json.gz`)).to.equal("ImplicitlyDenied");
        expect(await asRole("s3:PutObject", `${BUCKET}/${PREFIX}x.json.gz`)).to.equal("ImplicitlyDenied");
        expect(await asRole("s3:PutBucketNotification", BUCKET)).to.equal("ImplicitlyDenied");
    });

    it("lets the role decrypt with the trail's key in the management account once that key's policy grants it, as docs/connectors.md asks", async () => {
        // The statement docs/connectors.md asks the key's owner to add; without it the key is another account's and IAM refuses.
        const grant = {
            Version: "2012-10-17",
            Statement: [{ Sid: "SentinelDecrypts", Effect: "Allow", Principal: { AWS: roleArn }, Action: "kms:Decrypt", Resource: "*" }],
        };
        const unrelated = {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }],
        };
        const decrypt = (keyPolicy: unknown) =>
            resourceDecision({
                principal: roleArn,
                action: "kms:Decrypt",
                resource: KEY,
                accountId: "111122223333",
                resourcePolicy: keyPolicy,
                identityPolicies: [read],
            });
        expect(await decrypt(grant)).to.equal("Allowed");
        expect(await decrypt(unrelated)).to.equal("ImplicitlyDenied");
    });
});
