// One AWS account (or organisation) connected to Sentinel through the S3 connector: the
// OIDC role, where the logs are (a bucket this program makes and fills, or one that exists),
// a queue per log type, and a Sentinel data connector per log type, wired so that each
// waits for what it needs.
import * as pulumi from "@pulumi/pulumi";
import { IAM_PROPAGATION_SECONDS, S3_READ_POLICY_NAME } from "../constants";
import * as iam from "@pulumi/aws/iam";
import { partitionOf } from "../config/rules";
import { s3ConnectorId } from "../naming";
import { s3LogReadPolicy } from "../policies/s3LogRead";
import { AzureCloud, optInRegionWarning, SENTINEL_OIDC } from "../s3Facts";
import { arnAfterPropagation } from "./iamPropagation";
import { existingLogStore } from "./s3/existingLogStore";
import type { CloudWatchFunctionOutputs } from "./s3/logStore";
import type { WafIngestionLink } from "./wafIngestion";
import { ownedLogStore } from "./s3/ownedLogStore";
import { s3DataConnector } from "./s3/s3DataConnector";
import { SentinelOidcRole } from "./s3/sentinelOidcRole";
import { S3ConnectorSettings, s3SettingsOf } from "./s3/settings";
import type { WorkspaceLink } from "./workspaceLink";

export interface S3AccountConnectionArgs {
    /** The workspace the connectors go into; its ID is part of the session name the role requires. */
    readonly workspace: WorkspaceLink;
    /** The AWS account's ID. */
    readonly accountId: string;
    /** The account's region: the bucket, queues and trail are made there. */
    readonly region: string;
    /** The name of the role Sentinel assumes; Sentinel requires the prefix OIDC_. */
    readonly roleName: string;
    /** What to collect and how: the S3 connector's settings. */
    readonly s3: S3ConnectorSettings;
    /** Names the trail and the topics; this program passes its stack's name. */
    readonly namePrefix: string;
    /** The Azure cloud of the workspace: public or usGovernment. It selects Sentinel's OIDC issuer. Default public. */
    readonly azureCloud?: AzureCloud;
    /** Seconds to wait for IAM to propagate before Sentinel may assume the role. Default 30. */
    readonly iamPropagationSeconds?: number;
    /** Tags of everything this component makes in AWS. */
    readonly tags?: Record<string, string>;
    /** The stack's WAF connector definition and data collection rule (WafIngestion's link): required when s3.logTypes includes waf. */
    readonly waf?: WafIngestionLink;
}

export class S3AccountConnection extends pulumi.ComponentResource {
    /** The type token the engine (and the component package) knows it by. */
    static readonly TYPE = "sentinel-aws:index:S3AccountConnection";
    /** The role Sentinel assumes through OIDC, known once it can be assumed. */
    readonly roleArn: pulumi.Output<string>;
    /** The IAM OIDC provider the role trusts: the existing one, or the one created. */
    readonly oidcProviderArn: pulumi.Output<string>;
    /** The bucket the logs are read from. */
    readonly bucketName: pulumi.Output<string>;
    /** Per log type, the queue Sentinel reads notifications of new logs from. */
    readonly queueUrls: Record<string, pulumi.Output<string>>;
    /** Per log type, the data connector's ID. */
    readonly connectorIds: Record<string, pulumi.Output<string>>;
    /** The function that writes CloudWatch Logs into the bucket, and its dead-letter queue, when cloudWatch is collected. */
    readonly cloudWatchFunction?: CloudWatchFunctionOutputs;

    constructor(name: string, args: S3AccountConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
        // Checked before anything is registered: bad settings leave nothing behind.
        const settings = s3SettingsOf(`S3AccountConnection ${name}`, args.s3);
        if (settings.logTypes.includes("waf") && args.waf === undefined) {
            throw new Error(`S3AccountConnection ${name}: s3.logTypes includes waf, so waf (a WafIngestion's link) is required`);
        }
        super(S3AccountConnection.TYPE, name, {}, opts);
        const { workspace } = args;
        const account = { name, accountId: args.accountId, region: args.region, partition: partitionOf(args.region), tags: args.tags ?? {} };
        const optIn = optInRegionWarning(name, account.accountId, account.region);
        if (optIn !== undefined) void pulumi.log.warn(optIn, this);
        const inAccount = { parent: this };

        const identity = new SentinelOidcRole(
            `${name}-sentinel-role`,
            {
                roleName: args.roleName,
                oidc: SENTINEL_OIDC[args.azureCloud ?? AzureCloud.public],
                existingProviderArn: settings.oidcProviderArn,
                workspaceId: workspace.workspaceId,
                acceptDefenderSessionName: settings.acceptDefenderSessionName,
                tags: account.tags,
            },
            inAccount,
        );
        const role = identity.role;

        const store =
            settings.existingBucket === undefined
                ? ownedLogStore(name, { account, settings, stack: args.namePrefix, readerRoleArn: role.arn }, inAccount)
                : existingLogStore(name, { account, settings, bucket: settings.existingBucket, stack: args.namePrefix }, inAccount);
        const { queues, waf } = store;
        // Every queue Sentinel reads, with what feeds it: WAF's has a bucket of its own.
        const readQueues = [...queues.map((q) => ({ ...q, feeding: store.feeding })), ...(waf === undefined ? [] : [waf])];

        const read = new iam.RolePolicy(
            `${name}-sentinel-read`,
            {
                role: role.name,
                name: S3_READ_POLICY_NAME,
                policy: pulumi
                    .all([pulumi.all(readQueues.map(({ queue }) => queue.arn)), store.bucketArn, store.keyArn, waf?.bucketArn])
                    .apply(([queueArns, bucketArn, keyArn, wafBucketArn]) =>
                        JSON.stringify(
                            s3LogReadPolicy({
                                queueArns,
                                bucketArn,
                                keyArn,
                                prefixes: queues.map(({ prefix }) => prefix),
                                waf: waf && wafBucketArn !== undefined ? { bucketArn: wafBucketArn, prefix: waf.prefix } : undefined,
                            }),
                        ),
                    ),
            },
            inAccount,
        );
        const roleArn = arnAfterPropagation(
            name,
            { role, grant: read, trigger: { readPolicyId: read.id }, seconds: args.iamPropagationSeconds ?? IAM_PROPAGATION_SECONDS.default },
            this,
        );

        const connectors = readQueues.map(({ logType, queue, feeding }) => {
            const connector = s3DataConnector(
                `${name}-${logType}-connector`,
                {
                    connectorId: s3ConnectorId(name, account.accountId, logType),
                    logType,
                    workspace,
                    roleArn,
                    queueUrl: queue.url,
                    waf: logType === "waf" ? args.waf : undefined,
                },
                feeding,
                { parent: this },
            );
            return [logType, connector.name] as const;
        });

        this.roleArn = roleArn;
        this.oidcProviderArn = identity.providerArn;
        this.bucketName = store.bucketName;
        this.queueUrls = Object.fromEntries(readQueues.map(({ logType, queue }) => [logType, queue.url]));
        this.connectorIds = Object.fromEntries(connectors);
        this.cloudWatchFunction = store.cloudWatchFunction;
        this.registerOutputs({
            cloudWatchFunction: this.cloudWatchFunction,
            roleArn: this.roleArn,
            oidcProviderArn: this.oidcProviderArn,
            bucketName: this.bucketName,
            queueUrls: this.queueUrls,
            connectorIds: this.connectorIds,
        });
    }
}
