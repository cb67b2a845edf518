// The wall time of a real first `pulumi up` and of the daily no-change run (with --refresh, as
// the deploy workflow runs it), split by cause. Each cause is a range from the constants; the
// whole is at least the slowest cause (everything else overlapping it) and at most their sum
// (nothing overlapping). An estimate: nothing here was timed.
import {
    ARM_CREATE_SECONDS,
    ARM_READS,
    ARM_WRITES,
    AWS_CREATE_SECONDS,
    AZURE_NATIVE_WRITES_PER_CREATE,
    JOURNALING_BENCHMARK,
    PARALLEL_PER_GOMAXPROCS,
    Range,
    REFRESH_READ_SECONDS,
    RUNNER_CPUS,
    SAVES_PER_CREATE,
    SAVES_PER_REFRESH,
    SELF_MANAGED_SAVE_SECONDS,
    Sourced,
    STACKSET_RULES,
    STACKSET_WAVE_MINUTES,
} from "./constants";
import type { DeploymentShape, StackSetOperation } from "./shape";

export const BACKENDS = ["cloud", "cloud-journaling", "self-managed"] as const;
export type Backend = (typeof BACKENDS)[number];

export interface TimeOptions {
    readonly backend: Backend;
    /** The engine's `--parallel`. */
    readonly parallel: number;
}

/** Pulumi's default `--parallel` on the deploy workflow's runner: 4 × GOMAXPROCS, GOMAXPROCS = its CPUs. */
export const DEFAULT_PARALLEL = PARALLEL_PER_GOMAXPROCS.value * RUNNER_CPUS.value;

export interface Part {
    readonly cause: "stackSets" | "armWrites" | "awsResources" | "checkpoints" | "refreshReads";
    readonly minutes: Range;
    /** What the range is made of, in one line. */
    readonly detail: string;
}

export interface Assumption {
    readonly name: string;
    readonly value: number | Range | string;
    readonly unit: string;
    readonly source: string;
    readonly read: string;
    readonly assumption?: true;
}

export interface RunEstimate {
    readonly minutes: Range;
    readonly parts: readonly Part[];
    readonly bottleneck: string;
    readonly assumptions: readonly Assumption[];
}

const used = (name: string, c: Sourced): Assumption => ({ name, ...c });
const range = (low: number, high: number): Range => ({ low, high });
const minutes = (seconds: Range): Range => range(seconds.low / 60, seconds.high / 60);
const round = (n: number) => Math.round(n * 10) / 10;
const rounded = (r: Range): Range => range(round(r.low), round(r.high));

/** Seconds a token bucket makes `requests` wait beyond its burst. */
const throttled = (requests: number, bucket: { burst: Sourced<number>; perSecond: Sourced<number> }) =>
    Math.max(0, requests - bucket.burst.value) / bucket.perSecond.value;

/** Per state save on Pulumi Cloud, from the journaling benchmark: what journaling saved, per save. */
const BENCH_SAVES = JOURNALING_BENCHMARK.resources.value * SAVES_PER_CREATE.value;
export const CLOUD_SNAPSHOT_SECONDS_PER_SAVE = (JOURNALING_BENCHMARK.snapshotSeconds.value - JOURNALING_BENCHMARK.journalSeconds.value) / BENCH_SAVES;
/** With journaling the whole benchmark took this per save: an upper bound of what a journal entry costs. */
export const CLOUD_JOURNAL_SECONDS_PER_SAVE = JOURNALING_BENCHMARK.journalSeconds.value / BENCH_SAVES;

/**
 * Seconds of state saves. `saves` saves in a state of `stateSize` resources (growing from 0 on a
 * first deploy). Full snapshots cost a constant per save (low) or in proportion to the state's
 * size (high, scaled from the benchmark's average state of half its resources); the benchmark
 * gives one size, not how cost grows, so both are kept.
 */
function checkpointSeconds(backend: Backend, saves: number, stateSize: number, growing: boolean, parallel: number): Range {
    if (backend === "self-managed") return range(saves * SELF_MANAGED_SAVE_SECONDS.value.low, saves * SELF_MANAGED_SAVE_SECONDS.value.high);
    if (backend === "cloud-journaling") {
        const serial = saves * CLOUD_JOURNAL_SECONDS_PER_SAVE;
        return range(serial / parallel, serial);
    }
    const constant = saves * CLOUD_SNAPSHOT_SECONDS_PER_SAVE;
    const averageState = growing ? stateSize / 2 : stateSize;
    const proportional = constant * (averageState / (JOURNALING_BENCHMARK.resources.value / 2));
    return range(Math.min(constant, proportional), Math.max(constant, proportional));
}

function checkpointAssumptions(backend: Backend, refresh: boolean): Assumption[] {
    const saves = refresh ? used("savesPerRefresh", SAVES_PER_REFRESH) : used("savesPerCreate", SAVES_PER_CREATE);
    if (backend === "self-managed") return [saves, used("selfManagedSaveSeconds", SELF_MANAGED_SAVE_SECONDS)];
    return [
        saves,
        used("journalingBenchmarkResources", JOURNALING_BENCHMARK.resources),
        used(
            backend === "cloud" ? "journalingBenchmarkSnapshotSeconds" : "journalingBenchmarkJournalSeconds",
            JOURNALING_BENCHMARK[backend === "cloud" ? "snapshotSeconds" : "journalSeconds"],
        ),
        ...(backend === "cloud" ? [used("journalingBenchmarkJournalSeconds", JOURNALING_BENCHMARK.journalSeconds)] : []),
    ];
}

const BACKEND_WORDS: Record<Backend, string> = {
    cloud: "Pulumi Cloud saving the whole state",
    "cloud-journaling": "Pulumi Cloud with journaling",
    "self-managed": "a self-managed bucket backend",
};

/** A StackSet's operations run one after another (STACKSET_RULES.queue); different StackSets side by side. */
function stackSetPart(operations: readonly StackSetOperation[]): Part | undefined {
    if (operations.length === 0) return undefined;
    const byStackSet = new Map<string, StackSetOperation[]>();
    for (const op of operations) byStackSet.set(op.stackSet, [...(byStackSet.get(op.stackSet) ?? []), op]);
    let slowest: { minutes: Range; detail: string } | undefined;
    for (const [stackSet, ops] of byStackSet) {
        const waves = ops.reduce((n, op) => n + op.waves, 0);
        // The last operation's IAM wait is the only one nothing else overlaps.
        const lastWait = (ops[ops.length - 1]?.waitSeconds ?? 0) / 60;
        const m = range(waves * STACKSET_WAVE_MINUTES.value.low + lastWait, waves * STACKSET_WAVE_MINUTES.value.high + lastWait);
        const chained = ops.some((op) => op.chainedAfter.length > 0);
        const modes = [...new Set(ops.map((op) => (op.mode === "SOFT_FAILURE_TOLERANCE" ? "SOFT" : "STRICT")))].join("/");
        const sizes = [...new Set(ops.map((op) => `${op.accounts} accounts at ${op.concurrency}`))].join(", ");
        const detail = `${ops.length} operation${ops.length === 1 ? "" : "s"} on StackSet ${stackSet}, one after another (${chained ? "chained by dependsOn and " : ""}queued by CloudFormation), ${modes}: ${sizes} at once, ${waves} waves of ${STACKSET_WAVE_MINUTES.value.low}-${STACKSET_WAVE_MINUTES.value.high} min (assumed)`;
        if (!slowest || m.high > slowest.minutes.high) slowest = { minutes: m, detail };
    }
    return { cause: "stackSets", ...slowest! };
}

function combine(parts: readonly Part[]): Range {
    return range(
        Math.max(0, ...parts.map((p) => p.minutes.low)),
        parts.reduce((n, p) => n + p.minutes.high, 0),
    );
}

const CAUSE_WORDS: Record<Part["cause"], string> = {
    stackSets: "The StackSet operations",
    armWrites: "Azure Resource Manager writes",
    awsResources: "AWS resources and waits",
    checkpoints: "Engine checkpoints",
    refreshReads: "Refresh reads",
};

function bottleneckOf(parts: readonly Part[]): string {
    if (parts.length === 0) return "Nothing to do.";
    const top = parts.reduce((a, b) => (b.minutes.high > a.minutes.high ? b : a));
    return `${CAUSE_WORDS[top.cause]} are the bottleneck (${round(top.minutes.low)}-${round(top.minutes.high)} min): ${top.detail}.`;
}

/** The first `pulumi up` of the shape. */
export function firstDeployTime(shape: DeploymentShape, options: TimeOptions): RunEstimate {
    const p = options.parallel;
    const parts: Part[] = [];
    const stackSets = stackSetPart(shape.stackSetOperations);
    if (stackSets) parts.push(stackSets);
    if (shape.azureCreates > 0) {
        const writes = shape.azureCreates * AZURE_NATIVE_WRITES_PER_CREATE.value;
        const floor = throttled(writes, ARM_WRITES);
        parts.push({
            cause: "armWrites",
            minutes: minutes(
                range(Math.max(floor, (writes * ARM_CREATE_SECONDS.value.low) / p), Math.max(floor, (writes * ARM_CREATE_SECONDS.value.high) / p)),
            ),
            detail: `${writes} Azure resources, a GET and a PUT each; ARM refills ${ARM_WRITES.perSecond.value} writes a second after a burst of ${ARM_WRITES.burst.value} (at least ${round(floor / 60)} min), ${p} at a time`,
        });
    }
    const waits = shape.otherWaitSeconds;
    if (shape.awsCreates > 0 || waits.length > 0) {
        const waitTotal = waits.reduce((n, s) => n + s, 0);
        const longest = Math.max(0, ...waits);
        const secs = (per: number) => Math.max(longest, (shape.awsCreates * per + waitTotal) / p);
        parts.push({
            cause: "awsResources",
            minutes: minutes(range(secs(AWS_CREATE_SECONDS.value.low), secs(AWS_CREATE_SECONDS.value.high))),
            detail: `${shape.awsCreates} AWS resources and ${waits.length} IAM propagation waits (${waitTotal} s in all), ${p} at a time`,
        });
    }
    const saves = shape.steps * SAVES_PER_CREATE.value;
    parts.push({
        cause: "checkpoints",
        minutes: minutes(checkpointSeconds(options.backend, saves, shape.steps, true, p)),
        detail: `${shape.steps} steps, ${saves} state saves to ${BACKEND_WORDS[options.backend]}`,
    });
    return {
        minutes: rounded(combine(parts)),
        parts: parts.map((part) => ({ ...part, minutes: rounded(part.minutes) })),
        bottleneck: bottleneckOf(parts),
        assumptions: [
            ...(stackSets
                ? [
                      used("stackSetWaveMinutes", STACKSET_WAVE_MINUTES),
                      rule("stackSetStrict", STACKSET_RULES.strict),
                      rule("stackSetSoft", STACKSET_RULES.soft),
                      rule("stackSetRounding", STACKSET_RULES.rounding),
                      rule("stackSetQueue", STACKSET_RULES.queue),
                  ]
                : []),
            used("armWriteBurst", ARM_WRITES.burst),
            used("armWritesPerSecond", ARM_WRITES.perSecond),
            used("azureNativeWritesPerCreate", AZURE_NATIVE_WRITES_PER_CREATE),
            used("armCreateSeconds", ARM_CREATE_SECONDS),
            used("awsCreateSeconds", AWS_CREATE_SECONDS),
            ...checkpointAssumptions(options.backend, false),
            parallelAssumption(p),
        ],
    };
}

/** The daily `pulumi up --refresh` that changes nothing: every resource read back, no StackSet operation. */
export function dailyRunTime(shape: DeploymentShape, options: TimeOptions): RunEstimate {
    const p = options.parallel;
    const reads = shape.customResources;
    const floor = throttled(shape.azureCreates, ARM_READS);
    const parts: Part[] = [
        {
            cause: "refreshReads",
            minutes: rounded(
                minutes(range(Math.max(floor, (reads * REFRESH_READ_SECONDS.value.low) / p), Math.max(floor, (reads * REFRESH_READ_SECONDS.value.high) / p))),
            ),
            detail: `${reads} resources read back, ${p} at a time; ARM refills ${ARM_READS.perSecond.value} reads a second after ${ARM_READS.burst.value}`,
        },
    ];
    const saves = reads * SAVES_PER_REFRESH.value;
    parts.push({
        cause: "checkpoints",
        minutes: rounded(minutes(checkpointSeconds(options.backend, saves, shape.steps, false, p))),
        detail: `${saves} state saves of refreshed resources to ${BACKEND_WORDS[options.backend]}; a no-change update saves nothing more`,
    });
    return {
        minutes: rounded(combine(parts)),
        parts,
        bottleneck: bottleneckOf(parts),
        assumptions: [
            used("refreshReadSeconds", REFRESH_READ_SECONDS),
            used("armReadBurst", ARM_READS.burst),
            used("armReadsPerSecond", ARM_READS.perSecond),
            ...checkpointAssumptions(options.backend, true),
            parallelAssumption(p),
        ],
    };
}

const rule = (name: string, text: string): Assumption => ({ name, value: text, unit: "rule", source: "AWS CloudFormation documentation", read: "2026-12-06" });

function parallelAssumption(parallel: number): Assumption {
    return parallel === DEFAULT_PARALLEL
        ? {
              name: "parallel",
              value: parallel,
              unit: "steps at once: Pulumi's default, 4 × GOMAXPROCS, GOMAXPROCS = the runner's CPUs",
              source: `${PARALLEL_PER_GOMAXPROCS.source}; ${RUNNER_CPUS.source}`,
              read: RUNNER_CPUS.read,
          }
        : { name: "parallel", value: parallel, unit: "steps at once (--parallel)", source: "given", read: "-" };
}
