// The Azure side of the S3 connector: one Sentinel data connector per log type. The
// azure-native SDK has no class for it (its API versions are previews), so it is created as
// a generic ARM resource at the data connector's own path.
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { DESTINATION_TABLE, S3_CONNECTOR_API_VERSION, S3_CONNECTOR_KIND, S3LogType } from "../../s3Facts";
import { connectorOptions, WorkspaceLink } from "../workspaceLink";

export interface S3DataConnectorArgs {
    readonly connectorId: string;
    readonly logType: S3LogType;
    readonly workspace: WorkspaceLink;
    readonly roleArn: pulumi.Input<string>;
    readonly queueUrl: pulumi.Input<string>;
}

/**
 * `PUT .../workspaces/{ws}/providers/Microsoft.SecurityInsights/dataConnectors/{id}` with the
 * body of `AwsS3DataConnector` (see S3_CONNECTOR_API_VERSION for the specification).
 */
export function s3DataConnector(
    name: string,
    args: S3DataConnectorArgs,
    /** What Sentinel reads at once: the queue must be fed before the connector exists. */
    feeding: readonly pulumi.Resource[],
    opts: pulumi.CustomResourceOptions,
): resources.Resource {
    return new resources.Resource(
        name,
        {
            resourceGroupName: args.workspace.resourceGroupName,
            resourceProviderNamespace: "Microsoft.OperationalInsights",
            parentResourcePath: pulumi.interpolate`workspaces/${args.workspace.workspaceName}/providers/Microsoft.SecurityInsights`,
            resourceType: "dataConnectors",
            resourceName: args.connectorId,
            apiVersion: S3_CONNECTOR_API_VERSION,
            kind: S3_CONNECTOR_KIND,
            properties: {
                roleArn: args.roleArn,
                sqsUrls: [args.queueUrl],
                destinationTable: DESTINATION_TABLE[args.logType],
                dataTypes: { logs: { state: "Enabled" } },
            },
        },
        { ...opts, ...connectorOptions(args.workspace, feeding) },
    );
}
