// One measurement, in a process of its own so that its peak memory is its own:
//   --mode program --accounts N --save FILE   the real program for N listed accounts; saves what it registered
//   --mode s3 --accounts N --save FILE        the same, every account on the S3 connector with every log type
//   --mode organization --accounts N --save FILE   the real program for an organisation of N members
//   --mode floor --load FILE                  the same registrations as bare pulumi.CustomResources
// Prints {ms, peakRssMb, resources, providerProcesses, estimate} as JSON: ms is the time to a
// fully resolved graph; providerProcesses, per package, what a real `pulumi up` would start;
// estimate, the plan's estimate of a real first `pulumi up` and daily run, in minutes.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, sentinelAws } from "../../src";
import { FakeCloud } from "../../plan/fakeCloud";
import { DEFAULT_PARALLEL, estimatePlan } from "../../plan/estimate";
import { providerProcesses } from "../../plan/providerProcesses";
import { recordPlan } from "../../plan/record";
import { benchOrganization, benchStackConfig } from "./stackConfig";

interface Registration {
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly inputs: Record<string, unknown>;
}

/** A resource with nothing but its type, name and inputs: the cheapest registration there is. */
class Bare extends pulumi.CustomResource {
    constructor(r: Registration) {
        super(r.type, r.name, r.inputs);
    }
}

/** Components are registered too; their floor is a bare component. */
class BareComponent extends pulumi.ComponentResource {
    constructor(r: Registration) {
        super(r.type, r.name, {});
    }
}

const STACK = "bench";

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { mode: { type: "string" }, accounts: { type: "string" }, save: { type: "string" }, load: { type: "string" } } });
    let program: () => Record<string, unknown>;
    let config: Record<string, string> = {};
    let cloud = new FakeCloud();
    if (values.mode === "program") {
        config = benchStackConfig(Number(values.accounts));
        program = () => sentinelAws(loadStackConfig(config, STACK));
    } else if (values.mode === "s3") {
        config = benchStackConfig(Number(values.accounts), "s3");
        program = () => sentinelAws(loadStackConfig(config, STACK));
    } else if (values.mode === "organization") {
        const organization = benchOrganization(Number(values.accounts));
        config = organization.config;
        cloud = new FakeCloud({ orgAccounts: organization.orgAccounts });
        program = () => sentinelAws(loadStackConfig(config, STACK));
    } else if (values.mode === "floor") {
        const registrations: Registration[] = JSON.parse(readFileSync(values.load!, "utf8"));
        program = () => ({ urns: registrations.map((r) => (r.custom ? new Bare(r) : new BareComponent(r)).urn) });
    } else {
        throw new Error("--mode must be program, s3, organization or floor");
    }
    const started = process.hrtime.bigint();
    const plan = await recordPlan(STACK, config, program, cloud);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (values.save) {
        const registrations: Registration[] = plan.resources.map((r) => ({ type: r.type, name: r.name, custom: r.custom, inputs: r.inputs }));
        writeFileSync(values.save, JSON.stringify(registrations));
    }
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    // After the peak is read: the estimate is no part of what the program costs.
    const estimate = values.mode === "floor" ? undefined : estimatePlan(plan.resources, { backend: "cloud-journaling", parallel: DEFAULT_PARALLEL });
    const minutes = estimate && { firstDeploy: estimate.firstDeploy.minutes, dailyRun: estimate.dailyRun.minutes };
    process.stdout.write(
        `${JSON.stringify({ ms, peakRssMb, resources: plan.resources.length, providerProcesses: providerProcesses(plan.resources), estimate: minutes })}\n`,
    );
}

main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
});
