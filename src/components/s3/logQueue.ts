// The queue that tells Sentinel about new log objects of one type: S3 (or SNS) posts to it,
// Sentinel reads from it; notifications Sentinel keeps failing on are kept in a dead-letter
// queue that raises an alarm.
import * as pulumi from "@pulumi/pulumi";
import * as sqs from "@pulumi/aws/sqs";
import type { Tags } from "../../config/types";
import { logQueuePolicy, QueueSender } from "../../policies/logQueue";
import { QUEUE_MAX_RECEIVES, QUEUE_RETENTION_SECONDS, QUEUE_VISIBILITY_TIMEOUT_SECONDS } from "../../s3Facts";
import { deadLetterAlarm } from "./deadLetterAlarm";

export interface LogQueueArgs {
    /** Who may post to the queue. */
    readonly sender: pulumi.Input<QueueSender>;
    /** An SNS topic the dead-letter alarm notifies. */
    readonly alarmTopicArn?: string;
    readonly tags: Tags;
}

export class LogQueue extends pulumi.ComponentResource {
    readonly arn: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;
    /** The sender checks that it may post before it accepts a notification: wait for this. */
    readonly policy: sqs.QueuePolicy;

    constructor(name: string, args: LogQueueArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:aws:LogQueue", name, {}, opts);
        // Names by Pulumi (resource name and a random suffix), encrypted with SQS-managed keys,
        // kept as long as SQS allows so that a Sentinel outage loses nothing.
        const settings = { messageRetentionSeconds: QUEUE_RETENTION_SECONDS, sqsManagedSseEnabled: true, tags: args.tags };
        const deadLetters = new sqs.Queue(`${name}-dead-letters`, settings, { parent: this });
        const queue = new sqs.Queue(
            name,
            {
                ...settings,
                visibilityTimeoutSeconds: QUEUE_VISIBILITY_TIMEOUT_SECONDS,
                redrivePolicy: deadLetters.arn.apply((arn) => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: QUEUE_MAX_RECEIVES })),
            },
            { parent: this },
        );
        deadLetterAlarm(`${name}-dead-letters-alarm`, { deadLetters, topicArn: args.alarmTopicArn, tags: args.tags }, { parent: this });
        this.policy = new sqs.QueuePolicy(
            `${name}-policy`,
            {
                queueUrl: queue.url,
                policy: pulumi.all([queue.arn, args.sender]).apply(([queueArn, sender]) => JSON.stringify(logQueuePolicy(queueArn, sender))),
            },
            { parent: this, deletedWith: queue },
        );
        this.arn = queue.arn;
        this.url = queue.url;
        this.registerOutputs({ arn: this.arn, url: this.url });
    }
}
