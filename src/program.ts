// The whole program for one stack: the workspace, then every AWS account wired to it.
import * as pulumi from "@pulumi/pulumi";
import { AwsAccountConnection } from "./components/awsAccountConnection";
import { OrganizationConnection } from "./components/organizationConnection";
import { S3AccountConnection } from "./components/s3AccountConnection";
import { SentinelWorkspace } from "./components/sentinelWorkspace";
import { stackPolicies } from "./components/stackPolicies";
import type { AwsAccountConfig, StackConfig } from "./config/types";
import { accountRootPrincipal } from "./policies/sentinelTrust";
import { listedAccountsWarning } from "./providerMemory";
import { SENTINEL_OIDC } from "./s3Facts";

export function sentinelAws(config: StackConfig) {
    const warning = listedAccountsWarning(config.awsAccounts.length);
    if (warning !== undefined) void pulumi.log.warn(warning);
    // Options config asks for on every resource, through the components that hold them all.
    const everywhere: pulumi.ComponentResourceOptions = { transformations: stackPolicies(config) };

    const workspace = new SentinelWorkspace(
        config.workspace.name,
        {
            workspace: config.workspace,
            location: config.location,
            tags: config.tags,
            subscriptionId: config.subscriptionId,
        },
        everywhere,
    );

    const connect = (account: AwsAccountConfig) => {
        if (account.s3 !== undefined) {
            const connection = new S3AccountConnection(
                account.name,
                {
                    account,
                    settings: account.s3,
                    stack: config.stack,
                    workspace,
                    oidc: SENTINEL_OIDC[config.azureCloud],
                    iamPropagationSeconds: config.iamPropagationSeconds,
                },
                everywhere,
            );
            return {
                accountId: account.accountId,
                connector: "s3",
                roleArn: connection.roleArn,
                oidcProviderArn: connection.oidcProviderArn,
                bucketName: connection.bucketName,
                queueUrls: connection.queueUrls,
                connectorIds: connection.connectorIds,
            };
        }
        const connection = new AwsAccountConnection(
            account.name,
            {
                account,
                workspace,
                microsoftAccountId: config.microsoftAccountId,
                iamPropagationSeconds: config.iamPropagationSeconds,
                subscriptionId: config.subscriptionId,
            },
            everywhere,
        );
        return { accountId: account.accountId, connector: "cloudTrailApi", roleArn: connection.roleArn, connectorId: connection.connectorId };
    };

    const organization =
        config.organization &&
        new OrganizationConnection(
            "organization",
            {
                organization: config.organization,
                stack: config.stack,
                workspace,
                microsoftAccountId: config.microsoftAccountId,
                iamPropagationSeconds: config.iamPropagationSeconds,
                listed: new Map(config.awsAccounts.flatMap((a, i) => (a.s3 === undefined ? [[a.accountId, `sentinel-aws:awsAccounts[${i}]`]] : []))),
            },
            everywhere,
        );

    return {
        workspaceId: workspace.workspaceId,
        workspaceResourceId: workspace.resourceId,
        trustedPrincipal: accountRootPrincipal(config.microsoftAccountId),
        awsAccounts: Object.fromEntries(config.awsAccounts.map((account) => [account.name, connect(account)])),
        ...(organization ? { organization: { stackSetName: organization.stackSetName, accounts: organization.accounts } } : {}),
    };
}
