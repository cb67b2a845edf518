// CloudWatch Logs into the log bucket as Sentinel reads them: a subscription filter per log
// group invokes a function of this program (src/cloudWatchCsv/) that writes each batch as
// gzip CSV under the CloudWatch prefix. A batch that fails every attempt is parked in a
// dead-letter queue; errors and parked batches raise alarms, so no batch is lost unseen.
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import * as lambda from "@pulumi/aws/lambda";
import * as sqs from "@pulumi/aws/sqs";
import { CLOUDWATCH_CSV_FUNCTION_JS } from "../../cloudWatchCsv/bundle";
import type { Tags } from "../../config/types";
import { cloudWatchFunctionPolicy, lambdaTrustPolicy } from "../../policies/cloudWatchFunction";
import { CLOUDWATCH_FUNCTION_RUNTIME, CLOUDWATCH_LOGS_PRINCIPAL, QUEUE_RETENTION_SECONDS } from "../../s3Facts";
import { deadLetterAlarm, onFirstOccurrence } from "./deadLetterAlarm";

/** Days the function's own log lines are kept: enough to read why a batch failed. */
const FUNCTION_LOG_RETENTION_DAYS = 30;
/** Seconds one batch may take: a put of at most some megabytes. */
const FUNCTION_TIMEOUT_SECONDS = 60;
/** Memory for a batch of up to 64 MB decompressed (src/cloudWatchCsv/payload.ts) and its CSV. */
const FUNCTION_MEMORY_MB = 512;

export interface CloudWatchLogGroup {
    /** The log group's name, in the account's region. */
    readonly name: string;
    /** The subscription filter's pattern; empty forwards every event. */
    readonly filterPattern: string;
}

export interface CloudWatchFunctionArgs {
    /** Names the function, its role and its log group. */
    readonly functionName: string;
    readonly accountId: string;
    readonly region: string;
    readonly partition: string;
    readonly bucketName: pulumi.Input<string>;
    readonly bucketArn: pulumi.Input<string>;
    /** The CloudWatch prefix the objects go under. */
    readonly prefix: string;
    /** The bucket's KMS key, if any. */
    readonly keyArn?: pulumi.Input<string>;
    readonly logGroups: readonly CloudWatchLogGroup[];
    /** An SNS topic the alarms notify. */
    readonly alarmTopicArn?: string;
    /** The bucket's policy and encryption, which the first write meets. */
    readonly bucketReady: pulumi.Resource[];
    readonly tags: Tags;
}

/** A log group's name as part of a resource name. */
const resourcePart = (logGroup: string): string => logGroup.replace(/[^\w.-]/g, "_");

export class CloudWatchFunction extends pulumi.ComponentResource {
    readonly functionArn: pulumi.Output<string>;
    readonly functionName: string;
    readonly deadLetterQueueUrl: pulumi.Output<string>;

    constructor(name: string, args: CloudWatchFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:aws:CloudWatchFunction", name, {}, opts);
        const child = { parent: this };
        const { partition, region, accountId, functionName } = args;
        const logGroupArn = `arn:${partition}:logs:${region}:${accountId}:log-group:/aws/lambda/${functionName}`;

        const ownLogs = new cloudwatch.LogGroup(
            `${name}-logs`,
            { name: `/aws/lambda/${functionName}`, retentionInDays: FUNCTION_LOG_RETENTION_DAYS, tags: args.tags },
            child,
        );
        const deadLetters = new sqs.Queue(
            `${name}-dead-letters`,
            { messageRetentionSeconds: QUEUE_RETENTION_SECONDS, sqsManagedSseEnabled: true, tags: args.tags },
            child,
        );
        const role = new iam.Role(`${name}-role`, { name: functionName, assumeRolePolicy: JSON.stringify(lambdaTrustPolicy()), tags: args.tags }, child);
        const policy = new iam.RolePolicy(
            `${name}-policy`,
            {
                role: role.name,
                name: functionName,
                policy: pulumi
                    .all([args.bucketArn, deadLetters.arn, args.keyArn])
                    .apply(([bucketArn, deadLetterQueueArn, keyArn]) =>
                        JSON.stringify(cloudWatchFunctionPolicy({ bucketArn, prefix: args.prefix, logGroupArn, deadLetterQueueArn, keyArn })),
                    ),
            },
            child,
        );
        const fn = new lambda.Function(
            name,
            {
                name: functionName,
                description: "Writes CloudWatch Logs events as the gzip CSV Microsoft Sentinel reads. Managed by Pulumi (sentinel-aws).",
                role: role.arn,
                runtime: CLOUDWATCH_FUNCTION_RUNTIME,
                handler: "index.handler",
                code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(CLOUDWATCH_CSV_FUNCTION_JS) }),
                timeout: FUNCTION_TIMEOUT_SECONDS,
                memorySize: FUNCTION_MEMORY_MB,
                environment: { variables: { BUCKET: args.bucketName, PREFIX: args.prefix } },
                // Subscription filters invoke asynchronously: Lambda retries a failed batch twice, then parks it here.
                deadLetterConfig: { targetArn: deadLetters.arn },
                tags: args.tags,
            },
            // Lambda checks at creation that the role may send to the dead-letter queue.
            { ...child, dependsOn: [policy, ownLogs, ...args.bucketReady] },
        );

        new cloudwatch.MetricAlarm(
            `${name}-errors-alarm`,
            {
                alarmDescription: `The function ${functionName} failed on CloudWatch Logs batches; Lambda retries each twice, then parks it in the dead-letter queue. Its log group /aws/lambda/${functionName} says why.`,
                namespace: "AWS/Lambda",
                metricName: "Errors",
                dimensions: { FunctionName: functionName },
                statistic: "Sum",
                ...onFirstOccurrence(args.alarmTopicArn),
                tags: args.tags,
            },
            { ...child, dependsOn: [fn] },
        );
        deadLetterAlarm(
            `${name}-dead-letters-alarm`,
            {
                deadLetters,
                topicArn: args.alarmTopicArn,
                description: pulumi.interpolate`CloudWatch Logs batches the function ${functionName} failed on three times are in ${deadLetters.name}, not in the bucket. Each message is the subscription's event: fix the cause, then invoke the function with it again (aws lambda invoke --function-name ${functionName} --invocation-type Event --payload file://message.json).`,
                tags: args.tags,
            },
            child,
        );

        for (const group of args.logGroups) {
            const part = resourcePart(group.name);
            const permission = new lambda.Permission(
                `${name}-${part}-invoke`,
                {
                    action: "lambda:InvokeFunction",
                    function: fn.name,
                    principal: CLOUDWATCH_LOGS_PRINCIPAL,
                    // This log group of this account only (confused-deputy protection, Lambda developer guide).
                    sourceArn: `arn:${partition}:logs:${region}:${accountId}:log-group:${group.name}:*`,
                    sourceAccount: accountId,
                },
                child,
            );
            new cloudwatch.LogSubscriptionFilter(
                `${name}-${part}-subscription`,
                { name: functionName, logGroup: group.name, filterPattern: group.filterPattern, destinationArn: fn.arn },
                // CloudWatch Logs tests the invocation when the filter is made.
                { ...child, dependsOn: [permission] },
            );
        }

        this.functionArn = fn.arn;
        this.functionName = functionName;
        this.deadLetterQueueUrl = deadLetters.url;
        this.registerOutputs({ functionArn: this.functionArn, deadLetterQueueUrl: this.deadLetterQueueUrl });
    }
}
