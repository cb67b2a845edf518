// Which output of one cloud feeds which input of the other: found by following the values
// themselves, so the plan shows the wiring the program really made.
import { Provider } from "@pulumi/aws/provider";
import * as pulumi from "@pulumi/pulumi";
import { typeToken } from "../src/facts";
import type { Plan, PlannedResource } from "./record";

export type Cloud = "Azure" | "AWS";

export const AWS_PROVIDER_TYPE = typeToken(Provider);

export function cloudOf(type: string): Cloud | undefined {
    if (type.startsWith("azure-native:")) return "Azure";
    if (type.startsWith("aws:") || type === AWS_PROVIDER_TYPE) return "AWS";
    return undefined;
}

export interface CrossCloudLink {
    /** `resource.output`, e.g. `sentinel-dev.customerId`. */
    readonly from: string;
    readonly fromCloud: Cloud;
    readonly value: string;
    /** `resource.input`, e.g. `audit-sentinel-role.assumeRolePolicy`. */
    readonly to: string;
    readonly toCloud: Cloud;
}

/** Values shorter than this (names like "dev") would match by coincidence. */
const MIN_LINK_VALUE_LENGTH = 12;

interface Source {
    readonly name: string;
    readonly cloud: Cloud;
    readonly outputs: Readonly<Record<string, unknown>>;
}

function sources(plan: Plan): Source[] {
    const fromResources = plan.resources.flatMap((r): Source[] => {
        const cloud = cloudOf(r.type);
        if (!r.custom || !cloud) return [];
        // Only what the cloud produced links the clouds; inputs echoed back are config.
        const produced = Object.fromEntries(Object.entries(r.outputs).filter(([key]) => !(key in r.inputs)));
        return [{ name: r.name, cloud, outputs: produced }];
    });
    const fromLookups = plan.lookups.flatMap((l): Source[] => {
        const cloud = cloudOf(l.token);
        return cloud ? [{ name: l.name, cloud, outputs: l.outputs }] : [];
    });
    return [...fromResources, ...fromLookups];
}

/** A value the plan cannot show yet: made from what the clouds assign on the first deployment. */
export const UNKNOWN_VALUE = "(known after deployment)";

/**
 * Inputs made from a resource of the other cloud without carrying any of its outputs: a
 * StackSet member's role ARN is built from the account ID once the stack instance that
 * creates the role is done. The SDK records that origin as a property dependency.
 */
function dependencyLinks(plan: Plan, targets: readonly PlannedResource[], linked: ReadonlySet<string>): CrossCloudLink[] {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    return targets.flatMap((target) =>
        Object.entries(target.propertyDependencies).flatMap(([input, urns]) => {
            const to = `${target.name}.${input}`;
            if (linked.has(to)) return [];
            const toCloud = cloudOf(target.type)!;
            const value = target.inputs[input];
            return urns.flatMap((urn): CrossCloudLink[] => {
                const source = byUrn.get(urn);
                const fromCloud = source && source.custom ? cloudOf(source.type) : undefined;
                if (!source || !fromCloud || fromCloud === toCloud) return [];
                return [{ from: source.name, fromCloud, value: typeof value === "string" && !pulumi.isUnknown(value) ? value : UNKNOWN_VALUE, to, toCloud }];
            });
        }),
    );
}

export function crossCloudLinks(plan: Plan): CrossCloudLink[] {
    const targets = plan.resources.filter((r): r is PlannedResource => r.custom && cloudOf(r.type) !== undefined);
    const links: CrossCloudLink[] = [];
    for (const source of sources(plan)) {
        for (const [output, value] of Object.entries(source.outputs)) {
            if (typeof value !== "string" || value.length < MIN_LINK_VALUE_LENGTH) continue;
            for (const target of targets) {
                const toCloud = cloudOf(target.type)!;
                if (toCloud === source.cloud) continue;
                for (const [input, inputValue] of Object.entries(target.inputs)) {
                    if (JSON.stringify(inputValue).includes(value)) {
                        links.push({ from: `${source.name}.${output}`, fromCloud: source.cloud, value, to: `${target.name}.${input}`, toCloud });
                    }
                }
            }
        }
    }
    // A queue's name is part of its URL: keep only the longest value one output carries into an input.
    const byValue = links.filter(
        (link) =>
            !links.some(
                (other) =>
                    other !== link &&
                    other.to === link.to &&
                    other.from.split(".")[0] === link.from.split(".")[0] &&
                    other.value.length > link.value.length &&
                    other.value.includes(link.value),
            ),
    );
    return [...byValue, ...dependencyLinks(plan, targets, new Set(byValue.map((l) => l.to)))];
}
