// What a pull request changes: the plan of the head compared with a plan saved from the
// base branch (`npm run plan -- --json`), resource by resource, by URN.
import { z } from "zod";
import { InputFileError, readInputFile } from "./stackFile";

/** One resource as `--json` prints it; what a saved plan keeps. */
export interface SnapshotResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** False for components; absent in plans saved before the field existed. */
    readonly custom?: boolean;
    readonly provider?: string;
    readonly protect: boolean;
    readonly inputs: Record<string, unknown>;
}

export interface PlanSnapshot {
    readonly stack: string;
    readonly resources: readonly SnapshotResource[];
}

export interface InputChange {
    readonly before: unknown;
    readonly after: unknown;
}

export interface ResourceChange {
    readonly base: SnapshotResource;
    readonly head: SnapshotResource;
    /** Per changed input (and `protect`, as the engine sees it): the value before and after. */
    readonly changes: Readonly<Record<string, InputChange>>;
}

export interface PlanDiff {
    /** What the plan was compared with, as the user named it. */
    readonly against: string;
    readonly added: readonly SnapshotResource[];
    readonly removed: readonly SnapshotResource[];
    readonly changed: readonly ResourceChange[];
    readonly unchanged: number;
}

const snapshotSchema = z.object({
    stack: z.string(),
    resources: z.array(
        z.object({
            type: z.string(),
            name: z.string(),
            urn: z.string(),
            custom: z.boolean().optional(),
            provider: z.string().optional(),
            protect: z.boolean().default(false),
            inputs: z.record(z.string(), z.unknown()),
        }),
    ),
});

/** Reads a plan saved with `--json`; a file that is not one is an InputFileError (exit 2). */
export function readPlanSnapshot(file: string): PlanSnapshot {
    const text = readInputFile(file);
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch {
        throw new InputFileError(`--diff-against: ${file} is not JSON; save the base plan with \`npm run plan -- --json\``);
    }
    const parsed = snapshotSchema.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InputFileError(`--diff-against: ${file} is not a saved plan (${issue.path.join(".") || "top level"}: ${issue.message})`);
    }
    return parsed.data;
}

/** Provider inputs reach the engine as JSON text; compare and show them as values. */
export function readable(value: unknown): unknown {
    if (typeof value !== "string" || !/^[[{]/.test(value)) return value;
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}

/** JSON with object keys sorted, so that equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
    return JSON.stringify(readable(value), (_key, v: unknown) =>
        v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
    );
}

function changesBetween(base: SnapshotResource, head: SnapshotResource): Record<string, InputChange> {
    const changes: Record<string, InputChange> = {};
    const keys = [...new Set([...Object.keys(base.inputs), ...Object.keys(head.inputs)])].sort();
    for (const key of keys) {
        if (canonical(base.inputs[key]) !== canonical(head.inputs[key])) changes[key] = { before: base.inputs[key], after: head.inputs[key] };
    }
    if (base.protect !== head.protect) changes.protect = { before: base.protect, after: head.protect };
    return changes;
}

/** Components group resources and hold no cloud state: they are not compared. */
const isCustom = (r: SnapshotResource) => r.custom !== false;

export function diffPlans(base: PlanSnapshot, head: PlanSnapshot, against: string): PlanDiff {
    const baseByUrn = new Map(base.resources.filter(isCustom).map((r) => [r.urn, r]));
    const headResources = head.resources.filter(isCustom);
    const headUrns = new Set(headResources.map((r) => r.urn));
    const changed: ResourceChange[] = [];
    let unchanged = 0;
    for (const r of headResources) {
        const before = baseByUrn.get(r.urn);
        if (!before) continue;
        const changes = changesBetween(before, r);
        if (Object.keys(changes).length > 0) changed.push({ base: before, head: r, changes });
        else unchanged++;
    }
    return {
        against,
        added: headResources.filter((r) => !baseByUrn.has(r.urn)),
        removed: [...baseByUrn.values()].filter((r) => !headUrns.has(r.urn)),
        changed,
        unchanged,
    };
}
