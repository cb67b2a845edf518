// A bucket's one notification configuration (S3 keeps only the last one written), listing
// the queue of each log type with the prefix it hears of.
import * as s3 from "@pulumi/aws/s3";
import type * as pulumi from "@pulumi/pulumi";
import { LOG_OBJECT_SUFFIX } from "../../s3Facts";
import type { LogTypeQueue } from "./logStore";

export function logNotification(
    name: string,
    bucket: pulumi.Input<string>,
    queues: readonly LogTypeQueue[],
    opts: pulumi.CustomResourceOptions,
): s3.BucketNotification {
    return new s3.BucketNotification(
        name,
        {
            bucket,
            queues: queues.map(({ logType, queue, prefix }) => ({
                id: `sentinel-${logType}`,
                queueArn: queue.arn,
                events: ["s3:ObjectCreated:*"],
                filterPrefix: prefix,
                filterSuffix: LOG_OBJECT_SUFFIX,
            })),
        },
        // S3 sends a test event when the configuration is written: each queue must let it post first.
        { ...opts, dependsOn: queues.map(({ queue }) => queue.policy) },
    );
}
