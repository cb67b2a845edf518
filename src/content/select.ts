// Which rule templates become scheduled rules, from `content.analyticsRules` and the
// catalogue: pure, so every refusal is tested without a cloud.
import type { RuleEntry } from "../config/contentSchema";
import type { ContentCatalogue, RuleTemplate } from "./catalogue";
import { AlertSeverity, MAX_ENABLED_SCHEDULED_RULES, RECOMMENDED } from "./facts";

/** The settings a stack sets on a rule instead of its template's (content.analyticsRules). */
export interface RuleOverrides {
    /** Create the rule enabled; default true. */
    readonly enabled?: boolean;
    /** High, Medium, Low or Informational, instead of the template's. */
    readonly severity?: AlertSeverity;
    /** How often the rule runs (ISO 8601, PT5M to P14D). */
    readonly queryFrequency?: string;
    /** How far back it looks (ISO 8601, PT5M to P14D). */
    readonly queryPeriod?: string;
    /** How long repeated alerts are suppressed (ISO 8601, PT5M to PT24H). */
    readonly suppressionDuration?: string;
    /** Suppress repeated alerts. */
    readonly suppressionEnabled?: boolean;
}

/** A rule template chosen to become a scheduled rule, with the stack's overrides. */
export interface SelectedRule {
    /** The template, as the catalogue has it. */
    readonly template: RuleTemplate;
    /** What the stack sets instead of the template. */
    readonly overrides: RuleOverrides;
    /** The ARM ID of a rule made by hand from this template: imported instead of created. */
    readonly importId?: string;
}

export interface Selection {
    readonly rules: SelectedRule[];
    /** Problems with `content.analyticsRules`, each with its path below `content` and the bad value. */
    readonly problems: readonly { path: PropertyKey[]; message: string; value?: unknown }[];
    readonly warnings: readonly string[];
}

/** The templates whose tables are all tables this stack fills: what `recommended` selects. */
export const recommendedTemplates = (catalogue: ContentCatalogue, filledTables: ReadonlySet<string>): RuleTemplate[] =>
    catalogue.templates.filter((t) => t.dataTypes.length > 0 && t.dataTypes.every((table) => filledTables.has(table)));

/**
 * Expands `recommended`, finds each listed template in the catalogue, and applies overrides
 * (a later entry for the same template replaces what `recommended` chose). A template listed
 * twice, one the catalogue lacks, or more enabled rules than a workspace may have is refused.
 */
export function selectRules(
    entries: readonly (string | RuleEntry)[],
    catalogue: ContentCatalogue,
    filledTables: ReadonlySet<string>,
    /** The ARM ID of an adopted rule, from its ID. */
    importIdOf: (ruleId: string) => string = (ruleId) => ruleId,
): Selection {
    const byId = new Map(catalogue.templates.map((t) => [t.templateId.toLowerCase(), t]));
    const chosen = new Map<string, SelectedRule>();
    const listed = new Set<string>();
    const problems: { path: PropertyKey[]; message: string; value?: unknown }[] = [];
    const warnings: string[] = [];
    entries.forEach((entry, i) => {
        if (entry === RECOMMENDED) {
            for (const template of recommendedTemplates(catalogue, filledTables))
                if (!chosen.has(template.templateId.toLowerCase())) chosen.set(template.templateId.toLowerCase(), { template, overrides: {} });
            return;
        }
        const { templateId, adoptRuleId, ...overrides } = typeof entry === "string" ? { templateId: entry, adoptRuleId: undefined } : entry;
        const key = templateId.toLowerCase();
        const path = ["analyticsRules", i, ...(typeof entry === "string" ? [] : ["templateId"])];
        const template = byId.get(key);
        if (listed.has(key)) problems.push({ path, message: "lists a rule template listed before", value: templateId });
        else if (!template)
            problems.push({
                path,
                message: `is not a scheduled rule template of ${catalogue.package.packageId} ${catalogue.package.version} in the workspace's catalogue`,
                value: templateId,
            });
        else {
            chosen.set(key, { template, overrides, ...(adoptRuleId ? { importId: importIdOf(adoptRuleId) } : {}) });
            const unfilled = template.dataTypes.filter((table) => !filledTables.has(table));
            if (unfilled.length > 0)
                warnings.push(
                    `content.analyticsRules[${i}] (${template.displayName}) reads ${unfilled.join(", ")}, which no connector of this stack fills: it finds nothing until something else does`,
                );
        }
        listed.add(key);
    });
    const rules = [...chosen.values()];
    const enabled = rules.filter((r) => r.overrides.enabled !== false).length;
    if (enabled > MAX_ENABLED_SCHEDULED_RULES)
        problems.push({
            path: ["analyticsRules"],
            message: `selects ${enabled} enabled scheduled rules: a workspace may have at most ${MAX_ENABLED_SCHEDULED_RULES}`,
        });
    return { rules, problems, warnings };
}
