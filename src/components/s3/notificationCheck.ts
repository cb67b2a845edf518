// Whether an existing bucket sends its new objects of a prefix to Sentinel's topic yet: the
// one step this program leaves to the bucket's owner. Until it is done Sentinel receives
// nothing, and every deployment says so, with what to add.
import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";
import { LOG_OBJECT_SUFFIX } from "../../s3Facts";

export interface NotificationCheckArgs {
    readonly bucket: string;
    readonly topicArn: pulumi.Output<string>;
    readonly prefix: string;
    /** The ID the configuration entry should have, to tell it from the owner's others. */
    readonly id: string;
}

/** The entry the owner adds to the bucket's TopicConfigurations, as `put-bucket-notification-configuration` takes it. */
function topicConfiguration(topicArn: string, prefix: string, id: string) {
    return {
        Id: id,
        TopicArn: topicArn,
        Events: ["s3:ObjectCreated:*"],
        Filter: {
            Key: {
                FilterRules: [
                    { Name: "Prefix", Value: prefix },
                    { Name: "Suffix", Value: LOG_OBJECT_SUFFIX },
                ],
            },
        },
    };
}

/**
 * The topic's ARN once the bucket's notification configuration has been read: unchanged, but
 * with a warning when no entry sends the prefix's new objects to the topic. A broader prefix
 * does not count: Sentinel would be told of objects its role may not read.
 */
export function checkedTopicArn(args: NotificationCheckArgs, opts: pulumi.InvokeOutputOptions): pulumi.Output<string> {
    const current = s3.getBucketNotificationOutput({ bucket: args.bucket }, opts);
    return pulumi.all([current, args.topicArn]).apply(([found, topicArn]) => {
        const wired = found.topics.some(
            (t) => t.topicArn === topicArn && t.filterPrefix === args.prefix && t.events.some((e) => e.startsWith("s3:ObjectCreated:")),
        );
        if (!wired) {
            void pulumi.log.warn(
                `The existing bucket ${args.bucket} does not send its new objects under ${args.prefix} to ${topicArn} yet, so Sentinel receives nothing from it. ` +
                    `Its owner adds this entry to the bucket's TopicConfigurations, keeping the others (docs/connectors.md, "Bring your own trail and bucket"): ${JSON.stringify(topicConfiguration(topicArn, args.prefix, args.id))}`,
            );
        }
        return topicArn;
    });
}
