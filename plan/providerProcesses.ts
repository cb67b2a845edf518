// How many provider plugin processes a real `pulumi up` of a plan starts: one per explicit
// provider resource, and one per default provider (a package and version used by some
// resource that names no provider). The mock engine starts none, so it cannot show this
// cost; the engine's does (see AWS_PROVIDER_PROCESS_MB).
import type { PlannedResource } from "./record";

const PROVIDER_TYPE = /^pulumi:providers:(.+)$/;

/** Provider processes per package (`aws`, `azure-native`, `time`). */
export function providerProcesses(resources: readonly PlannedResource[]): Record<string, number> {
    const explicit = resources.flatMap((r) => PROVIDER_TYPE.exec(r.type)?.[1] ?? []);
    const defaults = new Set(
        resources.filter((r) => r.custom && !r.provider && !PROVIDER_TYPE.test(r.type)).map((r) => `${r.type.split(":")[0]}@${r.version}`),
    );
    const counts: Record<string, number> = {};
    for (const pkg of [...explicit, ...[...defaults].map((d) => d.split("@")[0])]) counts[pkg] = (counts[pkg] ?? 0) + 1;
    return counts;
}
