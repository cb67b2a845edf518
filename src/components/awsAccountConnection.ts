// One AWS account connected to Sentinel: a provider pinned to that account, the role
// Sentinel assumes there, and the Sentinel connector that uses it.
import * as pulumi from "@pulumi/pulumi";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import { CLOUDTRAIL_CONNECTOR_KIND, CLOUDTRAIL_CONNECTOR_TYPES } from "../constants";
import type { AwsAccountConfig } from "../config/types";
import { cloudTrailConnectorId } from "../naming";
import { keepAliasesOfTypes } from "./aliases";
import { AwsAccountProvider, awsProviderArgs } from "./awsAccountProvider";
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

export class AwsAccountConnection extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly connectorId: pulumi.Output<string>;

    constructor(name: string, args: AwsAccountConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:index:AwsAccountConnection", name, {}, opts);
        const { account, workspace } = args;

        const provider = new AwsAccountProvider(`${name}-aws`, awsProviderArgs(account), { parent: this });

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
            {
                parent: this,
                // Sentinel rejects connectors on a workspace that is not onboarded yet.
                dependsOn: workspace.connectorPrerequisites,
                transformations: [keepAliasesOfTypes(CLOUDTRAIL_CONNECTOR_TYPES)],
            },
        );

        this.roleArn = role.arn;
        this.connectorId = connector.name;
        this.registerOutputs({ roleArn: this.roleArn, connectorId: this.connectorId });
    }
}
