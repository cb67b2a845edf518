// One AWS account connected to Sentinel's CloudTrail API connector: the role Sentinel
// assumes there, and the connector that uses it. The AWS provider is the caller's (by
// resource option), pinned to the account; the workspace comes as plain inputs.
import * as pulumi from "@pulumi/pulumi";
import { IAM_PROPAGATION_SECONDS, MICROSOFT_SENTINEL_AWS_ACCOUNT_ID, RolePermissions } from "../constants";
import { cloudTrailConnectorId } from "../naming";
import { cloudTrailConnector } from "./cloudTrailConnector";
import { CloudTrailReaderRole } from "./cloudTrailReaderRole";
import type { WorkspaceLink } from "./workspaceLink";

/** A role and connector made by hand, taken over instead of created beside them. */
export interface AdoptedConnection {
    /** The role's name. */
    readonly roleName: string;
    /** The data connector's ID (a GUID). */
    readonly connectorId: string;
    /** The managed policy attached to the role by hand. */
    readonly policyArn: string;
    /** The role's description now. */
    readonly description?: string;
    /** The role's tags now (a tag policy may have set them): an import must match them. */
    readonly tags?: Record<string, string>;
    /** Replace the adopted inputs with this program's in place; until then the role is imported as it is. */
    readonly tighten: boolean;
    /** The connector's ARM ID, which it is imported by (not needed once tightened). */
    readonly connectorResourceId?: string;
}

export interface AwsAccountConnectionArgs {
    /** The workspace the connector goes into; its ID is the role's external ID. */
    readonly workspace: WorkspaceLink;
    /** The AWS account's ID: with the component's name, it makes the connector's ID. */
    readonly accountId: string;
    /** The name of the role Sentinel assumes. */
    readonly roleName: string;
    /** What the role may do: readOnly (AWS's CloudTrail read-only policy) or lookupEventsOnly. Default readOnly. */
    readonly rolePermissions?: RolePermissions;
    /** The AWS account Sentinel assumes roles from. Default Microsoft's. */
    readonly microsoftAccountId?: string;
    /** Seconds to wait for IAM to propagate before Sentinel may assume the role. Default 30. */
    readonly iamPropagationSeconds?: number;
    /** The role's tags. */
    readonly tags?: Record<string, string>;
    /** A role and connector made by hand, to take over. */
    readonly adopt?: AdoptedConnection;
}

export class AwsAccountConnection extends pulumi.ComponentResource {
    /** The type token the engine (and the component package) knows it by. */
    static readonly TYPE = "sentinel-aws:index:AwsAccountConnection";
    /** The role ARN Sentinel assumes, known once the role can be assumed. */
    readonly roleArn: pulumi.Output<string>;
    /** The data connector's ID. */
    readonly connectorId: pulumi.Output<string>;

    constructor(name: string, args: AwsAccountConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super(AwsAccountConnection.TYPE, name, {}, opts);
        const { workspace, adopt } = args;

        // What an adopted account manages is named after what was adopted, not the entry's
        // label: renaming the entry must never replace, and so delete, what was made by hand.
        const base = adopt ? `adopted-${args.accountId}` : name;
        const role = new CloudTrailReaderRole(
            `${base}-sentinel-role`,
            {
                roleName: args.roleName,
                trustedAccountId: args.microsoftAccountId ?? MICROSOFT_SENTINEL_AWS_ACCOUNT_ID,
                workspaceId: workspace.workspaceId,
                propagationSeconds: args.iamPropagationSeconds ?? IAM_PROPAGATION_SECONDS.default,
                permissions: args.rolePermissions ?? RolePermissions.readOnly,
                tags: args.tags ?? {},
                adopt,
            },
            { parent: this },
        );

        const connectorId = adopt ? adopt.connectorId : cloudTrailConnectorId(name, args.accountId);
        const connector = cloudTrailConnector(
            adopt ? `adopted-connector-${connectorId}` : `${name}-cloudtrail-connector`,
            { connectorId, workspace, roleArn: role.arn },
            { parent: this, import: adopt && !adopt.tighten ? adopt.connectorResourceId : undefined },
        );

        this.roleArn = role.arn;
        this.connectorId = connector.name;
        this.registerOutputs({ roleArn: this.roleArn, connectorId: this.connectorId });
    }
}
