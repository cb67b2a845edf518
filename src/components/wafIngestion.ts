// The Azure side WAF's S3 connector needs beyond the connector, once per stack and shared by
// its accounts, as Microsoft's Codeless Connector Framework template makes it (s3Facts.ts,
// WAF_CONNECTOR_API_VERSION): a connector definition (the connector's page in Sentinel), and a
// data collection endpoint and rule through which the connectors send WAF's records to
// Microsoft's own AWSWAF table. The UI text is this project's own.
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import { DESTINATION_TABLE, WAF_STREAM } from "../s3Facts";
import { connectorOptions, WorkspaceLink } from "./workspaceLink";

export interface WafIngestionArgs {
    /** The workspace the records go to. */
    readonly workspace: WorkspaceLink;
    /** The workspace's ARM resource ID: the rule's destination. */
    readonly workspaceResourceId: pulumi.Input<string>;
    /** The workspace's Azure region: the endpoint and the rule must be in it. */
    readonly location: pulumi.Input<string>;
    /** The name of the definition, endpoint and rule (one each per stack; see naming.ts, wafIngestionName). */
    readonly name: string;
    /** Tags on the data collection endpoint and rule. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** What each account's WAF connector names: its definition, and where it sends the records. */
export interface WafIngestionLink {
    /** The connector definition's name (the connector's `connectorDefinitionName`). */
    readonly connectorDefinitionName: pulumi.Input<string>;
    /** The endpoint's logs ingestion URL. */
    readonly dataCollectionEndpoint: pulumi.Input<string>;
    /** The rule's immutable ID. */
    readonly dataCollectionRuleImmutableId: pulumi.Input<string>;
}

const TABLE = DESTINATION_TABLE.waf;
/** The rule's name for the workspace among its destinations. */
const DESTINATION = "workspace";

export class WafIngestion extends pulumi.ComponentResource {
    static readonly TYPE = "sentinel-aws:index:WafIngestion";
    /** What each account's S3AccountConnection takes as `waf`: the definition's name, the endpoint's URL and the rule's immutable ID. */
    readonly link: WafIngestionLink;

    constructor(name: string, args: WafIngestionArgs, opts?: pulumi.ComponentResourceOptions) {
        super(WafIngestion.TYPE, name, {}, opts);
        const { workspace } = args;
        // Wait for the onboarding and go with a managed workspace, as the connectors do (the
        // endpoint and the rule are the resource group's, which a managed workspace's deletion takes too).
        const withWorkspace = { parent: this, ...connectorOptions(workspace) };
        const definition = new securityinsights.CustomizableConnectorDefinition(
            `${name}-definition`,
            {
                resourceGroupName: workspace.resourceGroupName,
                workspaceName: workspace.workspaceName,
                dataConnectorDefinitionName: args.name,
                kind: "Customizable",
                connectorUiConfig: {
                    title: "AWS WAF (sentinel-aws)",
                    publisher: "sentinel-aws",
                    descriptionMarkdown:
                        "AWS WAF web ACL logs, read by Sentinel's S3 connector from the `aws-waf-logs-` bucket and queue that the sentinel-aws Pulumi program makes in each AWS account. Manage it with that program, not here.",
                    graphQueries: [{ metricName: "Records received", legend: TABLE, baseQuery: TABLE }],
                    dataTypes: [{ name: TABLE, lastDataReceivedQuery: `${TABLE} | summarize Time = max(TimeGenerated) | where isnotempty(Time)` }],
                    connectivityCriteria: [{ type: "HasDataConnectors" }],
                    permissions: {},
                    instructionSteps: [
                        {
                            title: "Deployed by sentinel-aws",
                            description: "Add an account with s3.logTypes including waf and its s3.wafWebAclArns to the stack's config, then run pulumi up.",
                        },
                    ],
                },
            },
            withWorkspace,
        );
        // Beside the workspace: its resource group and region.
        const beside = { resourceGroupName: workspace.resourceGroupName, location: args.location, tags: args.tags };
        const endpoint = new monitor.DataCollectionEndpoint(
            `${name}-endpoint`,
            { ...beside, dataCollectionEndpointName: args.name, networkAcls: { publicNetworkAccess: "Enabled" } },
            withWorkspace,
        );
        const rule = new monitor.DataCollectionRule(
            `${name}-rule`,
            {
                ...beside,
                dataCollectionRuleName: args.name,
                dataCollectionEndpointId: endpoint.id,
                destinations: { logAnalytics: [{ name: DESTINATION, workspaceResourceId: args.workspaceResourceId }] },
                dataFlows: [{ streams: [WAF_STREAM], destinations: [DESTINATION], outputStream: WAF_STREAM }],
            },
            withWorkspace,
        );
        this.link = {
            connectorDefinitionName: definition.name,
            dataCollectionEndpoint: endpoint.logsIngestion.apply((ingestion) => ingestion?.endpoint ?? ""),
            dataCollectionRuleImmutableId: rule.immutableId,
        };
        this.registerOutputs({ ...this.link });
    }
}
