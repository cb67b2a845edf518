// The Azure side: the Log Analytics workspace Sentinel runs on, created here or looked up,
// and its Sentinel onboarding.
import * as pulumi from "@pulumi/pulumi";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import { ONBOARDING_STATE_NAME, WORKSPACE_SKU } from "../constants";
import type { Tags, WorkspaceConfig } from "../config/types";
import { workspaceArmIds } from "../naming";

export interface SentinelWorkspaceArgs {
    /** What to create or look up. */
    readonly workspace: WorkspaceConfig;
    /** Azure region of a created resource group and workspace. */
    readonly location?: string;
    /** Tags for the resources this component creates. */
    readonly tags: Tags;
    /** Names the ARM IDs an adopted workspace is imported by; set when `workspace.adopt` is. */
    readonly subscriptionId?: string;
}

export class SentinelWorkspace extends pulumi.ComponentResource {
    /** The workspace ID (`customerId`, a GUID): Sentinel's external ID towards AWS. */
    readonly workspaceId: pulumi.Output<string>;
    /** The workspace's ARM resource ID. */
    readonly resourceId: pulumi.Output<string>;
    readonly workspaceName: pulumi.Output<string>;
    readonly resourceGroupName: pulumi.Output<string>;
    /** What every data connector must wait for: the onboarding, where this program makes it. */
    readonly connectorPrerequisites: pulumi.Resource[];
    /** The workspace, when this program manages it: what lives inside it goes when it goes. */
    readonly managed?: operationalinsights.Workspace;
    /** ARM IDs of the workspace's resources in a subscription: what adopted ones are imported by. */
    readonly armIds: (subscriptionId: string) => ReturnType<typeof workspaceArmIds>;

    constructor(name: string, args: SentinelWorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:azure:SentinelWorkspace", name, {}, opts);
        const { workspace, location, tags } = args;
        // Deleting the resource group, the workspace or the onboarding destroys security
        // logs or Sentinel content, so all three are protected unless config says otherwise.
        const keep = { parent: this, protect: workspace.protect };
        this.armIds = (subscriptionId) => workspaceArmIds(subscriptionId, workspace.resourceGroupName, workspace.name);
        // A workspace made by hand is imported, resource by resource, with the inputs config gives.
        const adopted = workspace.adopt ? this.armIds(args.subscriptionId!) : undefined;

        if (workspace.existing) {
            // Looked up, never managed: no create, update or delete can reach it.
            const found = operationalinsights.getWorkspaceOutput(
                { resourceGroupName: workspace.resourceGroupName, workspaceName: workspace.name },
                { parent: this },
            );
            this.workspaceId = found.customerId;
            this.resourceId = found.id;
            this.workspaceName = found.name;
            this.resourceGroupName = pulumi.output(workspace.resourceGroupName);
        } else {
            const group = new resources.ResourceGroup(
                `${name}-rg`,
                { resourceGroupName: workspace.resourceGroupName, location, tags },
                { ...keep, import: adopted?.resourceGroup },
            );
            const created = new operationalinsights.Workspace(
                name,
                {
                    workspaceName: workspace.name,
                    resourceGroupName: group.name,
                    location: group.location,
                    sku: { name: WORKSPACE_SKU },
                    retentionInDays: workspace.retentionInDays,
                    tags,
                },
                { ...keep, import: adopted?.workspace },
            );
            this.managed = created;
            this.workspaceId = created.customerId;
            this.resourceId = created.id;
            this.workspaceName = created.name;
            this.resourceGroupName = group.name;
        }

        this.connectorPrerequisites = workspace.onboard
            ? [
                  new securityinsights.SentinelOnboardingState(
                      `${name}-sentinel`,
                      {
                          sentinelOnboardingStateName: ONBOARDING_STATE_NAME,
                          resourceGroupName: this.resourceGroupName,
                          workspaceName: this.workspaceName,
                          // A workspace onboarded with a customer-managed key can never go back; keep the default.
                          customerManagedKey: false,
                      },
                      { ...keep, import: adopted?.onboardingState(ONBOARDING_STATE_NAME), deletedWith: this.managed },
                  ),
              ]
            : [];

        this.registerOutputs({ workspaceId: this.workspaceId, resourceId: this.resourceId });
    }
}
