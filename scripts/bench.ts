// `npm run bench`: how the program's cost grows with the number of AWS accounts, listed or
// in an organisation, against the floor of the same registrations as bare resources; the
// provider processes a real `pulumi up` of each would start; and how long `npm run plan`
// takes to start against a process that only loads Pulumi. Each measurement runs in a
// process of its own. See docs/performance.md.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { awsProviderMemoryGb, LIMITS } from "../src/facts";
import { benchStackConfig } from "./bench/stackConfig";
import { DEFAULT_PARALLEL } from "../plan/estimate";

const ROOT = path.resolve(__dirname, "..");
const DIR = mkdtempSync(path.join(tmpdir(), "sentinel-aws-bench-"));
/** How TypeScript entry points run: the same loader as `npm run plan` and `pulumi up`. */
const TS = ["--require", path.join(ROOT, "typescript-loader.cjs")];
const STARTUP_RUNS = 5;
/** Every size must plan in less memory than this: the documented limits promise it. */
const MEMORY_LIMIT_MB = 1024;

interface Measurement {
    readonly ms: number;
    readonly peakRssMb: number;
    readonly resources: number;
    /** Per package, the provider processes a real `pulumi up` would start. */
    readonly providerProcesses: Readonly<Record<string, number>>;
    /** The plan's estimate of a real first `pulumi up` and daily run (Pulumi Cloud with journaling), in minutes. */
    readonly estimate?: { readonly firstDeploy: Range; readonly dailyRun: Range };
}

interface Range {
    readonly low: number;
    readonly high: number;
}

type Mode = "listed" | "s3" | "organization";
const MEASURE_MODE: Record<Mode, string> = { listed: "program", s3: "s3", organization: "organization" };

function measure(...args: string[]): Measurement {
    const out = execFileSync(process.execPath, [...TS, path.join(__dirname, "bench", "measure.ts"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 1 << 26,
    });
    return JSON.parse(out) as Measurement;
}

function size(mode: Mode, accounts: number) {
    const saved = path.join(DIR, `registrations-${mode}-${accounts}.json`);
    const program = measure("--mode", MEASURE_MODE[mode], "--accounts", String(accounts), "--save", saved);
    const floor = measure("--mode", "floor", "--load", saved);
    const awsProcesses = program.providerProcesses.aws ?? 0;
    return {
        mode,
        accounts,
        resources: program.resources,
        programMs: program.ms,
        floorMs: floor.ms,
        perAccountMs: program.ms / accounts,
        ratio: program.ms / floor.ms,
        programPeakMb: program.peakRssMb,
        floorPeakMb: floor.peakRssMb,
        providerProcesses: program.providerProcesses,
        awsProviderMemoryGb: awsProviderMemoryGb(awsProcesses),
        estimate: program.estimate!,
    };
}

/** Median wall time of a whole process, in milliseconds. */
function wall(args: string[]): number {
    const times = Array.from({ length: STARTUP_RUNS }, () => {
        const started = process.hrtime.bigint();
        const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
        if (run.status !== 0) throw new Error(`${args.join(" ")} failed: ${run.stderr}`);
        return Number(process.hrtime.bigint() - started) / 1e6;
    });
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

function startup() {
    const config = Object.fromEntries(Object.entries(benchStackConfig(1)).map(([k, v]) => [k, k === "azure-native:location" ? v : JSON.parse(v)]));
    const file = path.join(DIR, "Pulumi.bench.yaml");
    writeFileSync(file, stringify({ config }));
    const planMs = wall([...TS, path.join(ROOT, "scripts", "plan.ts"), "--config-file", file]);
    // The floor defers the SDK's closure modules as the plan's loader does: the floor is what no program start can beat.
    const floorMs = wall(["--require", path.join(__dirname, "lazyClosureModules.cjs"), path.join(__dirname, "bench", "oneResource.cjs")]);
    return { planMs, floorMs, ratio: planMs / floorMs };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function main(): void {
    const { values } = parseArgs({ options: { json: { type: "boolean", default: false } } });
    // Listed accounts up to their limit, S3 accounts at theirs (500 VPCs in all), organisations of thousands.
    const rows = [...[1, 10, 100].map((n) => size("listed", n)), size("s3", LIMITS.s3Accounts), ...[1000, 5000].map((n) => size("organization", n))];
    const start = startup();
    const at = (mode: Mode, n: number) => rows.find((r) => r.mode === mode && r.accounts === n)!;
    const growth = at("listed", 100).perAccountMs / at("listed", 10).perAccountMs;
    const org = at("organization", 5000);
    const heaviest = rows.reduce((a, b) => (b.programPeakMb > a.programPeakMb ? b : a));
    // Memory is what a runner must have, and it varies little from run to run: a miss fails.
    if (heaviest.programPeakMb >= MEMORY_LIMIT_MB) process.exitCode = 1;

    if (values.json) {
        process.stdout.write(`${JSON.stringify({ node: process.version, sizes: rows, growth100vs10: growth, planStartup: start }, null, 2)}\n`);
        return;
    }
    const processes = (p: Readonly<Record<string, number>>) =>
        Object.entries(p)
            .map(([pkg, n]) => `${pkg} ${n}`)
            .join(", ");
    const lines = [
        `Node ${process.version}, mock engine; each figure from its own process. The last two columns are estimates of a real deployment, not measurements: the plan's estimate with Pulumi Cloud journaling and --parallel ${DEFAULT_PARALLEL} (docs/estimates.md).`,
        "",
        "| mode | accounts | resources | program ms | per account ms | floor ms | program/floor | peak MB | floor peak MB | provider processes at pulumi up | AWS provider memory GB | estimated first pulumi up, min | estimated daily run, min |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|",
        ...rows.map(
            (r) =>
                `| ${r.mode} | ${r.accounts} | ${r.resources} | ${fmt(r.programMs, 0)} | ${fmt(r.perAccountMs, 2)} | ${fmt(r.floorMs, 0)} | ${fmt(r.ratio, 2)} | ${fmt(r.programPeakMb, 0)} | ${fmt(r.floorPeakMb, 0)} | ${processes(r.providerProcesses)} | ${fmt(r.awsProviderMemoryGb.low)}-${fmt(r.awsProviderMemoryGb.high)} | ${r.estimate.firstDeploy.low}-${r.estimate.firstDeploy.high} | ${r.estimate.dailyRun.low}-${r.estimate.dailyRun.high} |`,
        ),
        "",
        `Growth: per-account cost of listed accounts at 100 is ${fmt(growth, 2)}x the cost at 10 (informational target: at most 1.5; time varies on a shared machine).`,
        `Organisation, 5000 accounts: program/floor ${fmt(org.ratio, 2)} (informational target: at most 2).`,
        `Highest peak memory: ${fmt(heaviest.programPeakMb, 0)} MB, ${heaviest.mode} with ${heaviest.accounts} accounts (required: every size under ${MEMORY_LIMIT_MB}, or the run fails).`,
        `npm run plan of one account: ${fmt(start.planMs, 0)} ms; a process that only loads @pulumi/pulumi and registers one resource: ${fmt(start.floorMs, 0)} ms; ratio ${fmt(start.ratio, 2)} (informational target: at most 2; medians of ${STARTUP_RUNS}).`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
}

main();
