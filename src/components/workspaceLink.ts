// What a connection needs of the Sentinel workspace, as plain inputs: a SentinelWorkspace of
// this library hands its own over (`workspace.link`), and any other program passes the IDs
// of a workspace it made or found, from TypeScript or through the component package.
import type * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import type * as securityinsights from "@pulumi/azure-native/securityinsights";
import type * as pulumi from "@pulumi/pulumi";

/** The workspace the connectors go into; its ID is every role's external ID. */
export interface WorkspaceLink {
    /** The workspace ID (customerId, a GUID): the external ID each role requires. */
    readonly workspaceId: pulumi.Input<string>;
    /** The workspace's resource group. */
    readonly resourceGroupName: pulumi.Input<string>;
    /** The workspace's name. */
    readonly workspaceName: pulumi.Input<string>;
    /** Sentinel's onboarding of the workspace, when the same program makes it: Sentinel refuses connectors before it. */
    readonly onboarding?: securityinsights.SentinelOnboardingState;
    /** The workspace, when the same program manages it: its connectors go when it goes, without a delete each. */
    readonly managedWorkspace?: operationalinsights.Workspace;
}

/** The options every data connector takes from its workspace: wait for the onboarding, go with the workspace. */
export function connectorOptions(workspace: WorkspaceLink, dependsOn: readonly pulumi.Resource[] = []): pulumi.CustomResourceOptions {
    return { dependsOn: [...(workspace.onboarding ? [workspace.onboarding] : []), ...dependsOn], deletedWith: workspace.managedWorkspace };
}
