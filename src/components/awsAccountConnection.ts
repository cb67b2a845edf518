// One AWS account connected to Sentinel: a provider pinned to that account, the role
// Sentinel assumes there, and the Sentinel connector that uses it.
import * as pulumi from "@pulumi/pulumi";
import type { AwsAccountConfig } from "../config/types";
import { cloudTrailConnectorId } from "../naming";
import { AwsAccountProvider, awsProviderArgs } from "./awsAccountProvider";
import { cloudTrailConnector } from "./cloudTrailConnector";
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

        const connector = cloudTrailConnector(
            `${name}-cloudtrail-connector`,
            { connectorId: cloudTrailConnectorId(account.name, account.accountId), workspace, roleArn: role.arn },
            { parent: this },
        );

        this.roleArn = role.arn;
        this.connectorId = connector.name;
        this.registerOutputs({ roleArn: this.roleArn, connectorId: this.connectorId });
    }
}
