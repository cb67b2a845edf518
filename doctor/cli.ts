// `npm run doctor`: is every account of a deployed stack delivering to Sentinel? A function
// of the arguments, the clouds and the output streams that returns the exit code, so that
// the script and the tests run the same code.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { ConfigError, loadStackConfig, type StackConfig } from "../src";
import { InputFileError, shown } from "../plan/inputFile";
import { stackConfig as escAwareConfig } from "../plan/escEnvironment";
import { readProjectDefaults } from "../plan/stackFile";
import { UsageError } from "../plan/cliFlags";
import { DoctorArgs, parseDoctorArgs, USAGE } from "./args";
import { awsFindings } from "./awsChecks";
import { AwsSignIns } from "./awsSignIn";
import { AzureChecks } from "./azureChecks";
import { CALL_LIMITS, CallBounds } from "./bounds";
import type { Clouds } from "./clouds";
import { mapBounded, progress } from "./concurrency";
import { outputsFromPulumi, readOutputsFile, StackOutputs } from "./outputs";
import { exitCodeOf, fail, reportToJson, reportToText, Row, WORKSPACE_ROWS } from "./report";
import { targetsOf } from "./targets";

export interface DoctorIo {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
    /** Progress is drawn only on a terminal. */
    readonly stderrIsTTY: boolean;
}

const BAD_INPUT = 2;

/** The stack's config as the plan reads it, ESC environments included; what it cannot see is said on stderr. */
function stackConfig(args: DoctorArgs, root: string, io: DoctorIo): StackConfig {
    const file = args.configFile !== undefined ? path.resolve(args.configFile) : path.join(root, `Pulumi.${args.stack}.yaml`);
    if (!existsSync(file))
        throw new InputFileError(
            `no stack config file at ${shown(file)}: the doctor signs in to each account as the stack's config says (--config-file PATH names another)`,
        );
    const { config, warnings } = escAwareConfig(file, readProjectDefaults(path.join(root, "Pulumi.yaml")), args.stack, args.escEnv);
    for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
    return loadStackConfig(config, args.stack);
}

async function outputsOf(args: DoctorArgs, root: string): Promise<StackOutputs> {
    return args.outputs !== undefined ? readOutputsFile(args.outputs) : outputsFromPulumi(args.stack, root);
}

/** Checks every account of one stack of the project at `root`, writes the report to `io` and returns the exit code. */
export async function runDoctor(argv: readonly string[], io: DoctorIo, root: string, clouds: Clouds): Promise<number> {
    let args: DoctorArgs;
    let config: StackConfig;
    let outputs: StackOutputs;
    try {
        args = parseDoctorArgs(argv);
        if (args.help) {
            io.stdout(`${USAGE}\n`);
            return 0;
        }
        config = stackConfig(args, root, io);
        outputs = await outputsOf(args, root);
    } catch (err) {
        if (err instanceof UsageError) io.stderr(`${err.message}\n\n${USAGE}\n`);
        else if (err instanceof InputFileError || err instanceof ConfigError) io.stderr(`${err.message}\n`);
        else throw err;
        return BAD_INPUT;
    }

    const targets = targetsOf(outputs, config, args.memberRole);
    if (targets.length === 0) {
        io.stderr(`the outputs of stack ${args.stack} name no AWS account: has it been deployed (pulumi up)?\n`);
        return BAD_INPUT;
    }
    const bounds = new CallBounds(clouds.limits ?? CALL_LIMITS, args.timeoutSeconds);
    const signIns = new AwsSignIns(clouds.aws, bounds);
    const azure = new AzureChecks(clouds.azure(config.azureCloud), outputs, bounds);
    const counter = progress(io.stderr, io.stderrIsTTY, targets.length);
    const perAccount = await mapBounded(
        targets,
        args.concurrency,
        async (target): Promise<Row[]> => {
            const checks = async () => [...(await awsFindings(target, outputs, signIns)), ...(await azure.findings(target))];
            // Every call ends by the deadline; should anything else wait on, the account is reported unfinished.
            const late = bounds.afterDeadline(() => [
                fail("checks", `not finished when the doctor's --timeout of ${args.timeoutSeconds} s ran out`, "run the doctor again with a longer --timeout"),
            ]);
            const findings = await Promise.race([checks(), late.promise]).finally(late.cancel);
            return findings.map((f) => ({ account: target.label, accountId: target.accountId, ...f }));
        },
        counter.update,
    );
    // The workspace's analytics rules (sentinel-aws:content), once for the stack, after the accounts.
    const rulesChecked = async () => {
        const late = bounds.afterDeadline(() => [
            fail("rules", `not checked when the doctor's --timeout of ${args.timeoutSeconds} s ran out`, "run the doctor again with a longer --timeout"),
        ]);
        return Promise.race([azure.ruleFindings(), late.promise]).finally(late.cancel);
    };
    const ruleFindings = outputs.analyticsRules ? await rulesChecked() : [];
    bounds.stop();
    counter.end();
    const rows = [...perAccount.flat(), ...ruleFindings.map((f) => ({ account: WORKSPACE_ROWS, accountId: "workspace", ...f }))];
    io.stdout(args.json ? reportToJson(args.stack, rows) : reportToText(args.stack, rows));
    return exitCodeOf(rows);
}
