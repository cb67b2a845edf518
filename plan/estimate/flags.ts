// The estimate's flags of `npm run plan`: which state backend, how many steps at once, what
// volume of events. Checked here, each mistake a UsageError naming the flag and the value.
import { UsageError } from "../cliFlags";
import { BACKENDS, Backend, DEFAULT_PARALLEL, EstimateOptions } from "./index";

export const ESTIMATE_FLAGS = {
    backend: { type: "string" },
    parallel: { type: "string" },
    "events-per-month": { type: "string" },
} as const;

export const ESTIMATE_USAGE = `  --backend BACKEND       the state backend the deployment estimate assumes: cloud (Pulumi
                          Cloud saving whole snapshots; the default), cloud-journaling
                          (PULUMI_ENABLE_JOURNALING) or self-managed (a bucket backend)
  --parallel N            the engine's --parallel the estimate assumes (default ${DEFAULT_PARALLEL}:
                          Pulumi's 4 x GOMAXPROCS on GitHub's 4-CPU Linux runner)
  --events-per-month N    price the monthly cost for N CloudTrail events a month
                          (default: per million events)`;

const isBackend = (b: string): b is Backend => (BACKENDS as readonly string[]).includes(b);

function positiveInteger(flag: string, value: string | undefined, max: number): number | undefined {
    if (value === undefined) return undefined;
    if (!/^[1-9]\d*$/.test(value) || Number(value) > max) throw new UsageError(`--${flag}: ${JSON.stringify(value)} is not a whole number from 1 to ${max}`);
    return Number(value);
}

export function estimateFlags(values: { backend?: string; parallel?: string; "events-per-month"?: string }): EstimateOptions {
    const backend = values.backend ?? "cloud";
    if (!isBackend(backend)) throw new UsageError(`--backend: ${JSON.stringify(backend)} is not one of ${BACKENDS.join(", ")}`);
    const eventsPerMonth = positiveInteger("events-per-month", values["events-per-month"], 1e15);
    return {
        backend,
        parallel: positiveInteger("parallel", values.parallel, 100_000) ?? DEFAULT_PARALLEL,
        ...(eventsPerMonth !== undefined ? { eventsPerMonth } : {}),
    };
}
