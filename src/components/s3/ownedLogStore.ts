// The logs' home when this program makes it: a KMS key when needed, the bucket, what writes
// into it (trail, GuardDuty exports, flow logs), a queue per log type, and the bucket's one
// notification configuration listing those queues; WAF's bucket beside it when collected. Created as children of the connection,
// as they always were, so that their URNs stay put.
import * as pulumi from "@pulumi/pulumi";
import * as kms from "@pulumi/aws/kms";
import type { S3ConnectorConfig } from "../../config/types";
import { cloudWatchFunctionName, logPrefix, trailName } from "../../naming";
import { logKeyPolicy } from "../../policies/logKey";
import { LogBucket } from "./logBucket";
import { logNotification } from "./logNotification";
import { LogQueue } from "./logQueue";
import { LogSources } from "./logSources";
import type { LogAccount, LogStore } from "./logStore";
import { guardDutyDetectors, logWritersOf } from "./logWritersOf";
import { wafLogStore } from "./wafLogStore";

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

    // The key serves WAF's bucket too; this bucket's policy lets no one deliver WAF's logs here.
    const bucket = new LogBucket(
        `${name}-logs`,
        { writers: { ...writers, waf: false }, keyArn: key?.arn, protect: settings.protectBucket, tags: account.tags },
        inAccount,
    );
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
    // WAF's logs have a bucket and notification of their own (wafLogStore).
    const queues = settings.logTypes
        .filter((logType) => logType !== "waf")
        .map((logType) => ({
            logType,
            queue: new LogQueue(`${name}-${logType}-queue`, { sender, alarmTopicArn: settings.alarmTopicArn, tags: account.tags }, inAccount),
            prefix: logPrefix(logType, account.accountId, settings.organizationId),
        }));
    const notification = logNotification(`${name}-notifications`, bucket.bucket.id, queues, inAccount);
    const waf = settings.logTypes.includes("waf")
        ? wafLogStore(
              name,
              {
                  account,
                  stack: args.stack,
                  webAclArns: settings.wafWebAclArns ?? [],
                  keyArn: key?.arn,
                  protect: settings.protectBucket,
                  alarmTopicArn: settings.alarmTopicArn,
              },
              inAccount,
          )
        : undefined;
    const cloudWatch = sources.cloudWatch;
    return {
        bucketName: bucket.bucket.id,
        bucketArn: bucket.bucket.arn,
        keyArn: key?.arn,
        queues,
        waf,
        feeding: [notification],
        cloudWatchFunction: cloudWatch && { functionName: cloudWatch.functionName, deadLetterQueueUrl: cloudWatch.deadLetterQueueUrl },
    };
}
