// A scheduled rule's settings: the template's, read from the catalogue at deploy time, with
// the stack's overrides on top. Nothing of a template's text is kept in this repository.
import type { RuleTemplate } from "./catalogue";
import type { RuleOverrides } from "./select";

/** The template files spell the trigger operator short (`gt`); the rules API wants the enum's words (AlertRules.json `TriggerOperator`). */
const TRIGGER_OPERATORS: Readonly<Record<string, string>> = { gt: "GreaterThan", lt: "LessThan", eq: "Equal", ne: "NotEqual" };

/** Rule properties copied from the template as they are, when it has them. */
const FROM_TEMPLATE = ["description", "tactics", "techniques", "entityMappings", "customDetails", "alertDetailsOverride", "eventGroupingSettings"] as const;

/** The rule's settings before its place (workspace, ID): the template's, then the overrides. */
export function ruleSettings(template: RuleTemplate, overrides: RuleOverrides) {
    const rule = template.rule;
    const operator = String(rule.triggerOperator ?? "GreaterThan");
    const copied = Object.fromEntries(FROM_TEMPLATE.filter((key) => rule[key] !== undefined).map((key) => [key, rule[key]]));
    return {
        ...copied,
        kind: "Scheduled" as const,
        displayName: String(rule.displayName ?? template.displayName),
        query: String(rule.query ?? ""),
        enabled: overrides.enabled ?? true,
        severity: overrides.severity ?? String(rule.severity ?? "Medium"),
        queryFrequency: overrides.queryFrequency ?? String(rule.queryFrequency ?? "PT1H"),
        queryPeriod: overrides.queryPeriod ?? String(rule.queryPeriod ?? "PT1H"),
        suppressionDuration: overrides.suppressionDuration ?? String(rule.suppressionDuration ?? "PT1H"),
        suppressionEnabled: overrides.suppressionEnabled ?? rule.suppressionEnabled === true,
        triggerOperator: (TRIGGER_OPERATORS[operator] ?? operator) as "GreaterThan",
        triggerThreshold: Number(rule.triggerThreshold ?? 0),
        alertRuleTemplateName: template.templateId,
        templateVersion: template.version,
    };
}
