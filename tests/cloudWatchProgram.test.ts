// CloudWatch Logs through the S3 connector, as the sample S3 stack plans it: the function and
// what guards it, one subscription per log group, the queue and connector of AWSCloudWatch, and
// IAM proofs (by @cloud-copilot/iam-simulate) that the function writes its prefix only, that
// only its log groups may invoke it, and that Sentinel's role reads the CloudWatch prefix.
import { expect } from "chai";
import type { Plan, PlannedResource } from "../plan/record";
import { cloudWatchFunctionPolicy } from "../src/policies/cloudWatchFunction";
import { Decision, permissionDecision, resourceDecision } from "./iam/simulator";
import { one, ofType, planSample, T } from "./helpers";

const ACCOUNT = "444455556666";
const PREFIX = `AWSLogs/${ACCOUNT}/CloudWatch/`;
const json = (text: unknown) => JSON.parse(text as string);
const FUNCTION = "sentinel-aws:aws:CloudWatchFunction";

describe("CloudWatch Logs through the S3 connector (examples/Pulumi.s3.yaml)", () => {
    let plan: Plan;
    let fn: PlannedResource;
    let bucket: string;
    let functionPolicy: unknown;
    const of = (type: string) => plan.resources.filter((r) => r.type === type && r.name.startsWith("security-sources-cloudwatch"));

    before(async () => {
        plan = await planSample("examples/Pulumi.s3.yaml", "s3");
        fn = one(plan, "aws:lambda/function:Function", "security-sources-cloudwatch");
        bucket = one(plan, T.bucket, "security-logs").outputs.arn as string;
        functionPolicy = json(one(plan, T.inlinePolicy, "security-sources-cloudwatch-policy").inputs.policy);
    });

    it("makes one function, in the account that collects cloudWatch only, writing under the CloudWatch prefix", () => {
        expect(ofType(plan, "aws:lambda/function:Function").map((r) => r.name)).to.deep.equal(["security-sources-cloudwatch"]);
        expect(ofType(plan, FUNCTION)).to.have.length(1);
        expect(fn.inputs.runtime).to.equal("nodejs22.x");
        expect(fn.inputs.environment).to.deep.equal({ variables: { BUCKET: one(plan, T.bucket, "security-logs").outputs.bucket, PREFIX } });
    });

    it("parks failed batches in a dead-letter queue, and alarms on errors and on parked batches", () => {
        const deadLetters = one(plan, T.queue, "security-sources-cloudwatch-dead-letters");
        expect(fn.inputs.deadLetterConfig).to.deep.equal({ targetArn: deadLetters.outputs.arn });
        const alarms = of(T.alarm);
        expect(alarms.map((a) => `${a.inputs.namespace} ${a.inputs.metricName}`).sort()).to.deep.equal([
            "AWS/Lambda Errors",
            "AWS/SQS ApproximateNumberOfMessagesVisible",
        ]);
        expect(one(plan, T.alarm, "security-sources-cloudwatch-errors-alarm").inputs.dimensions).to.deep.equal({ FunctionName: fn.inputs.name });
    });

    it("makes the function's log group with a retention before the function, so that it needs no logs:CreateLogGroup", () => {
        const group = one(plan, "aws:cloudwatch/logGroup:LogGroup", "security-sources-cloudwatch-logs");
        expect(group.inputs.name).to.equal(`/aws/lambda/${fn.inputs.name}`);
        expect(group.inputs.retentionInDays).to.be.a("number");
        expect(fn.dependsOn).to.include(group.urn);
        expect(JSON.stringify(functionPolicy)).to.not.include("CreateLogGroup");
    });

    it("subscribes each listed log group with its pattern, after a permission of that group only", () => {
        const filters = of("aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter");
        expect(filters.map((f) => [f.inputs.logGroup, f.inputs.filterPattern])).to.deep.equal([
            ["/aws/lambda/payments", ""],
            ["/ecs/web", '{ $.level = "ERROR" }'],
        ]);
        for (const filter of filters) {
            expect(filter.inputs.destinationArn).to.equal(fn.outputs.arn);
            const permission = one(plan, "aws:lambda/permission:Permission", filter.name.replace(/-subscription$/, "-invoke"));
            expect(filter.dependsOn).to.include(permission.urn);
            expect(permission.inputs).to.deep.include({
                principal: "logs.amazonaws.com",
                sourceAccount: ACCOUNT,
                sourceArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${filter.inputs.logGroup}:*`,
            });
        }
    });

    it("gives AWSCloudWatch its own queue, notified of .gz objects under the CloudWatch prefix, and its own connector", () => {
        const notification = one(plan, T.notification, "security-notifications");
        const queues = notification.inputs.queues as { id: string; filterPrefix: string; filterSuffix: string }[];
        expect(queues.find((q) => q.id === "sentinel-cloudWatch")).to.deep.include({ filterPrefix: PREFIX, filterSuffix: ".gz" });
        const connector = one(plan, T.armResource, "security-cloudWatch-connector");
        expect((connector.inputs.properties as { destinationTable: string }).destinationTable).to.equal("AWSCloudWatch");
    });

    describe("IAM proofs", () => {
        const role = `arn:aws:iam::${ACCOUNT}:role/sentinel-aws-s3-security-cloudwatch`;
        const write = (policy: unknown, key: string): Promise<Decision> => permissionDecision([policy], role, "s3:PutObject", `${bucket}/${key}`);

        it("lets the function write under the CloudWatch prefix, and nowhere else in the bucket", async () => {
            expect(await write(functionPolicy, `${PREFIX}2026/12/06/g/s/1.gz`)).to.equal("Allowed");
            expect(await write(functionPolicy, `AWSLogs/${ACCOUNT}/CloudTrail/x.json.gz`)).to.equal("ImplicitlyDenied");
            expect(await permissionDecision([functionPolicy], role, "s3:GetObject", `${bucket}/${PREFIX}x.gz`)).to.equal("ImplicitlyDenied");
            expect(await permissionDecision([functionPolicy], role, "logs:FilterLogEvents", `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/ecs/web:*`)).to.equal(
                "ImplicitlyDenied",
            );
        });

        it("would let a function whose prefix is the whole AWSLogs/ write CloudTrail's logs (control)", async () => {
            const broad = cloudWatchFunctionPolicy({
                bucketArn: bucket,
                prefix: "AWSLogs/",
                logGroupArn: "arn:aws:logs:eu-west-1:1:log-group:x",
                deadLetterQueueArn: "arn:aws:sqs:eu-west-1:1:q",
            });
            expect(await write(broad, `AWSLogs/${ACCOUNT}/CloudTrail/x.json.gz`)).to.equal("Allowed");
        });

        /** The function's resource policy as Lambda writes it from each Permission (Lambda API reference, AddPermission). */
        const functionResourcePolicy = (permissions: PlannedResource[]) => ({
            Version: "2012-10-17",
            Statement: permissions.map((p) => ({
                Effect: "Allow",
                Principal: { Service: p.inputs.principal },
                Action: p.inputs.action,
                Resource: fn.outputs.arn,
                Condition: { StringEquals: { "AWS:SourceAccount": p.inputs.sourceAccount }, ArnLike: { "AWS:SourceArn": p.inputs.sourceArn } },
            })),
        });
        const invoke = (policy: unknown, logGroup: string, account = ACCOUNT) =>
            resourceDecision({
                principal: "logs.amazonaws.com",
                action: "lambda:InvokeFunction",
                resource: fn.outputs.arn as string,
                accountId: ACCOUNT,
                context: { "aws:SourceArn": `arn:aws:logs:eu-west-1:${account}:log-group:${logGroup}:*`, "aws:SourceAccount": account },
                resourcePolicy: policy,
            });

        it("lets CloudWatch Logs invoke the function for the listed log groups only, of this account only", async () => {
            const policy = functionResourcePolicy(of("aws:lambda/permission:Permission"));
            expect(await invoke(policy, "/aws/lambda/payments")).to.equal("Allowed");
            expect(await invoke(policy, "/ecs/web")).to.equal("Allowed");
            expect(await invoke(policy, "/ecs/other")).to.equal("ImplicitlyDenied");
            expect(await invoke(policy, "/ecs/web", "999988887777")).to.equal("ImplicitlyDenied");
        });

        it("would let any log group invoke it if a permission named no source (control)", async () => {
            const [first] = of("aws:lambda/permission:Permission");
            const unscoped = {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: fn.outputs.arn }],
            };
            expect(first).to.not.equal(undefined);
            expect(await invoke(unscoped, "/ecs/other")).to.equal("Allowed");
        });

        it("lets Sentinel's role read the CloudWatch prefix", async () => {
            const read = json(one(plan, T.inlinePolicy, "security-sentinel-read").inputs.policy);
            const sentinel = one(plan, T.role, "security-sentinel-role").outputs.arn as string;
            expect(await permissionDecision([read], sentinel, "s3:GetObject", `${bucket}/${PREFIX}2026/12/06/g/s/1.gz`)).to.equal("Allowed");
            expect(await permissionDecision([read], sentinel, "s3:GetObject", `${bucket}/AWSLogs/${ACCOUNT}/Other/x.gz`)).to.equal("ImplicitlyDenied");
        });
    });
});
