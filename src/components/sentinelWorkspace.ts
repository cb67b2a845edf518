// The Azure side: the Log Analytics workspace Sentinel runs on, created here or looked up,
// and its Sentinel onboarding.
import * as pulumi from "@pulumi/pulumi";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import { ONBOARDING_STATE_NAME, RETENTION_DAYS, WORKSPACE_SKU } from "../constants";
import { workspaceArmIds } from "../naming";
import type { WorkspaceLink } from "./workspaceLink";

export interface SentinelWorkspaceArgs {
    /** The Log Analytics workspace's name. */
    readonly workspaceName: string;
    /** Its resource group's name. */
    readonly resourceGroupName: string;
    /** Look an existing workspace up instead: nothing can then create, change or delete it. Default false. */
    readonly existing?: boolean;
    /** Azure region of a created resource group and workspace. */
    readonly location?: pulumi.Input<string>;
    /** Days a created workspace keeps logs. Default 90. */
    readonly retentionInDays?: pulumi.Input<number>;
    /** Onboard the workspace to Sentinel (which connectors require). Default true. */
    readonly onboard?: boolean;
    /** Protect the group, workspace and onboarding from deletion. Default true. */
    readonly protect?: boolean;
    /** Import a workspace (group, workspace, onboarding) made by hand in this subscription, instead of creating one. */
    readonly adoptFromSubscription?: string;
    /** Tags for the resources this component creates. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export class SentinelWorkspace extends pulumi.ComponentResource {
    /** The workspace ID (`customerId`, a GUID): Sentinel's external ID towards AWS. */
    readonly workspaceId: pulumi.Output<string>;
    /** The workspace's ARM resource ID. */
    readonly resourceId: pulumi.Output<string>;
    readonly workspaceName: pulumi.Output<string>;
    readonly resourceGroupName: pulumi.Output<string>;
    /** The workspace's Azure region: where resources that must sit beside it go (WAF's data collection rule). */
    readonly location: pulumi.Output<string>;
    /** What the connections need of it, with the onboarding to wait for and the workspace to go with. */
    readonly link: WorkspaceLink;

    constructor(name: string, args: SentinelWorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:azure:SentinelWorkspace", name, {}, opts);
        const { location, tags } = args;
        const protect = args.protect ?? true;
        // Deleting the resource group, the workspace or the onboarding destroys security
        // logs or Sentinel content, so all three are protected unless config says otherwise.
        const keep = { parent: this, protect };
        // A workspace made by hand is imported, resource by resource, with the inputs config gives.
        const adopted =
            args.adoptFromSubscription === undefined ? undefined : workspaceArmIds(args.adoptFromSubscription, args.resourceGroupName, args.workspaceName);

        let managed: operationalinsights.Workspace | undefined;
        if (args.existing) {
            // Looked up, never managed: no create, update or delete can reach it.
            const found = operationalinsights.getWorkspaceOutput(
                { resourceGroupName: args.resourceGroupName, workspaceName: args.workspaceName },
                { parent: this },
            );
            this.workspaceId = found.customerId;
            this.resourceId = found.id;
            this.location = found.location;
            this.workspaceName = found.name;
            this.resourceGroupName = pulumi.output(args.resourceGroupName);
        } else {
            const group = new resources.ResourceGroup(
                `${name}-rg`,
                { resourceGroupName: args.resourceGroupName, location, tags },
                { ...keep, import: adopted?.resourceGroup },
            );
            const created = new operationalinsights.Workspace(
                name,
                {
                    workspaceName: args.workspaceName,
                    resourceGroupName: group.name,
                    location: group.location,
                    sku: { name: WORKSPACE_SKU },
                    retentionInDays: args.retentionInDays ?? RETENTION_DAYS.default,
                    tags,
                },
                { ...keep, import: adopted?.workspace },
            );
            managed = created;
            this.workspaceId = created.customerId;
            this.resourceId = created.id;
            this.location = created.location;
            this.workspaceName = created.name;
            this.resourceGroupName = group.name;
        }

        const onboarding =
            (args.onboard ?? true)
                ? new securityinsights.SentinelOnboardingState(
                      `${name}-sentinel`,
                      {
                          sentinelOnboardingStateName: ONBOARDING_STATE_NAME,
                          resourceGroupName: this.resourceGroupName,
                          workspaceName: this.workspaceName,
                          // A workspace onboarded with a customer-managed key can never go back; keep the default.
                          customerManagedKey: false,
                      },
                      { ...keep, import: adopted?.onboardingState(ONBOARDING_STATE_NAME), deletedWith: managed },
                  )
                : undefined;

        this.link = {
            workspaceId: this.workspaceId,
            resourceGroupName: this.resourceGroupName,
            workspaceName: this.workspaceName,
            onboarding,
            managedWorkspace: managed,
        };
        this.registerOutputs({
            workspaceId: this.workspaceId,
            resourceId: this.resourceId,
            workspaceName: this.workspaceName,
            resourceGroupName: this.resourceGroupName,
        });
    }
}
