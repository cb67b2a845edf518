// Sentinel's CloudTrail API connector for one role: what every way of connecting an account
// (listed, organisation member, management account) creates on the Azure side.
//
// Registered directly rather than through azure-native's AwsCloudTrailDataConnector class:
// the class gives each connector about 285 aliases (every API version and connector kind of
// the same Azure path) and an Output for each of its 11 properties, and an organisation
// registers thousands of connectors at once. At 5,000 members the class took the plan's peak
// memory from 879 MB to 1,083 MB (`npm run bench`). The request the engine receives is the
// class's, less aliases that no stack of this program can hold: tests/engineView.test.ts
// compares the two field by field, so an SDK upgrade that changes the class fails the tests.
import * as pulumi from "@pulumi/pulumi";
import type { AwsCloudTrailDataConnectorArgs } from "@pulumi/azure-native/securityinsights";
import { getVersion } from "@pulumi/azure-native/utilities";
import { CLOUDTRAIL_CONNECTOR_KIND, CLOUDTRAIL_CONNECTOR_TYPE } from "../constants";
import { connectorOptions, WorkspaceLink } from "./workspaceLink";

export interface CloudTrailConnectorArgs {
    /** The data connector's ID: a GUID that stays the same on every run. */
    readonly connectorId: string;
    readonly workspace: WorkspaceLink;
    /** The role Sentinel assumes; resolve it only once the role can be assumed. */
    readonly roleArn: pulumi.Input<string>;
}

export class CloudTrailConnectorResource extends pulumi.CustomResource {
    /** The data connector's ID, as Azure reports it. */
    declare readonly name: pulumi.Output<string>;

    constructor(name: string, args: AwsCloudTrailDataConnectorArgs, opts?: pulumi.CustomResourceOptions) {
        // The class's inputs, and `name` as the one output anything here reads.
        const inputs = { ...args, kind: CLOUDTRAIL_CONNECTOR_KIND, name: undefined };
        super(CLOUDTRAIL_CONNECTOR_TYPE, name, inputs, { ...opts, version: getVersion() });
    }
}

export function cloudTrailConnector(name: string, args: CloudTrailConnectorArgs, opts: pulumi.CustomResourceOptions): CloudTrailConnectorResource {
    return new CloudTrailConnectorResource(
        name,
        {
            awsRoleArn: args.roleArn,
            dataConnectorId: args.connectorId,
            dataTypes: { logs: { state: "Enabled" } },
            kind: CLOUDTRAIL_CONNECTOR_KIND,
            resourceGroupName: args.workspace.resourceGroupName,
            workspaceName: args.workspace.workspaceName,
        },
        { ...opts, ...connectorOptions(args.workspace) },
    );
}
