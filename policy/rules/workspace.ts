// The Log Analytics workspace holds the security logs: protected, and kept long enough.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "../types";

export const workspaceProtected: ResourceValidationPolicy = {
    name: "workspace-protected",
    description:
        "A Log Analytics workspace this stack creates must be protected, so that neither `pulumi destroy` nor a config change can delete the security logs.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.workspace) return;
        if (!args.opts.protect) {
            reportViolation(
                `Workspace ${args.name} is not protected. Set the resource option protect (in this project: leave sentinel-aws:workspace.protect at true).`,
            );
        }
    },
};

export const workspaceRetention: ResourceValidationPolicy = {
    name: "workspace-retention",
    description: "A Log Analytics workspace should keep data at least as long as Sentinel includes at no extra cost (90 days).",
    enforcementLevel: "advisory",
    configSchema: {
        properties: { minimumDays: { type: "integer", minimum: 1, default: 90 } },
    },
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.workspace) return;
        const minimum = args.getConfig<{ minimumDays?: number }>().minimumDays ?? 90;
        const retention = args.props.retentionInDays;
        if (typeof retention === "number" && retention < minimum) {
            reportViolation(`Workspace ${args.name} keeps data for ${retention} days, less than ${minimum}. Investigations often reach further back.`);
        }
    },
};
