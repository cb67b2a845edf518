// One AWS account connected to Sentinel: a provider pinned to that account, the role
// Sentinel assumes there, and the Sentinel connector that uses it.
import * as pulumi from "@pulumi/pulumi";
import type { AwsAccountConfig } from "../config/types";
import { cloudTrailConnectorId } from "../naming";
import { awsAccountProvider } from "./awsAccountProvider";
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
    /** Names the ARM ID an adopted connector is imported by; set whenever the account adopts. */
    readonly subscriptionId?: string;
}

export class AwsAccountConnection extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly connectorId: pulumi.Output<string>;

    constructor(name: string, args: AwsAccountConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:index:AwsAccountConnection", name, {}, opts);
        const { account, workspace } = args;

        // What an adopted account manages is named after what was adopted, not the entry's
        // label: renaming the entry must never replace, and so delete, what was made by hand.
        const base = account.adopt ? `adopted-${account.accountId}` : name;
        const provider = awsAccountProvider(`${base}-aws`, account, { parent: this });

        const role = new CloudTrailReaderRole(
            `${base}-sentinel-role`,
            {
                roleName: account.roleName,
                trustedAccountId: args.microsoftAccountId,
                workspaceId: workspace.workspaceId,
                propagationSeconds: args.iamPropagationSeconds,
                permissions: account.rolePermissions,
                tags: account.tags,
                adopt: account.adopt,
            },
            { parent: this, provider },
        );

        const adopted = account.adopt;
        const connectorId = adopted ? adopted.connectorId : cloudTrailConnectorId(account.name, account.accountId);
        const connector = cloudTrailConnector(
            adopted ? `adopted-connector-${connectorId}` : `${name}-cloudtrail-connector`,
            { connectorId, workspace, roleArn: role.arn },
            { parent: this, import: adopted && !adopted.tighten ? workspace.armIds(args.subscriptionId!).dataConnector(connectorId) : undefined },
        );

        this.roleArn = role.arn;
        this.connectorId = connector.name;
        this.registerOutputs({ roleArn: this.roleArn, connectorId: this.connectorId });
    }
}
