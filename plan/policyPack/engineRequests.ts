// What the Pulumi engine sends a policy pack for a deployment, built from a recorded plan
// (pulumi/pulumi pkg/resource/deploy/step_generator.go and analyze_snapshot.go, v3.248):
// an Analyze request per resource with its inputs (custom resources, components, explicit
// and default providers, and the root stack), then one AnalyzeStack request with every
// resource's outputs, dependencies and per-property dependencies.
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pulumi from "@pulumi/pulumi";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { PROJECT } from "../../src";
import type { Plan, PlannedResource } from "../record";

/** A resource as the engine describes it to the pack. */
interface EngineResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
    readonly outputs: Record<string, unknown>;
    readonly parent?: string;
    readonly protect: boolean;
    readonly provider?: EngineResource;
    readonly dependsOn: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    readonly additionalSecretOutputs: readonly string[];
}

/** Values as the engine marshals them for analyzers: unknowns as its sentinel, undefined left out. */
function wire(value: unknown): unknown {
    if (pulumi.isUnknown(value)) return pulumi.runtime.unknownValue;
    if (Array.isArray(value)) return value.map(wire);
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, wire(v)]])));
    }
    return value;
}

const struct = (value: Record<string, unknown>) => Struct.fromJavaScript(wire(value) as Record<string, never>);

/** The URN of a resource the engine adds itself. */
const urnOf = (stack: string, type: string, name: string) => `urn:pulumi:${stack}::${PROJECT}::${type}::${name}`;

/** The package a resource type belongs to (`aws:iam/role:Role` → `aws`). */
const packageOf = (type: string) => type.split(":")[0];

/**
 * Every resource the engine knows of for this plan: the root stack (parent of every
 * top-level resource), the recorded ones, and a default provider for each package whose
 * resources name no provider, configured from the stack config of that package.
 */
function engineResources(plan: Plan, config: Readonly<Record<string, string>>): EngineResource[] {
    const rootName = `${PROJECT}-${plan.stack}`;
    const root: EngineResource = {
        urn: urnOf(plan.stack, pulumi.runtime.rootPulumiStackTypeName, rootName),
        type: pulumi.runtime.rootPulumiStackTypeName,
        name: rootName,
        inputs: {},
        outputs: plan.outputs,
        protect: false,
        dependsOn: [],
        propertyDependencies: {},
        additionalSecretOutputs: [],
    };

    const defaults = new Map<string, EngineResource>();
    const defaultProvider = (r: PlannedResource): EngineResource => {
        const pkg = packageOf(r.type);
        const name = `default_${r.version.replace(/[.-]/g, "_")}`;
        const key = `${pkg}::${name}`;
        if (!defaults.has(key)) {
            const settings = Object.fromEntries(Object.entries(config).flatMap(([k, v]) => (k.startsWith(`${pkg}:`) ? [[k.slice(pkg.length + 1), v]] : [])));
            const inputs = { ...settings, version: r.version };
            defaults.set(key, {
                urn: urnOf(plan.stack, `pulumi:providers:${pkg}`, name),
                type: `pulumi:providers:${pkg}`,
                name,
                inputs,
                outputs: inputs,
                protect: false,
                dependsOn: [],
                propertyDependencies: {},
                additionalSecretOutputs: [],
            });
        }
        return defaults.get(key)!;
    };

    const byUrn = new Map<string, EngineResource>();
    const recorded = plan.resources.map((r): EngineResource => {
        const isProvider = r.type.startsWith("pulumi:providers:");
        const resource: EngineResource = {
            ...r,
            parent: r.parent ?? root.urn,
            provider: r.custom && !isProvider ? (r.provider ? byUrn.get(r.provider) : defaultProvider(r)) : undefined,
        };
        byUrn.set(r.urn, resource);
        return resource;
    });
    return [root, ...defaults.values(), ...recorded];
}

function options(r: EngineResource): analyzerProto.AnalyzerResourceOptions {
    const opts = new analyzerProto.AnalyzerResourceOptions();
    opts.setProtect(r.protect);
    opts.setAdditionalsecretoutputsList([...r.additionalSecretOutputs]);
    opts.setCustomtimeouts(new analyzerProto.AnalyzerResourceOptions.CustomTimeouts());
    if (r.parent) opts.setParent(r.parent);
    return opts;
}

function provider(r: EngineResource): analyzerProto.AnalyzerProviderResource | undefined {
    if (!r.provider) return undefined;
    const p = new analyzerProto.AnalyzerProviderResource();
    p.setUrn(r.provider.urn);
    p.setType(r.provider.type);
    p.setName(r.provider.name);
    p.setProperties(struct(r.provider.inputs));
    return p;
}

export interface EngineRequests {
    /** One per resource, in the order the engine registers them. */
    readonly analyze: readonly analyzerProto.AnalyzeRequest[];
    readonly analyzeStack: analyzerProto.AnalyzeStackRequest;
    /** Resource names by URN, for reporting. */
    readonly names: ReadonlyMap<string, string>;
}

/** The fields an Analyze request and a resource of an AnalyzeStack request share. */
interface Described {
    setUrn(value: string): unknown;
    setType(value: string): unknown;
    setName(value: string): unknown;
    setProperties(value?: Struct): unknown;
    setOptions(value?: analyzerProto.AnalyzerResourceOptions): unknown;
    setProvider(value?: analyzerProto.AnalyzerProviderResource): unknown;
}

function describe<T extends Described>(message: T, r: EngineResource, properties: Record<string, unknown>): T {
    message.setUrn(r.urn);
    message.setType(r.type);
    message.setName(r.name);
    message.setProperties(struct(properties));
    message.setOptions(options(r));
    message.setProvider(provider(r));
    return message;
}

/** The requests the engine makes of a policy pack for `plan`, given the stack's flat config. */
export function engineRequests(plan: Plan, config: Readonly<Record<string, string>>): EngineRequests {
    const resources = engineResources(plan, config);
    const analyze = resources.map((r) => describe(new analyzerProto.AnalyzeRequest(), r, r.inputs));
    const analyzeStack = new analyzerProto.AnalyzeStackRequest();
    analyzeStack.setResourcesList(
        resources.map((r) => {
            const res = describe(new analyzerProto.AnalyzerResource(), r, r.outputs);
            if (r.parent) res.setParent(r.parent);
            res.setDependenciesList([...r.dependsOn]);
            const deps = res.getPropertydependenciesMap();
            for (const [input, urns] of Object.entries(r.propertyDependencies)) {
                if (urns.length === 0) continue;
                const d = new analyzerProto.AnalyzerPropertyDependencies();
                d.setUrnsList([...urns]);
                deps.set(input, d);
            }
            return res;
        }),
    );
    return { analyze, analyzeStack, names: new Map(resources.map((r) => [r.urn, r.name])) };
}
