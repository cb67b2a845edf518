// The queue that tells Sentinel about new log objects of one type: S3 posts to it, Sentinel
// reads from it; notifications Sentinel fails to process are kept in a dead-letter queue.
import * as pulumi from "@pulumi/pulumi";
import * as sqs from "@pulumi/aws/sqs";
import type { Tags } from "../../config/types";
import { logQueuePolicy } from "../../policies/logQueue";
import { QUEUE_MAX_RECEIVES, QUEUE_RETENTION_SECONDS } from "../../s3Facts";

export interface LogQueueArgs {
    readonly bucketArn: pulumi.Input<string>;
    readonly accountId: string;
    readonly tags: Tags;
}

export class LogQueue extends pulumi.ComponentResource {
    readonly arn: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;
    /** S3 checks that it may post before it accepts a notification: wait for this. */
    readonly policy: sqs.QueuePolicy;

    constructor(name: string, args: LogQueueArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:aws:LogQueue", name, {}, opts);
        // Names by Pulumi (resource name and a random suffix), encrypted with SQS-managed keys,
        // kept as long as SQS allows so that a Sentinel outage loses nothing.
        const settings = { messageRetentionSeconds: QUEUE_RETENTION_SECONDS, sqsManagedSseEnabled: true, tags: args.tags };
        const deadLetters = new sqs.Queue(`${name}-dead-letters`, settings, { parent: this });
        const queue = new sqs.Queue(
            name,
            { ...settings, redrivePolicy: deadLetters.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: QUEUE_MAX_RECEIVES })) },
            { parent: this },
        );
        this.policy = new sqs.QueuePolicy(
            `${name}-policy`,
            { queueUrl: queue.url, policy: pulumi.all([queue.arn, args.bucketArn]).apply(([queueArn, bucketArn]) => JSON.stringify(logQueuePolicy(queueArn, bucketArn, args.accountId))) },
            { parent: this },
        );
        this.arn = queue.arn;
        this.url = queue.url;
        this.registerOutputs({ arn: this.arn, url: this.url });
    }
}
