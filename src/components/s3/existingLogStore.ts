// The logs' home when it exists already (a landing zone's log archive bucket, with an
// organisation trail writing to it): nothing there is created or changed. Per log type, an
// SNS topic the bucket's owner points the bucket at, and Sentinel's queue subscribed to it
// with raw delivery.
import * as pulumi from "@pulumi/pulumi";
import * as sns from "@pulumi/aws/sns";
import type { S3ConnectorConfig } from "../../config/types";
import { logPrefix, logTopicName } from "../../naming";
import { LogQueue } from "./logQueue";
import type { LogAccount, LogStore } from "./logStore";
import { LogTopic } from "./logTopic";
import { checkedTopicArn } from "./notificationCheck";

export interface ExistingLogStoreArgs {
    readonly account: LogAccount;
    readonly settings: S3ConnectorConfig;
    readonly bucket: NonNullable<S3ConnectorConfig["existingBucket"]>;
    readonly stack: string;
}

export function existingLogStore(
    name: string,
    args: ExistingLogStoreArgs,
    inAccount: pulumi.CustomResourceOptions & pulumi.ComponentResourceOptions,
): LogStore {
    const { account, settings, bucket } = args;
    // In this account and region (config says so): S3 notifies topics of its own region.
    const bucketArn = `arn:${account.partition}:s3:::${bucket.name}`;
    const fed = settings.logTypes.map((logType) => {
        const prefix = logPrefix(logType, account.accountId, settings.organizationId, bucket.keyPrefix);
        const topicName = logTopicName(args.stack, account.name, logType);
        const topic = new LogTopic(`${name}-${logType}-topic`, { topicName, bucketArn, accountId: account.accountId, tags: account.tags }, inAccount);
        const sender = topic.arn.apply((topicArn) => ({ service: "sns" as const, topicArn }));
        const queue = new LogQueue(`${name}-${logType}-queue`, { sender, alarmTopicArn: settings.alarmTopicArn, tags: account.tags }, inAccount);
        // Raw delivery: the queue gets S3's event itself ({"Records": [...]}), which is what
        // Sentinel reads; Microsoft's SNS fan-out instructions for Sentinel's queue require it.
        const subscription = new sns.TopicSubscription(
            `${name}-${logType}-subscription`,
            {
                topic: checkedTopicArn({ bucket: bucket.name, topicArn: topic.arn, prefix, id: topicName }, inAccount),
                protocol: "sqs",
                endpoint: queue.arn,
                rawMessageDelivery: true,
            },
            { ...inAccount, dependsOn: [queue.policy] },
        );
        return { queue: { logType, queue, prefix }, feeding: [subscription, topic.policy] };
    });
    return {
        bucketName: pulumi.output(bucket.name),
        bucketArn,
        keyArn: bucket.kmsKeyArn,
        queues: fed.map((f) => f.queue),
        feeding: fed.flatMap((f) => f.feeding),
    };
}
