// Runs a Pulumi program under the SDK's mock engine and records what it registers: each
// resource's inputs, the outputs the fake cloud answered, and the options the engine sees
// (parent, provider, protect, dependencies), so that nothing about the plan is guessed.
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../src";
import { FakeCloud, Lookup, Placeholder } from "./fakeCloud";
import type { Estimate } from "./estimate";

export interface PlannedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** False for components, which group resources and have no cloud state. */
    readonly custom: boolean;
    /** URN of the explicit provider, if any. */
    readonly provider?: string;
    /** URN of the parent component, if any. */
    readonly parent?: string;
    readonly protect: boolean;
    /** URNs this resource waits for: explicit `dependsOn` and every resource its inputs come from. */
    readonly dependsOn: readonly string[];
    /** Per input, the URNs of the resources its value comes from. */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    readonly inputs: Record<string, unknown>;
    readonly outputs: Record<string, unknown>;
    /** Version of the resource's package the SDK asked for: it names the default provider. */
    readonly version: string;
    /** Outputs the program asked the engine to keep secret. */
    readonly additionalSecretOutputs: readonly string[];
    /** The ID of an existing resource the engine imports instead of creating one. */
    readonly importId?: string;
    /** Left in the cloud when Pulumi deletes it. */
    readonly retainOnDelete?: true;
    /** Property paths whose changes the engine ignores. */
    readonly ignoreChanges?: readonly string[];
    /** URN of the resource whose deletion deletes this one too, so the engine skips it. */
    readonly deletedWith?: string;
    /** URNs it had under another parent, which its aliases hand over to it: moved, not replaced. */
    readonly movedFrom?: readonly string[];
}

export interface Plan {
    readonly stack: string;
    /** Recorded as a first preview sees it: values only the clouds assign are unknown. */
    readonly preview: boolean;
    readonly resources: readonly PlannedResource[];
    readonly outputs: Record<string, unknown>;
    readonly placeholders: readonly Placeholder[];
    /** Existing resources the program read rather than manages. */
    readonly lookups: readonly Lookup[];
    /** What the program logged as warnings: `pulumi up` prints them too. */
    readonly warnings: readonly string[];
    /** What a real deployment of it would take and cost (plan/estimate), added by the CLI. */
    readonly estimate?: Estimate;
}

// The engine's gRPC request and response, as far as they are read here.
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getCustom(): boolean;
    getParent(): string;
    getProvider(): string;
    getProtect(): boolean | undefined;
    getDependenciesList(): string[];
    getVersion(): string;
    getAdditionalsecretoutputsList(): string[];
    getImportid(): string;
    getRetainondelete(): boolean | undefined;
    getIgnorechangesList(): string[];
    getDeletedwith(): string;
    getAliasesList(): { getUrn(): string; getSpec(): AliasSpec | undefined }[];
    getPropertydependenciesMap(): { forEach(visit: (deps: { getUrnsList(): string[] }, input: string) => void): void };
    getObject(): unknown;
}
interface AliasSpec {
    getName(): string;
    getType(): string;
    getParenturn(): string;
    getNoparent(): boolean;
}
interface RegisterResponse {
    getUrn(): string;
    getObject(): unknown;
}
type Callback = (err: Error | null, res?: RegisterResponse) => void;
interface Monitor {
    registerResource(req: RegisterRequest, callback: Callback): void;
}

function propertyDependenciesOf(req: RegisterRequest): Record<string, string[]> {
    const byInput: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, input) => {
        byInput[input] = [...new Set(deps.getUrnsList())].sort();
    });
    return byInput;
}

/** An asset or archive as the engine gets it: the SDK's signature key, and the text or the assets it holds. */
interface SerializedAsset {
    readonly text?: string;
    readonly assets?: Readonly<Record<string, SerializedAsset>>;
}

/** What an asset or archive holds, as plain data: each text asset's size and hash, so that a changed file shows in a diff. */
function assetSummary(value: SerializedAsset): unknown {
    if (value.assets !== undefined) return { archive: Object.fromEntries(Object.entries(value.assets).map(([name, asset]) => [name, assetSummary(asset)])) };
    if (value.text !== undefined)
        return `${value.text.length} characters of text, sha256 ${createHash("sha256").update(value.text).digest("hex").slice(0, 12)}`;
    return "an asset of a file or URL";
}

/**
 * The properties as values: assets and archives (a function's code) summarised, since the SDK
 * turns them into objects that hold promises, which neither render nor copy.
 */
function propertiesOf(struct: unknown): Record<string, unknown> {
    const values = pulumi.runtime.deserializeProperties(struct as never) as Record<string, unknown>;
    const raw = (struct as { toJavaScript(): Record<string, SerializedAsset> }).toJavaScript();
    for (const [key, value] of Object.entries(values)) {
        if (pulumi.asset.Asset.isInstance(value) || pulumi.asset.Archive.isInstance(value)) values[key] = assetSummary(raw[key]!);
    }
    return values;
}

function recorded(req: RegisterRequest, res: RegisterResponse): PlannedResource {
    return {
        urn: res.getUrn(),
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        provider: providerUrnOf(req.getProvider()),
        parent: req.getParent() || undefined,
        protect: req.getProtect() ?? false,
        dependsOn: [...new Set(req.getDependenciesList())].sort(),
        propertyDependencies: propertyDependenciesOf(req),
        inputs: propertiesOf(req.getObject()),
        outputs: propertiesOf(res.getObject()),
        version: req.getVersion(),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        ...(req.getImportid() ? { importId: req.getImportid() } : {}),
        ...(req.getRetainondelete() ? { retainOnDelete: true as const } : {}),
        ...(req.getIgnorechangesList().length > 0 ? { ignoreChanges: req.getIgnorechangesList() } : {}),
        ...(req.getDeletedwith() ? { deletedWith: req.getDeletedwith() } : {}),
        ...movedFromOf(req, res.getUrn()),
    };
}

/**
 * The URNs its aliases name under another parent, as the engine computes them. Aliases to
 * other types under the same parent (the SDK classes carry hundreds, one per API version)
 * are not moves and are left out.
 */
function movedFromOf(req: RegisterRequest, urn: string): { movedFrom?: string[] } {
    const [prefix, , qualifiedType, name] = urn.split("::");
    const type = qualifiedType.split("$").pop()!;
    const movedFrom = req.getAliasesList().flatMap((alias) => {
        const spec = alias.getSpec();
        if (!spec) return alias.getUrn() ? [alias.getUrn()] : [];
        const parent = spec.getNoparent() ? "" : spec.getParenturn();
        if (parent === req.getParent()) return [];
        const parentType = parent ? `${parent.split("::")[2]}$` : "";
        return [`${prefix}::${urn.split("::")[1]}::${parentType}${spec.getType() || type}::${spec.getName() || name}`];
    });
    return movedFrom.length > 0 ? { movedFrom } : {};
}

const providerUrnOf = (ref: string) => (ref ? ref.slice(0, ref.lastIndexOf("::")) : undefined);

/**
 * The stack outputs with every Output resolved. In a preview some stay unknown, and `apply`
 * never runs on an unknown value, so this asks for the value with its unknowns marked (the
 * SDK's own `promise(withUnknowns)`, which the engine's stack outputs are made from).
 */
async function resolveDeep(value: unknown): Promise<Record<string, unknown>> {
    const output = pulumi.output(value as pulumi.Input<unknown>) as unknown as { promise(withUnknowns: boolean): Promise<Record<string, unknown>> };
    return output.promise(true);
}

/** What Pulumi's Node.js host does with the entry point's export: a function is called and awaited, the outputs resolved. */
async function outputsOf(program: () => unknown): Promise<Record<string, unknown>> {
    const exported = program();
    return resolveDeep(typeof exported === "function" ? await (exported as () => unknown)() : await exported);
}

/**
 * Replies arrive in whatever order inputs resolve; a plan must read the same every time.
 * Orders by depth in the dependency graph (what is created first comes first), then URN.
 */
function inDependencyOrder(resources: PlannedResource[]): PlannedResource[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const depth = new Map<string, number>();
    const depthOf = (r: PlannedResource): number => {
        const known = depth.get(r.urn);
        if (known !== undefined) return known;
        depth.set(r.urn, 0); // the engine forbids cycles; this only guards the recursion
        const parentDepth = r.parent && byUrn.has(r.parent) ? depthOf(byUrn.get(r.parent)!) + 1 : 0;
        const d = Math.max(parentDepth, ...r.dependsOn.map((u) => (byUrn.has(u) ? depthOf(byUrn.get(u)!) + 1 : 0)));
        depth.set(r.urn, d);
        return d;
    };
    return [...resources].sort((a, b) => depthOf(a) - depthOf(b) || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
}

/** Without an engine, the SDK prints a program's `pulumi.log.warn` with this prefix (`log/index.ts`). */
const MOCK_WARNING = /^warning: \[runtime\] /;

/** Collects the program's warnings while `run` runs, instead of letting the SDK print them. */
async function collectingWarnings<T>(warnings: string[], run: () => Promise<T>): Promise<T> {
    const print = console.warn;
    console.warn = (...args: unknown[]) => {
        const text = args.map(String).join(" ");
        if (MOCK_WARNING.test(text)) warnings.push(text.replace(MOCK_WARNING, ""));
        else print(...args);
    };
    try {
        return await run();
    } finally {
        console.warn = print;
    }
}

/** The program threw; `cause` is its error, unchanged. */
export class ProgramFailed extends Error {
    constructor(
        readonly cause: unknown,
        /** Resources the program had sent to the engine when it failed. */
        readonly registered: number,
    ) {
        super(cause instanceof Error ? cause.message : String(cause));
        this.name = "ProgramFailed";
    }
}

/**
 * Runs `program` (which registers resources and returns the stack outputs) against the
 * fake cloud with the given flat stack config, and returns everything it registered.
 * An error the program throws (bad config included) comes back as ProgramFailed.
 */
export async function recordPlan(
    stack: string,
    config: Readonly<Record<string, string>>,
    /** As the entry point's export: the outputs, or a function whose (awaited) result they are, as Pulumi takes either. */
    program: () => unknown,
    /** What the clouds answer; tests pass one that answers differently. */
    cloud: FakeCloud = new FakeCloud(),
    /** The Pulumi project the program belongs to: it namespaces `new pulumi.Config()`. */
    project: string = PROJECT,
): Promise<Plan> {
    await pulumi.runtime.setMocks(cloud, project, stack, cloud.preview);
    pulumi.runtime.setAllConfig({ ...config });

    const slots: (PlannedResource | undefined)[] = [];
    const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
        const slot = slots.push(undefined) - 1; // keep registration order, whatever order replies come in
        register(req, (err, res) => {
            if (err || !res) return callback(err, res);
            // A failure here must reach the program as an error: thrown, it would hang it.
            try {
                slots[slot] = recorded(req, res);
            } catch (recordErr) {
                return callback(recordErr as Error);
            }
            callback(null, res);
        });
    };

    // A failed registration rejects promises nobody awaits; catch it here, as the Pulumi
    // language host would, instead of letting it crash the process.
    let onUnhandled: (reason: unknown) => void = () => undefined;
    const unhandled = new Promise<never>((_, reject) => {
        onUnhandled = reject;
    });
    process.on("unhandledRejection", onUnhandled);
    let outputs: Record<string, unknown>;
    const warnings: string[] = [];
    try {
        outputs = await collectingWarnings(warnings, () => Promise.race([outputsOf(program), unhandled]));
    } catch (err) {
        // Let registrations already under way reach the monitor before counting them.
        await new Promise((resolve) => setImmediate(resolve));
        throw new ProgramFailed(err, slots.length);
    } finally {
        process.off("unhandledRejection", onUnhandled);
    }
    await pulumi.runtime.disconnect();
    const resources = inDependencyOrder(slots.filter((r): r is PlannedResource => r !== undefined));
    cloud.refuseUnmodelledReads(resources);
    return {
        stack,
        preview: cloud.preview,
        resources,
        outputs,
        placeholders: cloud.placeholders,
        lookups: cloud.lookups,
        warnings,
    };
}
