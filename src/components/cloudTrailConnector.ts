// Sentinel's CloudTrail API connector for one role: what every way of connecting an account
// (listed, organisation member, management account) creates on the Azure side.
import type * as pulumi from "@pulumi/pulumi";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import { CLOUDTRAIL_CONNECTOR_KIND, CLOUDTRAIL_CONNECTOR_TYPES } from "../constants";
import { keepAliasesOfTypes } from "./aliases";
import type { SentinelWorkspace } from "./sentinelWorkspace";

export interface CloudTrailConnectorArgs {
    /** The data connector's ID: a GUID that stays the same on every run. */
    readonly connectorId: string;
    readonly workspace: SentinelWorkspace;
    /** The role Sentinel assumes; resolve it only once the role can be assumed. */
    readonly roleArn: pulumi.Input<string>;
}

export function cloudTrailConnector(name: string, args: CloudTrailConnectorArgs, opts: pulumi.CustomResourceOptions): securityinsights.AwsCloudTrailDataConnector {
    return new securityinsights.AwsCloudTrailDataConnector(
        name,
        {
            dataConnectorId: args.connectorId,
            kind: CLOUDTRAIL_CONNECTOR_KIND,
            resourceGroupName: args.workspace.resourceGroupName,
            workspaceName: args.workspace.workspaceName,
            awsRoleArn: args.roleArn,
            dataTypes: { logs: { state: "Enabled" } },
        },
        {
            ...opts,
            // Sentinel rejects connectors on a workspace that is not onboarded yet.
            dependsOn: [...args.workspace.connectorPrerequisites, ...([opts.dependsOn ?? []].flat() as pulumi.Resource[])],
            transformations: [keepAliasesOfTypes(CLOUDTRAIL_CONNECTOR_TYPES)],
        },
    );
}
