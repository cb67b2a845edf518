// The S3 connector's policies, evaluated by the same IAM policy evaluator as the CloudTrail
// API role (@cloud-copilot/iam-simulate): who may assume the role, who may post to the
// queues, who may write the log prefixes, and what the role may do with them.
import { expect } from "chai";
import type { Plan } from "../src/plan/record";
import { SENTINEL_OIDC } from "../src/s3Facts";
import { Decision, resourceDecision, webIdentityDecision } from "./iam/simulator";
import { one, planSample, T } from "./helpers";

const ACCOUNT = "444455556666";
const OTHER_WORKSPACE = "0f0e0d0c-0b0a-4998-8776-655443322110";
const ISSUER = SENTINEL_OIDC.public.url.replace("https://", "");
const json = (text: unknown) => JSON.parse(text as string);

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
        const cases: [string, Decision, () => Promise<Decision>][] = [
            ["Sentinel's token for this workspace", "Allowed", () => webIdentityDecision(trust, roleArn, providerArn, token(SENTINEL_OIDC.public.audience, `MicrosoftSentinel_${ws}`))],
            ["the same under the Defender for Cloud session prefix", "Allowed", () => webIdentityDecision(trust, roleArn, providerArn, token(SENTINEL_OIDC.public.audience, `MicrosoftDefenderForClouds_${ws}`))],
            ["a token for another audience", "ImplicitlyDenied", () => webIdentityDecision(trust, roleArn, providerArn, token("api://some-other-app", `MicrosoftSentinel_${ws}`))],
            ["Azure Government's audience", "ImplicitlyDenied", () => webIdentityDecision(trust, roleArn, providerArn, token(SENTINEL_OIDC.usGovernment.audience, `MicrosoftSentinel_${ws}`))],
            ["another workspace's session", "ImplicitlyDenied", () => webIdentityDecision(trust, roleArn, providerArn, token(SENTINEL_OIDC.public.audience, `MicrosoftSentinel_${OTHER_WORKSPACE}`))],
            ["a session name with this workspace ID under another prefix", "ImplicitlyDenied", () => webIdentityDecision(trust, roleArn, providerArn, token(SENTINEL_OIDC.public.audience, `Attacker_${ws}`))],
            ["a plain sts:AssumeRole", "ImplicitlyDenied", () => webIdentityDecision(trust, roleArn, providerArn, token(SENTINEL_OIDC.public.audience, `MicrosoftSentinel_${ws}`), "sts:AssumeRole")],
            ["another OIDC provider of the account", "ImplicitlyDenied", () => webIdentityDecision(trust, roleArn, `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`, token(SENTINEL_OIDC.public.audience, `MicrosoftSentinel_${ws}`))],
            ["Microsoft's AWS account (the CloudTrail API connector's principal)", "ImplicitlyDenied", () => webIdentityDecision(trust, roleArn, "arn:aws:iam::197857026523:root", token(SENTINEL_OIDC.public.audience, `MicrosoftSentinel_${ws}`), "sts:AssumeRole")],
        ];
        for (const [who, expected, decision] of cases) {
            it(`${expected === "Allowed" ? "lets in" : "keeps out"} ${who}`, async () => expect(await decision()).to.equal(expected));
        }
        it("would let another workspace in without the session-name condition (control)", async () => {
            const loose = json(JSON.stringify(trust));
            delete loose.Statement[0].Condition.StringEquals["sts:RoleSessionName"];
            expect(await webIdentityDecision(loose, roleArn, providerArn, token(SENTINEL_OIDC.public.audience, `MicrosoftSentinel_${OTHER_WORKSPACE}`))).to.equal("Allowed");
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
                expect(await send(q, "s3.amazonaws.com", { "aws:SourceArn": "arn:aws:s3:::attacker-bucket", "aws:SourceAccount": ACCOUNT })).to.equal("ImplicitlyDenied");
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
            resourceDecision({ principal, action: "s3:PutObject", resource: `${bucket}/${key}`, accountId: ACCOUNT, context: { "aws:SecureTransport": "true", ...context }, resourcePolicy: bucketPolicy });
        const trailWrite = { "aws:SourceArn": "", "aws:SourceAccount": ACCOUNT, "s3:x-amz-acl": "bucket-owner-full-control" };
        const cloudTrailKey = `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/11/22/log.json.gz`;

        it("lets this trail write its log prefix", async () => {
            expect(await put("cloudtrail.amazonaws.com", cloudTrailKey, { ...trailWrite, "aws:SourceArn": trailArn })).to.equal("Allowed");
        });
        it("keeps out another trail, another service, and writes without bucket-owner-full-control", async () => {
            expect(await put("cloudtrail.amazonaws.com", cloudTrailKey, { ...trailWrite, "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/other` })).to.equal("ImplicitlyDenied");
            expect(await put("guardduty.amazonaws.com", cloudTrailKey, { ...trailWrite, "aws:SourceArn": trailArn })).to.equal("ImplicitlyDenied");
            expect(await put("delivery.logs.amazonaws.com", cloudTrailKey, { ...trailWrite, "aws:SourceArn": `arn:aws:logs:eu-west-1:${ACCOUNT}:x` })).to.equal("ImplicitlyDenied");
            expect(await put("cloudtrail.amazonaws.com", cloudTrailKey, { ...trailWrite, "aws:SourceArn": trailArn, "s3:x-amz-acl": "private" })).to.equal("ImplicitlyDenied");
        });
        it("keeps GuardDuty to its own prefix", async () => {
            const detector = `arn:aws:guardduty:eu-west-1:${ACCOUNT}:detector/12abc34d567e8fa901bc2d34e56789f0`;
            const context = { "aws:SourceArn": detector, "aws:SourceAccount": ACCOUNT };
            expect(await put("guardduty.amazonaws.com", `AWSLogs/${ACCOUNT}/GuardDuty/eu-west-1/f.jsonl.gz`, context)).to.equal("Allowed");
            expect(await put("guardduty.amazonaws.com", cloudTrailKey, context)).to.equal("ImplicitlyDenied");
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
            resourceDecision({ principal: roleArn, action, resource, accountId: ACCOUNT, context: { "aws:SecureTransport": "true" }, resourcePolicy: bucketPolicy, identityPolicies: [read] });
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
        const asRole = (action: string, queueArn: string) => resourceDecision({ principal: roleArn, action, resource: queueArn, accountId: ACCOUNT, resourcePolicy: queues[0].policy, identityPolicies: [read] });
        it("let it receive and delete notifications of its queues", async () => {
            for (const q of queues) for (const action of ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"]) expect(await asRole(action, q.arn), action).to.equal("Allowed");
        });
        it("keep it from sending, purging, or reading other queues", async () => {
            expect(await asRole("sqs:SendMessage", queues[0].arn)).to.equal("ImplicitlyDenied");
            expect(await asRole("sqs:PurgeQueue", queues[0].arn)).to.equal("ImplicitlyDenied");
            expect(await asRole("sqs:ReceiveMessage", `arn:aws:sqs:eu-west-1:${ACCOUNT}:payments`)).to.equal("ImplicitlyDenied");
        });
    });
});
