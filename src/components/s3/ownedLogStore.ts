// The logs' home when this program makes it: a KMS key when needed, the bucket, what writes
// into it (trail, GuardDuty exports, flow logs), a queue per log type, and the bucket's one
// notification configuration listing those queues. Created as children of the connection,
// as they always were, so that their URNs stay put.
import * as pulumi from "@pulumi/pulumi";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import type { S3ConnectorConfig } from "../../config/types";
import { cloudWatchFunctionName, logPrefix, trailName } from "../../naming";
import { logKeyPolicy } from "../../policies/logKey";
import { LOG_OBJECT_SUFFIX } from "../../s3Facts";
import { LogBucket } from "./logBucket";
import { LogQueue } from "./logQueue";
import { LogSources } from "./logSources";
import type { LogAccount, LogStore } from "./logStore";
import { guardDutyDetectors, logWritersOf } from "./logWritersOf";

export interface OwnedLogStoreArgs {
    readonly account: LogAccount;
    readonly settings: S3ConnectorConfig;
    readonly stack: string;
    /** Sentinel's role, which the key lets decrypt. */
    readonly readerRoleArn: pulumi.Output<string>;
}

export function ownedLogStore(name: string, args: OwnedLogStoreArgs, inAccount: pulumi.CustomResourceOptions & pulumi.ComponentResourceOptions): LogStore {
    const { account, settings } = args;
    const trail = trailName(args.stack);
    const writers = logWritersOf(account, settings, trail);

    // GuardDuty exports only to KMS-encrypted destinations, so it always brings a key.
    const collectsGuardDuty = settings.logTypes.includes("guardDuty");
    const key =
        settings.kmsEncryption || collectsGuardDuty
            ? new kms.Key(
                  `${name}-logs-key`,
                  {
                      description: "Encrypts the AWS logs Microsoft Sentinel reads. Managed by Pulumi (sentinel-aws).",
                      enableKeyRotation: true,
                      deletionWindowInDays: 30,
                      policy: args.readerRoleArn.apply((roleArn) => JSON.stringify(logKeyPolicy(writers, roleArn))),
                      tags: account.tags,
                  },
                  // Deleting the key makes every log encrypted with it unreadable.
                  { ...inAccount, protect: settings.protectBucket },
              )
            : undefined;

    const bucket = new LogBucket(`${name}-logs`, { writers, keyArn: key?.arn, protect: settings.protectBucket, tags: account.tags }, inAccount);
    const sources = new LogSources(
        `${name}-sources`,
        {
            settings,
            trailName: trail,
            guardDuty: collectsGuardDuty && key ? { detectors: guardDutyDetectors(account, settings), keyArn: key.arn } : undefined,
            homeRegion: account.region,
            cloudWatch: settings.logTypes.includes("cloudWatch")
                ? {
                      functionName: cloudWatchFunctionName(args.stack, account.name),
                      prefix: logPrefix("cloudWatch", account.accountId),
                      accountId: account.accountId,
                      partition: account.partition,
                  }
                : undefined,
            bucketName: bucket.bucket.id,
            bucketArn: bucket.bucket.arn,
            keyArn: key?.arn,
            bucketReady: bucket.ready,
            tags: account.tags,
        },
        inAccount,
    );

    const sender = bucket.bucket.arn.apply((bucketArn) => ({ service: "s3" as const, bucketArn, accountId: account.accountId }));
    const queues = settings.logTypes.map((logType) => ({
        logType,
        queue: new LogQueue(`${name}-${logType}-queue`, { sender, alarmTopicArn: settings.alarmTopicArn, tags: account.tags }, inAccount),
        prefix: logPrefix(logType, account.accountId, settings.organizationId),
    }));
    // One notification configuration per bucket (S3 keeps only the last one written), listing every queue.
    const notification = new s3.BucketNotification(
        `${name}-notifications`,
        {
            bucket: bucket.bucket.id,
            queues: queues.map(({ logType, queue, prefix }) => ({
                id: `sentinel-${logType}`,
                queueArn: queue.arn,
                events: ["s3:ObjectCreated:*"],
                filterPrefix: prefix,
                filterSuffix: LOG_OBJECT_SUFFIX,
            })),
        },
        { ...inAccount, dependsOn: queues.map(({ queue }) => queue.policy) },
    );
    const cloudWatch = sources.cloudWatch;
    return {
        bucketName: bucket.bucket.id,
        bucketArn: bucket.bucket.arn,
        keyArn: key?.arn,
        queues,
        feeding: [notification],
        cloudWatchFunction: cloudWatch && { functionName: cloudWatch.functionName, deadLetterQueueUrl: cloudWatch.deadLetterQueueUrl },
    };
}
