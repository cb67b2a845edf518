// What the clouds would answer, made up deterministically: the mock engine's resource and
// call handlers. Every value only a cloud can know is a placeholder shaped like the real
// thing (a GUID, an ARN, an ARM ID), derived from the names in the config, and recorded so
// that the plan can label it.
import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { v5 as uuidv5 } from "uuid";

/** Namespace of placeholder GUIDs; distinct from the one real names derive from. */
const PLACEHOLDER_NAMESPACE = "0d7a4a4e-3f43-4c43-9a3e-51a1f7d6c0de";
/** The Azure subscription is whatever the deployer's credentials select. */
const PLACEHOLDER_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";

export interface Placeholder {
    readonly resource: string;
    readonly property: string;
    readonly value: string;
    readonly meaning: string;
}

/** The workspace ID a workspace of this name gets in the plan. */
function placeholderWorkspaceId(workspaceName: string): string {
    return uuidv5(`workspace:${workspaceName}`, PLACEHOLDER_NAMESPACE);
}

function armId(resourceGroup: string, provider = "", ...path: string[]): string {
    const base = `/subscriptions/${PLACEHOLDER_SUBSCRIPTION_ID}/resourceGroups/${resourceGroup}`;
    return provider ? `${base}/providers/${provider}/${path.join("/")}` : base;
}

function workspaceArmId(resourceGroup: string, workspace: string): string {
    return armId(resourceGroup, "Microsoft.OperationalInsights", "workspaces", workspace);
}

/** IAM unique IDs of roles are `AROA` and 17 upper-case letters and digits. */
function roleUniqueId(arn: string): string {
    return `AROA${createHash("sha256").update(arn).digest("hex").toUpperCase().slice(0, 17)}`;
}

type Outputs = Record<string, unknown>;

/** What a data-source call returned, e.g. an existing workspace looked up by name. */
export interface Lookup {
    readonly name: string;
    readonly token: string;
    readonly outputs: Readonly<Record<string, unknown>>;
}

export class FakeCloud implements pulumi.runtime.Mocks {
    readonly placeholders: Placeholder[] = [];
    readonly lookups: Lookup[] = [];
    /** AWS account of each provider, by provider ID (the engine passes providers as `urn::id`). */
    private readonly accountOfProvider = new Map<string, string>();

    /** Records a value only the cloud knows, so that the plan can label it, and returns it. */
    private placeholder(resource: string, property: string, value: string, meaning: string): string {
        this.placeholders.push({ resource, property, value, meaning });
        return value;
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Outputs } {
        const { type, name, inputs } = args;
        const id = (value: string, state: Outputs) => ({ id: value, state: { ...inputs, ...state } });
        switch (type) {
            case "pulumi:providers:aws": {
                const providerId = uuidv5(`provider:${name}`, PLACEHOLDER_NAMESPACE);
                // Provider inputs reach the engine as JSON text.
                const allowed: unknown = JSON.parse(inputs.allowedAccountIds ?? "[]");
                const account = Array.isArray(allowed) && allowed.length > 0 ? String(allowed[0]) : "";
                this.accountOfProvider.set(providerId, account);
                return id(providerId, {});
            }
            case "azure-native:resources:ResourceGroup":
                return id(armId(inputs.resourceGroupName), { name: inputs.resourceGroupName });
            case "azure-native:operationalinsights:Workspace": {
                const customerId = this.placeholder(name, "customerId", placeholderWorkspaceId(inputs.workspaceName), "the workspace ID Azure assigns, a GUID");
                const armIdOf = workspaceArmId(inputs.resourceGroupName, inputs.workspaceName);
                return id(this.placeholder(name, "id", armIdOf, "ARM ID in the deployer's subscription"), { name: inputs.workspaceName, customerId });
            }
            case "azure-native:securityinsights:SentinelOnboardingState": {
                const ws = workspaceArmId(inputs.resourceGroupName, inputs.workspaceName);
                return id(`${ws}/providers/Microsoft.SecurityInsights/onboardingStates/${inputs.sentinelOnboardingStateName}`, {
                    name: inputs.sentinelOnboardingStateName,
                });
            }
            case "azure-native:securityinsights:AwsCloudTrailDataConnector": {
                const ws = workspaceArmId(inputs.resourceGroupName, inputs.workspaceName);
                return id(`${ws}/providers/Microsoft.SecurityInsights/dataConnectors/${inputs.dataConnectorId}`, {
                    name: inputs.dataConnectorId,
                });
            }
            case "aws:iam/role:Role": {
                const account = this.accountOfProvider.get(args.provider?.split("::").pop() ?? "") ?? "000000000000";
                const arn = `arn:aws:iam::${account}:role/${inputs.name}`;
                return id(inputs.name, { arn, uniqueId: this.placeholder(name, "uniqueId", roleUniqueId(arn), "the role's unique ID IAM assigns") });
            }
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
                return id(`${inputs.role}/${inputs.policyArn}`, {});
            case "aws:iam/rolePolicy:RolePolicy":
                return id(`${inputs.role}:${inputs.name}`, {});
            case "time:index/sleep:Sleep":
                return id(this.placeholder(name, "id", "1970-01-01T00:00:00Z", "the time the wait ended"), {});
            default:
                // Components have no cloud state. A resource type the plan does not model would
                // show made-up outputs, so it fails loudly instead, like an unknown call.
                if (args.custom) throw new Error(`the plan does not model the resource type ${type} (${name})`);
                return { id: undefined, state: { ...inputs } };
        }
    }

    call(args: pulumi.runtime.MockCallArgs): Outputs {
        if (args.token === "azure-native:operationalinsights:getWorkspace") {
            const { resourceGroupName, workspaceName } = args.inputs;
            const name = `${workspaceName} (existing workspace)`;
            const found = {
                id: this.placeholder(name, "id", workspaceArmId(resourceGroupName, workspaceName), "ARM ID in the deployer's subscription"),
                name: workspaceName,
                customerId: this.placeholder(name, "customerId", placeholderWorkspaceId(workspaceName), "the existing workspace's ID, read at deployment"),
            };
            this.lookups.push({ name, token: args.token, outputs: found });
            return found;
        }
        // An unexpected cloud look-up must fail loudly, not return nothing.
        throw new Error(`the plan has no answer for the call ${args.token}`);
    }
}
