// Which output of one cloud feeds which input of the other: found by following the values
// themselves, so the plan shows the wiring the program really made.
import type { Plan, PlannedResource } from "./record";

export type Cloud = "Azure" | "AWS";

export function cloudOf(type: string): Cloud | undefined {
    if (type.startsWith("azure-native:")) return "Azure";
    if (type.startsWith("aws:") || type === "pulumi:providers:aws") return "AWS";
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
    return links.filter(
        (link) => !links.some((other) => other !== link && other.to === link.to && other.from.split(".")[0] === link.from.split(".")[0] && other.value.length > link.value.length && other.value.includes(link.value)),
    );
}
