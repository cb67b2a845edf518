// One AWS account connected to Sentinel: a provider pinned to that account, the role
// Sentinel assumes there, and the Sentinel connector that uses it.
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import { CLOUDTRAIL_CONNECTOR_KIND, DEPLOYMENT_SESSION_NAME } from "../constants";
import type { AwsAccountConfig } from "../config/types";
import { cloudTrailConnectorId } from "../naming";
import { CloudTrailReaderRole } from "./cloudTrailReaderRole";
import type { SentinelWorkspace } from "./sentinelWorkspace";

export interface AwsAccountConnectionArgs {
    readonly account: AwsAccountConfig;
    /** The workspace whose ID becomes the role's external ID and which receives the connector. */
    readonly workspace: SentinelWorkspace;
    /** The AWS account Sentinel assumes roles from. */
    readonly microsoftAccountId: string;
    readonly iamPropagationSeconds: number;
}

/** The provider's credentials: an assumed deployment role, a named profile, or the ambient chain. */
function providerCredentials(account: AwsAccountConfig) {
    switch (account.credentials.kind) {
        case "assumeRole":
            return { assumeRoles: [{ roleArn: account.credentials.roleArn, sessionName: DEPLOYMENT_SESSION_NAME }] };
        case "profile":
            return { profile: account.credentials.profile };
        case "ambient":
            return {};
    }
}

export class AwsAccountConnection extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly connectorId: pulumi.Output<string>;

    constructor(name: string, args: AwsAccountConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:index:AwsAccountConnection", name, {}, opts);
        const { account, workspace } = args;

        const provider = new Provider(
            `${name}-aws`,
            {
                region: account.region,
                // Refuses to act if the credentials resolve to any other account.
                allowedAccountIds: [account.accountId],
                ...providerCredentials(account),
            },
            { parent: this },
        );

        const role = new CloudTrailReaderRole(
            `${name}-sentinel-role`,
            {
                roleName: account.roleName,
                trustedAccountId: args.microsoftAccountId,
                workspaceId: workspace.workspaceId,
                propagationSeconds: args.iamPropagationSeconds,
                permissions: account.rolePermissions,
                tags: account.tags,
            },
            { parent: this, provider },
        );

        const connector = new securityinsights.AwsCloudTrailDataConnector(
            `${name}-cloudtrail-connector`,
            {
                dataConnectorId: cloudTrailConnectorId(account.name, account.accountId),
                kind: CLOUDTRAIL_CONNECTOR_KIND,
                resourceGroupName: workspace.resourceGroupName,
                workspaceName: workspace.workspaceName,
                awsRoleArn: role.arn,
                dataTypes: { logs: { state: "Enabled" } },
            },
            // Sentinel rejects connectors on a workspace that is not onboarded yet.
            { parent: this, dependsOn: workspace.connectorPrerequisites },
        );

        this.roleArn = role.arn;
        this.connectorId = connector.name;
        this.registerOutputs({ roleArn: this.roleArn, connectorId: this.connectorId });
    }
}
