// The content block in the plan: the Content Hub package, and each scheduled rule with its
// template, the template's version and the settings the stack sets instead of the
// template's (read from the installed template in the same plan).
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import { typeToken } from "../src/facts";
import type { PlanDiff, SnapshotResource } from "./diff";

const RULE = typeToken(securityinsights.ScheduledAlertRule);
const TEMPLATE = typeToken(securityinsights.ContentTemplate);
const PACKAGE = typeToken(securityinsights.ContentPackage);

/** The settings a stack may set instead of its template's (content.analyticsRules overrides). */
const OVERRIDABLE = ["enabled", "severity", "queryFrequency", "queryPeriod", "suppressionDuration", "suppressionEnabled"] as const;

export interface DetectionRule {
    readonly name: string;
    readonly displayName: string;
    readonly templateId: string;
    readonly templateVersion: string;
    readonly enabled: boolean;
    readonly severity: string;
    readonly queryFrequency: string;
    readonly queryPeriod: string;
    /** `setting: template's value -> the stack's`; undefined when the plan holds no installed template to compare with. */
    readonly overrides?: readonly string[];
}

export interface Detections {
    readonly packages: readonly { readonly packageId: string; readonly version: string }[];
    readonly rules: readonly DetectionRule[];
}

const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** The rule settings a template describes: its AlertRuleTemplates resource's properties. */
function templateRule(template: SnapshotResource): Record<string, unknown> | undefined {
    const main = template.inputs.mainTemplate as { resources?: { type?: string; properties?: Record<string, unknown> }[] } | undefined;
    return main?.resources?.find((r) => /\/AlertRuleTemplates$/i.test(r.type ?? ""))?.properties;
}

function ruleOf(r: SnapshotResource, templates: ReadonlyMap<string, SnapshotResource>): DetectionRule {
    const i = r.inputs;
    const templateId = text(i.alertRuleTemplateName);
    const installed = templates.get(templateId);
    const fromTemplate = installed && templateRule(installed);
    // A template's rules are off until enabled: `enabled` is the stack's choice, not an override of it.
    const overrides =
        fromTemplate &&
        OVERRIDABLE.filter((key) => key !== "enabled" && fromTemplate[key] !== undefined && text(fromTemplate[key]) !== text(i[key])).map(
            (key) => `${key}: ${text(fromTemplate[key])} to ${text(i[key])}`,
        );
    return {
        name: r.name,
        displayName: text(i.displayName),
        templateId,
        templateVersion: text(i.templateVersion),
        enabled: i.enabled === true,
        severity: text(i.severity),
        queryFrequency: text(i.queryFrequency),
        queryPeriod: text(i.queryPeriod),
        ...(overrides ? { overrides } : {}),
    };
}

export function detectionsOf(resources: readonly SnapshotResource[]): Detections {
    const templates = new Map(resources.filter((r) => r.type === TEMPLATE).map((t) => [text(t.inputs.contentId), t]));
    return {
        packages: resources.filter((r) => r.type === PACKAGE).map((p) => ({ packageId: text(p.inputs.packageId), version: text(p.inputs.version) })),
        rules: resources.filter((r) => r.type === RULE).map((r) => ruleOf(r, templates)),
    };
}

/** One line per rule: what it is, its template and version, how it runs, and what the stack changed. */
export function ruleLine(rule: DetectionRule): string {
    const overrides = rule.overrides === undefined ? "" : rule.overrides.length ? `; overrides ${rule.overrides.join(", ")}` : "; as the template";
    return `${rule.displayName} (template ${rule.templateId} v${rule.templateVersion}; ${rule.enabled ? "enabled" : "disabled"}, ${rule.severity}, every ${rule.queryFrequency} over ${rule.queryPeriod}${overrides})`;
}

/** The text plan's section; none without content. */
export function detectionsToText(d: Detections): string[] {
    if (d.packages.length === 0 && d.rules.length === 0) return [];
    return ["Detections (Content Hub):", ...d.packages.map((p) => `  package ${p.packageId} ${p.version}`), ...d.rules.map((r) => `  rule ${ruleLine(r)}`), ""];
}

/** Rules added, removed and changed against a saved plan, with a changed rule's changed settings. */
export function detectionChanges(diff: PlanDiff) {
    // The diff holds only what changed: no template to compare with, so no overrides.
    const none = new Map<string, SnapshotResource>();
    return {
        added: diff.added.filter((r) => r.type === RULE).map((r) => ruleOf(r, none)),
        removed: diff.removed.filter((r) => r.type === RULE).map((r) => ruleOf(r, none)),
        changed: diff.changed
            .filter((c) => c.head.type === RULE)
            .map((c) => ({
                rule: ruleOf(c.head, none),
                changes: Object.entries(c.changes).map(([key, { before, after }]) => `${key}: ${text(before)} to ${text(after)}`),
            })),
    };
}
