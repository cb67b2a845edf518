// The SNS topic an existing bucket's owner points the bucket's notifications of one log type
// at, so that Sentinel's queue gets them without this program writing the bucket's
// notification configuration (S3 keeps one per bucket, and writing it replaces the others).
import * as pulumi from "@pulumi/pulumi";
import * as sns from "@pulumi/aws/sns";
import type { Tags } from "../../config/types";
import { logTopicPolicy } from "../../policies/logTopic";

export interface LogTopicArgs {
    /** A fixed name: the bucket's owner refers to it. */
    readonly topicName: string;
    readonly bucketArn: string;
    /** The bucket's account: S3 publishes as it. */
    readonly accountId: string;
    readonly tags: Tags;
}

export class LogTopic extends pulumi.ComponentResource {
    readonly arn: pulumi.Output<string>;
    /** S3 checks that it may publish when the owner adds the notification: the policy must exist. */
    readonly policy: sns.TopicPolicy;

    constructor(name: string, args: LogTopicArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:aws:LogTopic", name, {}, opts);
        // Not encrypted: S3 cannot publish to a topic under SNS's AWS-managed key, and the
        // messages hold bucket and key names only, which the queue encrypts at rest.
        const topic = new sns.Topic(name, { name: args.topicName, tags: args.tags }, { parent: this });
        this.policy = new sns.TopicPolicy(
            `${name}-policy`,
            { arn: topic.arn, policy: topic.arn.apply((topicArn) => JSON.stringify(logTopicPolicy(topicArn, args.bucketArn, args.accountId))) },
            { parent: this },
        );
        this.arn = topic.arn;
        this.registerOutputs({ arn: this.arn });
    }
}
