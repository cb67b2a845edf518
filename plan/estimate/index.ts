// The estimate every plan carries: how long a real first `pulumi up` and the daily run take,
// what the provider processes need, how large the state grows, what the S3 pipeline costs a
// month, and which way to go for many accounts. Read from the plan's resources alone.
import { awsProviderMemoryGb, AWS_PROVIDER_PROCESS_MB } from "../../src/facts";
import { choiceFor, Choice } from "./choice";
import { CostOptions, monthlyCost, MonthlyCost, secondCopyWarning } from "./cost";
import { Range } from "./constants";
import { DeploymentShape, shapeOf, ShapeResource } from "./shape";
import { Backend, dailyRunTime, firstDeployTime, RunEstimate, TimeOptions } from "./time";

export { BACKENDS, DEFAULT_PARALLEL } from "./time";
export type { Backend } from "./time";

export type EstimateOptions = TimeOptions & CostOptions;

export const ESTIMATE_LABEL = "Estimate, not a measurement: from the plan's resources and sourced constants (docs/estimates.md); nothing was timed or billed.";

export interface Estimate {
    readonly label: string;
    readonly backend: Backend;
    readonly parallel: number;
    readonly firstDeploy: RunEstimate;
    readonly dailyRun: RunEstimate;
    readonly providerProcesses: {
        readonly counts: Readonly<Record<string, number>>;
        readonly awsMemoryGb: Range;
        readonly source: string;
    };
    /** Bytes of the resources' recorded inputs and outputs; the real state adds what providers compute. */
    readonly stateBytes: number;
    readonly monthlyCost?: MonthlyCost;
    readonly choice?: Choice;
    /** Second, charged trail copies, each naming its account. */
    readonly warnings: readonly string[];
}

export function estimatePlan(resources: readonly ShapeResource[], options: EstimateOptions): Estimate {
    return estimateShape(shapeOf(resources), options);
}

export function estimateShape(shape: DeploymentShape, options: EstimateOptions): Estimate {
    const cost = monthlyCost(shape.logAccounts, options);
    const choice = choiceFor(shape, options);
    return {
        label: ESTIMATE_LABEL,
        backend: options.backend,
        parallel: options.parallel,
        firstDeploy: firstDeployTime(shape, options),
        dailyRun: dailyRunTime(shape, options),
        providerProcesses: {
            counts: shape.providerProcesses,
            awsMemoryGb: awsProviderMemoryGb(shape.providerProcesses.aws ?? 0),
            source: `${AWS_PROVIDER_PROCESS_MB.low}-${AWS_PROVIDER_PROCESS_MB.high} MB per AWS provider process (pulumi/pulumi-aws issues 5226, 5860); azure-native and time not measured`,
        },
        stateBytes: shape.stateBytes,
        ...(cost ? { monthlyCost: cost } : {}),
        ...(choice ? { choice } : {}),
        warnings: shape.logAccounts.flatMap((a) => secondCopyWarning(a, shape.logAccounts) ?? []),
    };
}
