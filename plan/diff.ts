// What a pull request changes: the plan of the head compared with a plan saved from the
// base branch (`npm run -s plan -- --json`), resource by resource, by URN.
import { z } from "zod";
import { CONTROL, InputFileError, MAX_NESTING, shown } from "./inputFile";
import { readJsonFile } from "./jsonFile";

/** One resource as `--json` prints it; what a saved plan keeps. */
export interface SnapshotResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** False for components; absent in plans saved before the field existed. */
    readonly custom?: boolean;
    readonly provider?: string;
    readonly protect: boolean;
    /** The ID the engine imports the resource by, when it is adopted rather than created. */
    readonly import?: string;
    readonly retainOnDelete?: boolean;
    readonly ignoreChanges?: readonly string[];
    readonly deletedWith?: string;
    /** URNs it had under another parent, which its aliases hand over to it. */
    readonly movedFrom?: readonly string[];
    readonly inputs: Record<string, unknown>;
}

export interface PlanSnapshot {
    readonly stack: string;
    readonly resources: readonly SnapshotResource[];
    /** The saved plan's estimate, read by plan/estimate when the comment shows what changed. */
    readonly estimate?: unknown;
}

export interface InputChange {
    readonly before: unknown;
    readonly after: unknown;
    /** The head's `ignoreChanges` covers all of it: on the deployed resource the engine keeps the value it has. */
    readonly ignored?: true;
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
    /** The base plan's estimate, if it was saved with one. */
    readonly baseEstimate?: unknown;
}

/**
 * Inputs keep every key, `constructor` and `__proto__` included (z.record drops
 * `__proto__`), in an object without a prototype, so that no key reads an inherited value.
 */
const inputsSchema = z
    .custom<Record<string, unknown>>((v) => typeof v === "object" && v !== null && !Array.isArray(v), "must be an object of inputs")
    .transform((inputs): Record<string, unknown> => Object.assign(Object.create(null), inputs));

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
            import: z.string().optional(),
            retainOnDelete: z.boolean().optional(),
            ignoreChanges: z.array(z.string()).optional(),
            deletedWith: z.string().optional(),
            movedFrom: z.array(z.string()).optional(),
            inputs: inputsSchema,
        }),
    ),
    estimate: z.unknown().optional(),
});

/** `resources[3].inputs.tags`, escaped. */
const place = (path: readonly (string | number)[]) =>
    shown(
        path
            .map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`))
            .join("")
            .replace(/^\./, "") || "top level",
    );

/**
 * Why a parsed base plan cannot be one this tool saved, or undefined. Values are checked as
 * they will be compared and shown: JSON text parsed (see `readable`). The recursion stops at
 * MAX_NESTING, which also bounds how far a shown value is indented. `path` is where `value`
 * stands, extended and restored in place: a plan may hold millions of values.
 */
function unsavedReason(value: unknown, path: (string | number)[] = []): string | undefined {
    if (path.length > MAX_NESTING) return `${place(path)} is nested more than ${MAX_NESTING} levels deep`;
    if (typeof value === "string") {
        if (CONTROL.test(value)) return `${place(path)} holds a control character`;
        const parsed = readable(value);
        if (parsed === value) return undefined;
        path.push("(JSON text)");
        const reason = unsavedReason(parsed, path);
        path.pop();
        return reason;
    }
    if (typeof value !== "object" || value === null) return undefined;
    const items = value as Record<string | number, unknown>;
    for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
        if (typeof key === "string" && CONTROL.test(key)) return `a key in ${place(path)} holds a control character`;
        path.push(key);
        const reason = unsavedReason(items[key], path);
        path.pop();
        if (reason) return reason;
    }
    return undefined;
}

/** Reads a plan saved with `--json`; a file that is not one is an InputFileError (exit 2). */
export function readPlanSnapshot(file: string): PlanSnapshot {
    // Inputs named __proto__ are compared like any other (see inputsSchema).
    const json = readJsonFile(
        file,
        `--diff-against: ${shown(file)}`,
        "save the base plan with `npm run -s plan -- --json > base.json`; without -s, npm's banner lands in the file",
        { allowProtoKey: true },
    );
    const reason = unsavedReason(json);
    if (reason) throw new InputFileError(`--diff-against: ${shown(file)} is not a saved plan: ${reason}`);
    const parsed = snapshotSchema.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InputFileError(`--diff-against: ${shown(file)} is not a saved plan (${place(issue.path as (string | number)[])}: ${shown(issue.message)})`);
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

/** Sets `path` of a copy of `value` (made of JSON) to undefined, where the path exists. */
function withoutPath(value: unknown, path: readonly string[]): unknown {
    if (path.length === 0 || typeof value !== "object" || value === null || Array.isArray(value)) return path.length === 0 ? undefined : value;
    const [key, ...rest] = path;
    if (!Object.hasOwn(value, key)) return value;
    return Object.assign(Object.create(null), value, { [key]: withoutPath((value as Record<string, unknown>)[key], rest) });
}

/**
 * Whether `ignoreChanges` (the engine's dotted property paths) covers every difference of
 * input `key`. Paths of another form (brackets, wildcards) are not read: such a change is
 * shown as one the engine makes, which errs on the side a reviewer looks at.
 */
function ignoredByEngine(key: string, before: unknown, after: unknown, ignoreChanges: readonly string[]): boolean {
    const paths = ignoreChanges.filter((p) => p === key || p.startsWith(`${key}.`)).map((p) => p.split(".").slice(1));
    if (paths.length === 0) return false;
    const strip = (value: unknown) => paths.reduce((v, p) => withoutPath(v, p), readable(value));
    return canonical(strip(before)) === canonical(strip(after));
}

function changesBetween(base: SnapshotResource, head: SnapshotResource): Record<string, InputChange> {
    // Maps and a prototype-less result: an input named `constructor` or `__proto__` is an input like any other.
    const before = new Map(Object.entries(base.inputs));
    const after = new Map(Object.entries(head.inputs));
    const changes: Record<string, InputChange> = Object.create(null);
    for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
        if (canonical(before.get(key)) === canonical(after.get(key))) continue;
        const ignored = ignoredByEngine(key, before.get(key), after.get(key), head.ignoreChanges ?? []);
        changes[key] = { before: before.get(key), after: after.get(key), ...(ignored ? { ignored } : {}) };
    }
    // Options the engine acts on when it deletes or updates, compared as it sees them.
    if (base.protect !== head.protect) changes.protect = { before: base.protect, after: head.protect };
    if (Boolean(base.retainOnDelete) !== Boolean(head.retainOnDelete))
        changes.retainOnDelete = { before: Boolean(base.retainOnDelete), after: Boolean(head.retainOnDelete) };
    if (canonical(base.ignoreChanges ?? []) !== canonical(head.ignoreChanges ?? []))
        changes.ignoreChanges = { before: base.ignoreChanges ?? [], after: head.ignoreChanges ?? [] };
    if (base.deletedWith !== head.deletedWith) changes.deletedWith = { before: base.deletedWith, after: head.deletedWith };
    return changes;
}

/** Components group resources and hold no cloud state: they are not compared. */
const isCustom = (r: SnapshotResource) => r.custom !== false;

export function diffPlans(base: PlanSnapshot, head: PlanSnapshot, against: string): PlanDiff {
    const baseByUrn = new Map(base.resources.filter(isCustom).map((r) => [r.urn, r]));
    const headResources = head.resources.filter(isCustom);
    // A resource is the base's under its URN, or under a URN its aliases move it from, as the engine matches them.
    const baseOf = (r: SnapshotResource) => [r.urn, ...(r.movedFrom ?? [])].map((urn) => baseByUrn.get(urn)).find((b) => b !== undefined);
    const matched = new Set<string>();
    const changed: ResourceChange[] = [];
    const added: SnapshotResource[] = [];
    let unchanged = 0;
    for (const r of headResources) {
        const before = baseOf(r);
        if (!before) {
            added.push(r);
            continue;
        }
        matched.add(before.urn);
        const changes = changesBetween(before, r);
        if (before.urn !== r.urn) changes.urn = { before: before.urn, after: r.urn };
        if (Object.keys(changes).length > 0) changed.push({ base: before, head: r, changes });
        else unchanged++;
    }
    return { against, added, removed: [...baseByUrn.values()].filter((r) => !matched.has(r.urn)), changed, unchanged, baseEstimate: base.estimate };
}
