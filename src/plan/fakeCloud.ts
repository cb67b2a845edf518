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
export const PLACEHOLDER_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";

export interface Placeholder {
    readonly resource: string;
    readonly property: string;
    readonly value: string;
    readonly meaning: string;
}

/** The workspace ID a workspace of this name gets in the plan. */
export function placeholderWorkspaceId(workspaceName: string): string {
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

    private mark(resource: string, outputs: Outputs, meanings: Record<string, string>): Outputs {
        for (const [property, meaning] of Object.entries(meanings)) {
            this.placeholders.push({ resource, property, value: String(outputs[property]), meaning });
        }
        return outputs;
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
            case "azure-native:resources:ResourceGroup": {
                return id(armId(inputs.resourceGroupName), { name: inputs.resourceGroupName });
            }
            case "azure-native:operationalinsights:Workspace": {
                const wsId = workspaceArmId(inputs.resourceGroupName, inputs.workspaceName);
                const state = { name: inputs.workspaceName, customerId: placeholderWorkspaceId(inputs.workspaceName) };
                this.mark(name, state, { customerId: "the workspace ID Azure assigns, a GUID" });
                this.placeholders.push({ resource: name, property: "id", value: wsId, meaning: "ARM ID in the deployer's subscription" });
                return id(wsId, state);
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
                const arn = `arn:aws:iam::${account}:role/${inputs.path && inputs.path !== "/" ? inputs.path.replace(/^\//, "") : ""}${inputs.name}`;
                const state = this.mark(name, { arn, uniqueId: roleUniqueId(arn) }, { uniqueId: "the role's unique ID IAM assigns" });
                return id(inputs.name, state);
            }
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
                return id(`${inputs.role}/${inputs.policyArn}`, {});
            case "time:index/sleep:Sleep": {
                const ended = "1970-01-01T00:00:00Z";
                this.placeholders.push({ resource: name, property: "id", value: ended, meaning: "the time the wait ended" });
                return id(ended, {});
            }
            default:
                // Components and anything else: no cloud state of their own.
                return { id: args.custom ? `${name}-id` : undefined, state: { ...inputs } };
        }
    }

    call(args: pulumi.runtime.MockCallArgs): Outputs {
        if (args.token === "azure-native:operationalinsights:getWorkspace") {
            const { resourceGroupName, workspaceName } = args.inputs;
            const found = {
                id: workspaceArmId(resourceGroupName, workspaceName),
                name: workspaceName,
                customerId: placeholderWorkspaceId(workspaceName),
            };
            const name = `${workspaceName} (existing workspace)`;
            this.lookups.push({ name, token: args.token, outputs: found });
            return this.mark(name, found, {
                customerId: "the existing workspace's ID, read at deployment",
                id: "ARM ID in the deployer's subscription",
            });
        }
        // An unexpected cloud look-up must fail loudly, not return nothing.
        throw new Error(`the plan has no answer for the call ${args.token}`);
    }
}
