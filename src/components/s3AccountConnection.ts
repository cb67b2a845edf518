// One AWS account (or organisation) connected to Sentinel through the S3 connector: the
// OIDC role, where the logs are (a bucket this program makes and fills, or one that exists),
// a queue per log type, and a Sentinel data connector per log type, wired so that each
// waits for what it needs.
import * as pulumi from "@pulumi/pulumi";
import { S3_READ_POLICY_NAME } from "../constants";
import * as iam from "@pulumi/aws/iam";
import type { AwsAccountConfig, S3ConnectorConfig } from "../config/types";
import { s3ConnectorId } from "../naming";
import { s3LogReadPolicy } from "../policies/s3LogRead";
import { optInRegionWarning, SentinelOidc } from "../s3Facts";
import { awsAccountProvider } from "./awsAccountProvider";
import { arnAfterPropagation } from "./iamPropagation";
import { existingLogStore } from "./s3/existingLogStore";
import { ownedLogStore } from "./s3/ownedLogStore";
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

export class S3AccountConnection extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly oidcProviderArn: pulumi.Output<string>;
    readonly bucketName: pulumi.Output<string>;
    readonly queueUrls: Record<string, pulumi.Output<string>>;
    readonly connectorIds: Record<string, pulumi.Output<string>>;

    constructor(name: string, args: S3AccountConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:index:S3AccountConnection", name, {}, opts);
        const { account, workspace, settings } = args;
        const optIn = optInRegionWarning(account.name, account.accountId, account.region);
        if (optIn !== undefined) void pulumi.log.warn(optIn, this);
        const provider = awsAccountProvider(`${name}-aws`, account, { parent: this });
        const inAccount = { parent: this, provider };

        const identity = new SentinelOidcRole(
            `${name}-sentinel-role`,
            {
                roleName: account.roleName,
                oidc: args.oidc,
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
                ? ownedLogStore(name, { account, settings, stack: args.stack, readerRoleArn: role.arn }, inAccount)
                : existingLogStore(name, { account, settings, bucket: settings.existingBucket, stack: args.stack }, inAccount);
        const { queues } = store;

        const read = new iam.RolePolicy(
            `${name}-sentinel-read`,
            {
                role: role.name,
                name: S3_READ_POLICY_NAME,
                policy: pulumi
                    .all([pulumi.all(queues.map(({ queue }) => queue.arn)), store.bucketArn, store.keyArn])
                    .apply(([queueArns, bucketArn, keyArn]) =>
                        JSON.stringify(s3LogReadPolicy({ queueArns, bucketArn, keyArn, prefixes: queues.map(({ prefix }) => prefix) })),
                    ),
            },
            inAccount,
        );
        const roleArn = arnAfterPropagation(name, { role, grant: read, trigger: { readPolicyId: read.id }, seconds: args.iamPropagationSeconds }, this);

        const connectors = queues.map(({ logType, queue }) => {
            const connector = s3DataConnector(
                `${name}-${logType}-connector`,
                { connectorId: s3ConnectorId(account.name, account.accountId, logType), logType, workspace, roleArn, queueUrl: queue.url },
                // Sentinel rejects connectors on a workspace that is not onboarded, and reads the queue at once.
                { parent: this, dependsOn: [...workspace.connectorPrerequisites, ...store.feeding] },
            );
            return [logType, connector.name] as const;
        });

        this.roleArn = roleArn;
        this.oidcProviderArn = identity.providerArn;
        this.bucketName = store.bucketName;
        this.queueUrls = Object.fromEntries(queues.map(({ logType, queue }) => [logType, queue.url]));
        this.connectorIds = Object.fromEntries(connectors);
        this.registerOutputs({ roleArn: this.roleArn, bucketName: this.bucketName, queueUrls: this.queueUrls, connectorIds: this.connectorIds });
    }
}
