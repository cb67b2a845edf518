// WAF's logs in one account: a bucket of their own (WAF logs only into buckets named
// `aws-waf-logs-…`), hardened as the log bucket is, its queue and notification, and one
// logging configuration per web ACL, each made once the bucket lets CloudWatch Logs deliver.
import type * as pulumi from "@pulumi/pulumi";
import * as wafv2 from "@pulumi/aws/wafv2";
import { logPrefix, wafBucketName } from "../../naming";
import { LogBucket } from "./logBucket";
import { logNotification } from "./logNotification";
import { LogQueue } from "./logQueue";
import type { LogAccount, WafLogStore } from "./logStore";

export interface WafLogStoreArgs {
    readonly account: LogAccount;
    /** The stack's name: part of the bucket's name. */
    readonly stack: string;
    /** The web ACLs whose logs to collect, of this account and region (or CloudFront's, in us-east-1). */
    readonly webAclArns: readonly string[];
    /** The account's log key, when it has one: WAF's logs are encrypted with it too; SSE-S3 otherwise. */
    readonly keyArn?: pulumi.Input<string>;
    readonly protect: boolean;
    readonly alarmTopicArn?: string;
}

/** A logging configuration's resource name: the web ACL's scope and name, unique within one account's list. */
const loggingName = (arn: string): string => {
    const [scope, , aclName] = arn.split(":").pop()!.split("/");
    return `${scope}-${aclName}`;
};

export function wafLogStore(name: string, args: WafLogStoreArgs, inAccount: pulumi.CustomResourceOptions & pulumi.ComponentResourceOptions): WafLogStore {
    const { account } = args;
    const writers = { partition: account.partition, accountId: account.accountId, region: account.region, vpcFlowLogs: false, waf: true };
    const bucket = new LogBucket(
        `${name}-waf-logs`,
        { writers, keyArn: args.keyArn, protect: args.protect, tags: account.tags, bucketName: wafBucketName(args.stack, account.accountId, account.region) },
        inAccount,
    );
    const sender = bucket.bucket.arn.apply((bucketArn) => ({ service: "s3" as const, bucketArn, accountId: account.accountId }));
    const queue = new LogQueue(`${name}-waf-queue`, { sender, alarmTopicArn: args.alarmTopicArn, tags: account.tags }, inAccount);
    const prefix = logPrefix("waf", account.accountId);
    const notification = logNotification(`${name}-waf-notifications`, bucket.bucket.id, [{ logType: "waf", queue, prefix }], inAccount);
    for (const arn of args.webAclArns) {
        new wafv2.WebAclLoggingConfiguration(
            `${name}-waf-logging-${loggingName(arn)}`,
            { resourceArn: arn, logDestinationConfigs: [bucket.bucket.arn] },
            // WAF checks the bucket policy when logging is turned on, and writes its own statements otherwise.
            { ...inAccount, dependsOn: bucket.ready },
        );
    }
    return { logType: "waf", queue, prefix, bucketName: bucket.bucket.id, bucketArn: bucket.bucket.arn, feeding: [notification] };
}
