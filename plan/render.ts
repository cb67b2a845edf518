// The plan as people and tools read it: text for a terminal or a review, JSON for tools.
import { shown } from "./inputFile";
import { PlanDiff, readable, SnapshotResource } from "./diff";
import { AWS_PROVIDER_TYPE, cloudOf, crossCloudLinks } from "./links";
import { estimateToText } from "./estimate/render";
import { detectionsOf, detectionsToText } from "./detections";
import { allowedAccountsOf } from "./providerInputs";
import type { Plan, PlannedResource } from "./record";

/** The JSON form: what the program registered (`inputs`) and what the mock engine resolved (`outputs`). */
export function planToJson(plan: Plan) {
    const detections = detectionsOf(plan.resources);
    return {
        stack: plan.stack,
        resources: plan.resources.map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            custom: r.custom,
            ...(r.provider ? { provider: r.provider } : {}),
            ...(r.parent ? { parent: r.parent } : {}),
            protect: r.protect,
            ...(r.importId ? { import: r.importId } : {}),
            ...(r.retainOnDelete ? { retainOnDelete: true } : {}),
            ...(r.ignoreChanges ? { ignoreChanges: r.ignoreChanges } : {}),
            ...(r.deletedWith ? { deletedWith: r.deletedWith } : {}),
            ...(r.movedFrom ? { movedFrom: r.movedFrom } : {}),
            dependsOn: r.dependsOn,
            inputs: r.inputs,
            outputs: r.outputs,
        })),
        outputs: plan.outputs,
        ...(detections.packages.length + detections.rules.length > 0 ? { detections } : {}),
        ...(plan.warnings.length > 0 ? { warnings: plan.warnings } : {}),
        ...(plan.estimate ? { estimate: plan.estimate } : {}),
    };
}

export function renderValue(value: unknown, indent: string): string {
    if (value === undefined) return "(not set)";
    const v = readable(value);
    // A value from a stack file (a description) may hold newlines or ESC that would forge plan lines: escaped, whole.
    if (typeof v === "string") return /[^\x20-\x7e]/.test(v) ? shown(v, 100_000) : v;
    const compact = JSON.stringify(v);
    if (compact.length <= 100) return compact;
    return JSON.stringify(v, null, 2).replace(/\n/g, `\n${indent}`);
}

/** Where a resource lives: Azure, an AWS account and region (from its provider), or the engine. */
export function targetOf(r: SnapshotResource, byUrn: ReadonlyMap<string, SnapshotResource>): string {
    const cloud = cloudOf(r.type);
    if (cloud === "AWS") {
        const provider = r.provider ? byUrn.get(r.provider) : r.type === AWS_PROVIDER_TYPE ? r : undefined;
        const accounts = allowedAccountsOf(provider?.inputs);
        const account = accounts.length > 0 ? accounts.join(", ") : "?";
        return `AWS account ${account} (${String(provider?.inputs.region ?? "?")})`;
    }
    if (cloud === "Azure") return "Azure";
    return "In the deployment engine (waits)";
}

function renderResource(r: PlannedResource, byUrn: ReadonlyMap<string, PlannedResource>): string[] {
    const flags = [
        r.protect ? "protected" : "",
        r.retainOnDelete ? "kept in the cloud when deleted" : "",
        r.ignoreChanges ? `ignores changes to ${r.ignoreChanges.join(", ")}` : "",
        r.deletedWith ? `deleted with ${byUrn.get(r.deletedWith)?.name ?? r.deletedWith}` : "",
        r.provider ? `provider ${byUrn.get(r.provider)?.name ?? r.provider}` : "",
    ].filter(Boolean);
    const action = r.importId ? `  = ${r.type}  ${r.name}  (imports ${r.importId})` : `  + ${r.type}  ${r.name}`;
    const lines = [`${action}${flags.length ? `  [${flags.join(", ")}]` : ""}`];
    for (const [key, value] of Object.entries(r.inputs).sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`      ${key}: ${renderValue(value, "        ")}`);
    }
    const waits = r.dependsOn.map((urn) => byUrn.get(urn)).filter((d): d is PlannedResource => d?.custom === true);
    if (waits.length > 0) lines.push(`      (waits for: ${waits.map((d) => d.name).join(", ")})`);
    return lines;
}

/** Each warning as a paragraph of its own. */
const warningLines = (warnings: readonly string[]) => warnings.flatMap((warning) => [`Warning: ${warning}`, ""]);

export function planToText(plan: Plan): string {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const custom = plan.resources.filter((r) => r.custom);
    const groups = new Map<string, PlannedResource[]>();
    for (const r of custom) {
        const target = targetOf(r, byUrn);
        groups.set(target, [...(groups.get(target) ?? []), r]);
    }
    const counts = [...groups].map(([target, rs]) => `${target}: ${rs.length}`).join("; ");
    const imports = custom.filter((r) => r.importId).length;
    const what = imports ? `${custom.length - imports} resources to create, ${imports} to import` : `${custom.length} resources to create`;
    const out = [`Plan for stack "${plan.stack}": ${what} (${counts})`, ""];
    out.push(...warningLines(plan.warnings));
    if (plan.estimate) out.push(estimateToText(plan.estimate));

    for (const lookup of plan.lookups) out.push(`Reads, never changes: ${lookup.name} (${lookup.token})`, "");
    out.push(...detectionsToText(detectionsOf(plan.resources)));
    for (const [target, resources] of groups) {
        out.push(target);
        for (const r of resources) out.push(...renderResource(r, byUrn));
        out.push("");
    }

    out.push("Links between the clouds (output -> input):");
    for (const link of crossCloudLinks(plan)) {
        out.push(`  ${link.fromCloud} ${link.from} = ${link.value}`, `    -> ${link.toCloud} ${link.to}`);
    }
    out.push("", "Stack outputs:");
    for (const [key, value] of Object.entries(plan.outputs)) out.push(`  ${key}: ${renderValue(value, "    ")}`);

    out.push("", "Placeholders: values only the clouds know, made up here from the names in the config, shaped like the real ones:");
    for (const p of plan.placeholders) out.push(`  ${p.resource}.${p.property} = ${p.value}  (${p.meaning})`);
    return `${out.join("\n")}\n`;
}

/** The diff as JSON: resources added and removed, and per changed resource its changed inputs; warnings as the plan's JSON has them. */
export function diffToJson(stack: string, diff: PlanDiff, warnings: readonly string[] = []) {
    const brief = (r: SnapshotResource) => ({ type: r.type, name: r.name, urn: r.urn });
    return {
        stack,
        against: diff.against,
        added: diff.added.map((r) => ({ ...brief(r), ...(r.import ? { import: r.import } : {}) })),
        removed: diff.removed.map(brief),
        changed: diff.changed.map((c) => ({ ...brief(c.head), changes: c.changes })),
        unchanged: diff.unchanged,
        ...(warnings.length > 0 ? { warnings } : {}),
    };
}

export function diffSummary(diff: PlanDiff): string {
    const imports = diff.added.filter((r) => r.import).length;
    const adds = imports ? `${diff.added.length - imports} to add, ${imports} to import` : `${diff.added.length} to add`;
    return `${adds}, ${diff.changed.length} to change, ${diff.removed.length} to remove, ${diff.unchanged} unchanged`;
}

/** After an input the engine leaves alone on the deployed resource (its ignoreChanges covers the change). */
export const IGNORED_NOTE = "  (ignored: ignoreChanges keeps the deployed value)";

export function diffToText(stack: string, diff: PlanDiff, warnings: readonly string[] = []): string {
    const out = [`Plan for stack "${stack}" against ${diff.against}: ${diffSummary(diff)}`, ""];
    out.push(...warningLines(warnings));
    for (const r of diff.added) out.push(r.import ? `  = ${r.type}  ${r.name}  (imports ${r.import})` : `  + ${r.type}  ${r.name}`);
    for (const r of diff.removed) out.push(`  - ${r.type}  ${r.name}`);
    for (const c of diff.changed) {
        out.push(`  ~ ${c.head.type}  ${c.head.name}`);
        for (const [key, { before, after, ignored }] of Object.entries(c.changes)) {
            out.push(
                `      ${key}:${ignored ? IGNORED_NOTE : ""}`,
                `        before: ${renderValue(before, "          ")}`,
                `        after:  ${renderValue(after, "          ")}`,
            );
        }
    }
    return `${out.join("\n")}\n`;
}
