// The Azure side of the S3 connector: one Sentinel data connector per log type. The
// azure-native SDK has no class for it (its API versions are previews), so it is created as
// a generic ARM resource at the data connector's own path.
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import {
    DESTINATION_TABLE,
    S3_CONNECTOR_API_VERSION,
    S3_CONNECTOR_KIND,
    S3LogType,
    WAF_CONNECTOR_API_VERSION,
    WAF_DATA_FORMAT,
    WAF_STREAM,
} from "../../s3Facts";
import type { WafIngestionLink } from "../wafIngestion";
import { connectorOptions, WorkspaceLink } from "../workspaceLink";

export interface S3DataConnectorArgs {
    readonly connectorId: string;
    readonly logType: S3LogType;
    readonly workspace: WorkspaceLink;
    readonly roleArn: pulumi.Input<string>;
    readonly queueUrl: pulumi.Input<string>;
    /** For WAF: the stack's connector definition and data collection rule, which the connector sends the records through. */
    readonly waf?: WafIngestionLink;
}

/**
 * `PUT .../workspaces/{ws}/providers/Microsoft.SecurityInsights/dataConnectors/{id}` with the
 * body of `AwsS3DataConnector` (see S3_CONNECTOR_API_VERSION for the specification); for WAF,
 * the body of Microsoft's Codeless Connector Framework template (see WAF_CONNECTOR_API_VERSION).
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
            apiVersion: args.waf === undefined ? S3_CONNECTOR_API_VERSION : WAF_CONNECTOR_API_VERSION,
            kind: S3_CONNECTOR_KIND,
            properties: {
                roleArn: args.roleArn,
                sqsUrls: [args.queueUrl],
                destinationTable: DESTINATION_TABLE[args.logType],
                dataTypes: { logs: { state: "Enabled" } },
                ...(args.waf === undefined ? {} : codelessProperties(args.waf)),
            },
        },
        { ...opts, ...connectorOptions(args.workspace, feeding) },
    );
}

/** What a connection of the Codeless Connector Framework adds: its definition, the rule it sends through, and the logs' format. */
function codelessProperties(waf: WafIngestionLink) {
    return {
        connectorDefinitionName: waf.connectorDefinitionName,
        dcrConfig: {
            streamName: WAF_STREAM,
            dataCollectionEndpoint: waf.dataCollectionEndpoint,
            dataCollectionRuleImmutableId: waf.dataCollectionRuleImmutableId,
        },
        dataFormat: WAF_DATA_FORMAT,
    };
}
