// The whole program for one stack: the workspace, then every AWS account wired to it.
import { AwsAccountConnection } from "./components/awsAccountConnection";
import { SentinelWorkspace } from "./components/sentinelWorkspace";
import type { StackConfig } from "./config/types";
import { accountRootPrincipal } from "./policies/sentinelTrust";

export function sentinelAws(config: StackConfig) {
    const workspace = new SentinelWorkspace(config.workspace.name, {
        workspace: config.workspace,
        location: config.location,
        tags: config.tags,
    });

    const accounts = config.awsAccounts.map(
        (account) =>
            [
                account,
                new AwsAccountConnection(account.name, {
                    account,
                    workspace,
                    microsoftAccountId: config.microsoftAccountId,
                    iamPropagationSeconds: config.iamPropagationSeconds,
                }),
            ] as const,
    );

    return {
        workspaceId: workspace.workspaceId,
        workspaceResourceId: workspace.resourceId,
        trustedPrincipal: accountRootPrincipal(config.microsoftAccountId),
        awsAccounts: Object.fromEntries(
            accounts.map(([account, connection]) => [
                account.name,
                { accountId: account.accountId, roleArn: connection.roleArn, connectorId: connection.connectorId },
            ]),
        ),
    };
}
