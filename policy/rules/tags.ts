// Resources carry tags, so that owners can be found and costs assigned.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "../types";
import { stringList, stringListSetting } from "./config";

const TAGGABLE: ReadonlySet<string> = new Set([TYPES.role, TYPES.resourceGroup, TYPES.workspace]);

export const resourcesTagged: ResourceValidationPolicy = {
    name: "resources-tagged",
    description: "IAM roles, resource groups and workspaces should carry tags: the ones listed in requiredTags, or at least one.",
    enforcementLevel: "advisory",
    configSchema: stringListSetting("requiredTags"),
    validateResource: (args, reportViolation) => {
        if (!TAGGABLE.has(args.type)) return;
        const required = stringList(args, "requiredTags");
        const tags = (args.props.tags ?? {}) as Record<string, unknown>;
        const keys = Object.keys(tags);
        if (required.length === 0 && keys.length === 0) {
            reportViolation(`${args.name} has no tags. Set sentinel-aws:tags (stack-wide) or tags on the account entry.`);
        }
        const missing = required.filter((k) => !keys.includes(k));
        if (missing.length > 0) reportViolation(`${args.name} lacks the required tags ${missing.join(", ")}.`);
    },
};
