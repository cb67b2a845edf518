// One AWS account (or organisation) connected to Sentinel through the S3 connector: the
// OIDC role, the log bucket, a queue per log type, what writes the logs, and a Sentinel
// data connector per log type, wired so that each waits for what it needs.
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import type { AwsAccountConfig, S3ConnectorConfig } from "../config/types";
import { logPrefix, s3ConnectorId, trailName } from "../naming";
import { logKeyPolicy } from "../policies/logKey";
import type { LogWriters } from "../policies/logWriters";
import { s3LogReadPolicy } from "../policies/s3LogRead";
import { LOG_OBJECT_SUFFIX, S3LogType, SentinelOidc } from "../s3Facts";
import { AwsAccountProvider, awsProviderArgs } from "./awsAccountProvider";
import { arnAfterPropagation } from "./iamPropagation";
import { LogBucket } from "./s3/logBucket";
import { LogQueue } from "./s3/logQueue";
import { LogSources } from "./s3/logSources";
import { s3DataConnector } from "./s3/s3DataConnector";
import { SentinelOidcRole } from "./s3/sentinelOidcRole";
import type { SentinelWorkspace } from "./sentinelWorkspace";

export interface S3AccountConnectionArgs {
    readonly account: AwsAccountConfig;
    /** The account's S3 settings (`account.s3`, known to be set). */
    readonly settings: S3ConnectorConfig;
    readonly stack: string;
    readonly workspace: SentinelWorkspace;
    readonly oidc: SentinelOidc;
    readonly iamPropagationSeconds: number;
}

/** Name of the inline policy that lets the role read the queues, the log prefixes and the key. */
const S3_READ_POLICY_NAME = "SentinelS3LogRead";

/** What the delivering services are, as ARNs this program can write before they exist. */
function logWriters(account: AwsAccountConfig, s3Config: S3ConnectorConfig, trail: string): LogWriters {
    const { partition, accountId, region } = account;
    const collects = (logType: S3LogType) => s3Config.logTypes.includes(logType);
    return {
        partition,
        accountId,
        region,
        cloudTrail: collects("cloudTrail") ? { trailArn: `arn:${partition}:cloudtrail:${region}:${accountId}:trail/${trail}`, organizationId: s3Config.organizationId } : undefined,
        guardDuty: collects("guardDuty") ? { detectorArn: `arn:${partition}:guardduty:${region}:${accountId}:detector/${s3Config.guardDutyDetectorId}` } : undefined,
        vpcFlowLogs: collects("vpcFlowLogs"),
    };
}

export class S3AccountConnection extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly oidcProviderArn: pulumi.Output<string>;
    readonly bucketName: pulumi.Output<string>;
    readonly queueUrls: Record<string, pulumi.Output<string>>;
    readonly connectorIds: Record<string, pulumi.Output<string>>;

    constructor(name: string, args: S3AccountConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:index:S3AccountConnection", name, {}, opts);
        const { account, workspace, settings } = args;
        const trail = trailName(args.stack);
        const provider = new AwsAccountProvider(`${name}-aws`, awsProviderArgs(account), { parent: this });
        const inAccount = { parent: this, provider };
        const writers = logWriters(account, settings, trail);

        const identity = new SentinelOidcRole(
            `${name}-sentinel-role`,
            { roleName: account.roleName, oidc: args.oidc, existingProviderArn: settings.oidcProviderArn, workspaceId: workspace.workspaceId, tags: account.tags },
            inAccount,
        );
        const role = identity.role;

        // GuardDuty exports only to KMS-encrypted destinations, so it always brings a key.
        const key =
            settings.kmsEncryption || settings.logTypes.includes("guardDuty")
                ? new kms.Key(
                      `${name}-logs-key`,
                      {
                          description: "Encrypts the AWS logs Microsoft Sentinel reads. Managed by Pulumi (sentinel-aws).",
                          enableKeyRotation: true,
                          deletionWindowInDays: 30,
                          policy: role.arn.apply((roleArn) => JSON.stringify(logKeyPolicy(writers, roleArn))),
                          tags: account.tags,
                      },
                      // Deleting the key makes every log encrypted with it unreadable.
                      { ...inAccount, protect: settings.protectBucket },
                  )
                : undefined;

        const bucket = new LogBucket(`${name}-logs`, { writers, keyArn: key?.arn, protect: settings.protectBucket, tags: account.tags }, inAccount);
        new LogSources(
            `${name}-sources`,
            { settings, trailName: trail, bucketName: bucket.bucket.id, bucketArn: bucket.bucket.arn, keyArn: key?.arn, bucketReady: bucket.ready, tags: account.tags },
            inAccount,
        );

        const queues = settings.logTypes.map((logType) => {
            const queue = new LogQueue(`${name}-${logType}-queue`, { bucketArn: bucket.bucket.arn, accountId: account.accountId, tags: account.tags }, inAccount);
            return { logType, queue, prefix: logPrefix(logType, account.accountId, settings.organizationId) };
        });
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

        const read = new iam.RolePolicy(
            `${name}-sentinel-read`,
            {
                role: role.name,
                name: S3_READ_POLICY_NAME,
                policy: pulumi
                    .all([pulumi.all(queues.map(({ queue }) => queue.arn)), bucket.bucket.arn, key?.arn])
                    .apply(([queueArns, bucketArn, keyArn]) => JSON.stringify(s3LogReadPolicy({ queueArns, bucketArn, keyArn, prefixes: queues.map(({ prefix }) => prefix) }))),
            },
            inAccount,
        );
        const roleArn = arnAfterPropagation(name, { role, grant: read, trigger: { readPolicyId: read.id }, seconds: args.iamPropagationSeconds }, this);

        const connectors = queues.map(({ logType, queue }) => {
            const connector = s3DataConnector(
                `${name}-${logType}-connector`,
                { connectorId: s3ConnectorId(account.name, account.accountId, logType), logType, workspace, roleArn, queueUrl: queue.url },
                // Sentinel rejects connectors on a workspace that is not onboarded, and reads the queue at once.
                { parent: this, dependsOn: [...workspace.connectorPrerequisites, notification] },
            );
            return [logType, connector.name] as const;
        });

        this.roleArn = roleArn;
        this.oidcProviderArn = identity.providerArn;
        this.bucketName = bucket.bucket.id;
        this.queueUrls = Object.fromEntries(queues.map(({ logType, queue }) => [logType, queue.url]));
        this.connectorIds = Object.fromEntries(connectors);
        this.registerOutputs({ roleArn: this.roleArn, bucketName: this.bucketName, queueUrls: this.queueUrls, connectorIds: this.connectorIds });
    }
}
