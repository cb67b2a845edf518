// Where an S3 account's logs are, as the rest of the connection sees it: a bucket (made by
// this program, or one that exists), its key, and a queue per log type fed with its
// notifications.
import type * as pulumi from "@pulumi/pulumi";
import type { S3LogType } from "../../s3Facts";
import type { LogQueue } from "./logQueue";

/** The account the logs are in, as the log store names and tags what it makes. */
export interface LogAccount {
    /** The connection's label: topics are named after it. */
    readonly name: string;
    readonly accountId: string;
    readonly region: string;
    readonly partition: string;
    readonly tags: Readonly<Record<string, string>>;
}

export interface LogTypeQueue {
    readonly logType: S3LogType;
    readonly queue: LogQueue;
    /** The key prefix whose new objects the queue hears of, and Sentinel's role may read. */
    readonly prefix: string;
}

/** The CloudWatch Logs function as the stack's outputs name it. */
export interface CloudWatchFunctionOutputs {
    /** The function's name, as Lambda and its metrics know it. */
    readonly functionName: string;
    /** Where the batches it failed on are parked. */
    readonly deadLetterQueueUrl: pulumi.Output<string>;
}

/** WAF's logs: a bucket of their own (WAF's naming rule), with the queue of its one prefix. */
export interface WafLogStore extends LogTypeQueue {
    readonly bucketName: pulumi.Output<string>;
    readonly bucketArn: pulumi.Output<string>;
    /** What must exist before Sentinel reads the queue: the bucket's notification. */
    readonly feeding: readonly pulumi.Resource[];
}

export interface LogStore {
    readonly bucketName: pulumi.Output<string>;
    readonly bucketArn: pulumi.Input<string>;
    /** The KMS key the logs are encrypted with, if any. */
    readonly keyArn?: pulumi.Input<string>;
    readonly queues: readonly LogTypeQueue[];
    /** WAF's bucket and queue, when WAF is collected. */
    readonly waf?: WafLogStore;
    /** The CloudWatch Logs function, when collected: what the health check looks at. */
    readonly cloudWatchFunction?: CloudWatchFunctionOutputs;
    /** What must exist before Sentinel reads the queues: whatever feeds them. */
    readonly feeding: readonly pulumi.Resource[];
}
