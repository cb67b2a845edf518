// Runs the policy pack's rules (policy/) on a recorded plan the way the Pulumi engine would
// hand them resources, without the Pulumi CLI: resource rules get each resource's inputs,
// options and provider; stack rules get every resource's outputs, with dependencies per
// property. `npm run plan -- --check-policy` uses it, so that pull requests from forks,
// which get no preview against the clouds, still get the pack's verdict; the tests use it
// to try each rule.
import type { Policy, PolicyResource, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { policies } from "../../policy/policies";
import type { Plan, PlannedResource } from "./record";

export interface Violation {
    readonly policy: string;
    readonly enforcementLevel: string;
    readonly resource?: string;
    readonly message: string;
}

/** Per policy name, its config (the engine fills in the schema's defaults first). */
export type PackConfig = Record<string, Record<string, unknown>>;

function configOf(policy: Policy, config: PackConfig): Record<string, unknown> {
    const defaults = Object.fromEntries(
        Object.entries(policy.configSchema?.properties ?? {}).flatMap(([key, schema]) =>
            typeof schema === "object" && schema !== null && "default" in schema ? [[key, schema.default]] : [],
        ),
    );
    return { ...defaults, ...config[policy.name] };
}

const typeCheck = (type: string) => ({
    isType: (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType === type,
    asType: () => undefined,
});

function options(r: PlannedResource) {
    return {
        protect: r.protect,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        parent: r.parent,
    };
}

function stackResources(plan: Plan): PolicyResource[] {
    const custom = plan.resources.filter((r) => r.custom);
    const byUrn = new Map<string, PolicyResource>();
    for (const r of custom) {
        byUrn.set(r.urn, { type: r.type, props: r.outputs, urn: r.urn, name: r.name, opts: options(r), dependencies: [], propertyDependencies: {}, ...typeCheck(r.type) } as PolicyResource);
    }
    const resolve = (urns: readonly string[]) => urns.flatMap((u) => (byUrn.has(u) ? [byUrn.get(u)!] : []));
    for (const r of custom) {
        const resource = byUrn.get(r.urn)!;
        resource.dependencies = resolve(r.dependsOn);
        resource.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, urns]) => [k, resolve(urns)]));
    }
    return [...byUrn.values()];
}

/** Every violation the pack reports for the plan, in the pack's order of rules. */
export async function evaluate(plan: Plan, config: PackConfig = {}): Promise<Violation[]> {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const violations: Violation[] = [];
    for (const policy of policies) {
        const report = (resource?: string) => (message: string, urn?: string) =>
            violations.push({ policy: policy.name, enforcementLevel: policy.enforcementLevel ?? "advisory", resource: urn ? byUrn.get(urn)?.name : resource, message });
        const getConfig = <T extends object>() => configOf(policy, config) as T;
        const notApplicable = (reason?: string): never => {
            throw new Error(`not applicable: ${reason}`);
        };

        if ("validateResource" in policy && policy.validateResource) {
            for (const r of plan.resources.filter((x) => x.custom)) {
                const provider = r.provider ? byUrn.get(r.provider) : undefined;
                const args: ResourceValidationArgs = {
                    type: r.type,
                    props: r.inputs,
                    urn: r.urn,
                    name: r.name,
                    opts: options(r),
                    provider: provider && { type: provider.type, props: provider.inputs, urn: provider.urn, name: provider.name },
                    stackTags: new Map(),
                    getConfig,
                    notApplicable,
                    ...typeCheck(r.type),
                } as ResourceValidationArgs;
                for (const validate of [policy.validateResource].flat()) await validate(args, report(r.name));
            }
        }
        if ("validateStack" in policy && policy.validateStack) {
            const args: StackValidationArgs = { resources: stackResources(plan), stackTags: new Map(), getConfig, notApplicable };
            await policy.validateStack(args, report());
        }
    }
    return violations;
}

/** The pack's verdict for people: every violation with its rule, level and resource. */
export function violationsToText(violations: readonly Violation[]): string {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const head = `Policy pack (policy/, ${policies.length} rules): ${mandatory} mandatory and ${violations.length - mandatory} advisory violations`;
    const lines = violations.map((v) => `  [${v.enforcementLevel}] ${v.policy}${v.resource ? ` (${v.resource})` : ""}: ${v.message}`);
    return `${[head, ...lines].join("\n")}\n`;
}
