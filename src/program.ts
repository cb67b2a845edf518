// The whole program for one stack: the workspace, then every AWS account wired to it. The
// first user of the library (./index.ts): config in, components out, each AWS account or
// organisation on a provider made here and handed over by resource option.
import * as pulumi from "@pulumi/pulumi";
import { AwsAccountConnection } from "./components/awsAccountConnection";
import { awsAccountProvider } from "./components/awsAccountProvider";
import { OrganizationConnection } from "./components/organizationConnection";
import { SentinelContent } from "./components/sentinelContent";
import { S3AccountConnection } from "./components/s3AccountConnection";
import { SentinelWorkspace } from "./components/sentinelWorkspace";
import { stackPolicies } from "./components/stackPolicies";
import { WafIngestion } from "./components/wafIngestion";
import type { AwsAccountConfig, OrganizationConfig, StackConfig } from "./config/types";
import { stackSetName, wafIngestionName, workspaceArmIds } from "./naming";
import { accountRootPrincipal } from "./policies/sentinelTrust";
import { listedAccountsWarning } from "./providerMemory";
import { PreparedContent, prepareContent } from "./content/prepare";

/**
 * The provider of one connection, named `<base>-aws`. It was once the connection's child: the
 * alias keeps a deployed provider, and every resource that uses it, where it is.
 */
function providerFor(base: string, connection: { name: string; type: string }, account: Parameters<typeof awsAccountProvider>[1]) {
    return awsAccountProvider(`${base}-aws`, account, { aliases: [{ parent: pulumi.createUrn(connection.name, connection.type) }] });
}

/**
 * The stack from a typed config. `content`, the content block read against the workspace's
 * catalogue (`prepareContent`), adds the solution and its rules; without it none is made.
 */
export function sentinelAws(config: StackConfig, content?: PreparedContent) {
    const warning = listedAccountsWarning(config.awsAccounts.length);
    if (warning !== undefined) void pulumi.log.warn(warning);
    // Options config asks for on every resource, through the components that hold them all.
    const everywhere: pulumi.ComponentResourceOptions = { transformations: stackPolicies(config) };
    const ws = config.workspace;

    const workspace = new SentinelWorkspace(
        ws.name,
        {
            workspaceName: ws.name,
            resourceGroupName: ws.resourceGroupName,
            existing: ws.existing,
            location: config.location,
            retentionInDays: ws.retentionInDays,
            onboard: ws.onboard,
            protect: ws.protect,
            adoptFromSubscription: ws.adopt ? config.subscriptionId : undefined,
            tags: config.tags,
        },
        everywhere,
    );

    // WAF's definition, endpoint and rule: one per stack, shared by every account that collects waf.
    const collectsWaf = config.awsAccounts.some((a) => a.connector === "s3" && a.s3.logTypes.includes("waf"));
    const waf = collectsWaf
        ? new WafIngestion(
              "waf",
              {
                  workspace: workspace.link,
                  workspaceResourceId: workspace.resourceId,
                  location: workspace.location,
                  name: wafIngestionName(config.stack),
                  tags: config.tags,
              },
              everywhere,
          ).link
        : undefined;

    /** The connections, whose tables the rules read: the rules wait for them. */
    const connections: pulumi.Resource[] = [];
    const connect = (account: AwsAccountConfig) => {
        if (account.connector === "s3") {
            const provider = providerFor(account.name, { name: account.name, type: S3AccountConnection.TYPE }, account);
            const connection = new S3AccountConnection(
                account.name,
                {
                    workspace: workspace.link,
                    accountId: account.accountId,
                    region: account.region,
                    roleName: account.roleName,
                    s3: account.s3,
                    namePrefix: config.stack,
                    azureCloud: config.azureCloud,
                    iamPropagationSeconds: config.iamPropagationSeconds,
                    tags: account.tags,
                    waf,
                },
                { ...everywhere, providers: [provider] },
            );
            connections.push(connection);
            return {
                accountId: account.accountId,
                connector: "s3",
                roleArn: connection.roleArn,
                oidcProviderArn: connection.oidcProviderArn,
                bucketName: connection.bucketName,
                queueUrls: connection.queueUrls,
                connectorIds: connection.connectorIds,
                ...(connection.cloudWatchFunction ? { cloudWatchFunction: connection.cloudWatchFunction } : {}),
            };
        }
        // An adopted account's resources are named after what was adopted (see AwsAccountConnection).
        const base = account.adopt ? `adopted-${account.accountId}` : account.name;
        const provider = providerFor(base, { name: account.name, type: AwsAccountConnection.TYPE }, account);
        const adopt = account.adopt && {
            ...account.adopt,
            connectorResourceId: workspaceArmIds(config.subscriptionId!, ws.resourceGroupName, ws.name).dataConnector(account.adopt.connectorId),
        };
        const connection = new AwsAccountConnection(
            account.name,
            {
                workspace: workspace.link,
                accountId: account.accountId,
                roleName: account.roleName,
                rolePermissions: account.rolePermissions,
                microsoftAccountId: config.microsoftAccountId,
                iamPropagationSeconds: config.iamPropagationSeconds,
                tags: account.tags,
                adopt,
            },
            { ...everywhere, providers: [provider] },
        );
        connections.push(connection);
        return { accountId: account.accountId, connector: "cloudTrailApi", roleArn: connection.roleArn, connectorId: connection.connectorId };
    };

    const connectOrganization = (org: OrganizationConfig) => {
        const provider = providerFor("organization", { name: "organization", type: OrganizationConnection.TYPE }, org);
        const connection = new OrganizationConnection(
            "organization",
            {
                workspace: workspace.link,
                stackSetName: stackSetName(config.stack),
                organizationalUnitIds: [...org.organizationalUnitIds],
                managementAccountId: org.managementAccountId,
                deployAs: org.deployAs,
                region: org.region,
                roleName: org.roleName,
                rolePermissions: org.rolePermissions,
                excludeAccountIds: [...org.excludeAccountIds],
                connectManagementAccount: org.connectManagementAccount,
                connectedElsewhere: Object.fromEntries(
                    config.awsAccounts.flatMap((a, i) => (a.connector === "cloudTrailApi" ? [[a.accountId, `sentinel-aws:awsAccounts[${i}]`]] : [])),
                ),
                microsoftAccountId: config.microsoftAccountId,
                iamPropagationSeconds: config.iamPropagationSeconds,
                maxConcurrentPercentage: org.maxConcurrentPercentage,
                failureTolerancePercentage: org.failureTolerancePercentage,
                concurrencyMode: org.concurrencyMode,
                tags: org.tags,
            },
            { ...everywhere, providers: [provider] },
        );
        connections.push(connection);
        return { stackSetName: connection.stackSetName, accounts: connection.accounts };
    };

    const awsAccounts = Object.fromEntries(config.awsAccounts.map((account) => [account.name, connect(account)]));
    const organization = config.organization && connectOrganization(config.organization);
    const detections = content && new SentinelContent("content", { workspace: workspace.link, ...content }, { ...everywhere, dependsOn: connections });
    return {
        workspaceId: workspace.workspaceId,
        workspaceResourceId: workspace.resourceId,
        trustedPrincipal: accountRootPrincipal(config.microsoftAccountId),
        awsAccounts,
        ...(organization ? { organization } : {}),
        ...(detections ? { analyticsRules: detections.ruleIds } : {}),
    };
}

/** The whole stack, the content block read against the workspace's catalogue first: what `pulumi up` runs (../index.ts). */
export async function sentinelAwsStack(config: StackConfig) {
    return sentinelAws(config, await prepareContent(config));
}
