// The one shape of setting several rules take: a list of strings (role ARNs, workspace IDs,
// tag names) that the pack's config may give, empty unless it does.
import type { PolicyConfigSchema } from "@pulumi/policy";

/** The config schema of a rule whose one setting is the list `name`. */
export const stringListSetting = (name: string): PolicyConfigSchema => ({
    properties: { [name]: { type: "array", items: { type: "string" }, default: [] } },
});

/** The list `name` as the pack's config gives it, or empty. */
export const stringList = (args: { getConfig<T extends object>(): T }, name: string): string[] =>
    args.getConfig<Record<string, string[] | undefined>>()[name] ?? [];
