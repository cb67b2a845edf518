// The doctor's command line: every bad flag or value is named, and exits 2.
import { parseFlags, refuseEmptyPaths, UsageError } from "../plan/cliFlags";
import { describe, IAM_ROLE_NAME } from "../src/facts";
import { DEFAULT_TIMEOUT_SECONDS, TIMEOUT_RANGE } from "./bounds";

export const USAGE = `Usage: npm run doctor -- --stack NAME [--outputs FILE] [--config-file PATH] [--esc-env FILE] [--json] [--concurrency N] [--timeout SECONDS] [--member-role NAME]

  --stack NAME          the stack to check (required); its config file gives each
                        account's sign-in (assumeRoleArn or profile) and the Azure cloud
  --outputs FILE        the stack's outputs, as written by
                        pulumi stack output --json --show-secrets > FILE
                        (default: read them through the Pulumi Automation API, which
                        needs the Pulumi CLI and a reachable backend)
  --config-file PATH    the stack config file (default: Pulumi.NAME.yaml beside Pulumi.yaml)
  --esc-env FILE        with a stack file that imports ESC environments: their values, as
                        esc env open ENV --format json prints them (default:
                        Pulumi.NAME.esc.json beside the stack file, as for npm run plan)
  --json                the report as JSON: {"stack", "summary", "rows"}
  --concurrency N       accounts checked at once, 1-64 (default 8)
  --timeout SECONDS     the whole run's deadline, 1-86400 (default 600); what has not
                        answered by then is a FAIL row naming the endpoint, and the
                        report is printed all the same
  --member-role NAME    with sentinel-aws:organization: a role in every member account
                        that the organisation's sign-in may assume, to check the member's
                        Sentinel role (e.g. OrganizationAccountAccessRole); without it the
                        members' AWS side is not checked
  --help                show this help

Exit codes: 0 every check OK (or WARN); 1 any check FAILed; 2 bad arguments, stack
file, config or outputs.`;

export interface DoctorArgs {
    readonly stack: string;
    readonly configFile?: string;
    readonly escEnv?: string;
    readonly outputs?: string;
    readonly json: boolean;
    readonly concurrency: number;
    /** The whole run's deadline, in seconds. */
    readonly timeoutSeconds: number;
    readonly memberRole?: string;
    readonly help: boolean;
}

const CONCURRENCY = { min: 1, max: 64, default: 8 } as const;

const flagValue = (flag: string, value: string, rule: string) => new UsageError(`--${flag}: ${describe(value)} ${rule}`);

export function parseDoctorArgs(argv: readonly string[]): DoctorArgs {
    const values = parseFlags(argv, {
        stack: { type: "string" },
        outputs: { type: "string" },
        "config-file": { type: "string" },
        "esc-env": { type: "string" },
        json: { type: "boolean", default: false },
        concurrency: { type: "string" },
        timeout: { type: "string" },
        "member-role": { type: "string" },
        help: { type: "boolean", default: false },
    });
    if (values.help) return { stack: "", json: false, concurrency: CONCURRENCY.default, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, help: true };

    if (values.stack === undefined) throw new UsageError("--stack is required: the doctor signs in to each account as that stack's config says");
    if (!/^[\w.-]{1,100}$/.test(values.stack)) throw flagValue("stack", values.stack, "is not a stack name (1-100 letters, digits, _ . -)");
    refuseEmptyPaths(values, ["outputs", "config-file", "esc-env"]);

    const concurrencyText = values.concurrency ?? String(CONCURRENCY.default);
    const concurrency = /^\d{1,3}$/.test(concurrencyText) ? Number(concurrencyText) : NaN;
    if (!(concurrency >= CONCURRENCY.min && concurrency <= CONCURRENCY.max)) {
        throw flagValue("concurrency", concurrencyText, `is not a whole number from ${CONCURRENCY.min} to ${CONCURRENCY.max}`);
    }
    const timeoutText = values.timeout ?? String(DEFAULT_TIMEOUT_SECONDS);
    const timeoutSeconds = /^\d{1,6}$/.test(timeoutText) ? Number(timeoutText) : NaN;
    if (!(timeoutSeconds >= TIMEOUT_RANGE.min && timeoutSeconds <= TIMEOUT_RANGE.max)) {
        throw flagValue("timeout", timeoutText, `is not a whole number of seconds from ${TIMEOUT_RANGE.min} to ${TIMEOUT_RANGE.max}`);
    }
    const memberRole = values["member-role"];
    if (memberRole !== undefined && !IAM_ROLE_NAME.test(memberRole))
        throw flagValue("member-role", memberRole, "is not an IAM role name (1-64 letters, digits and +=,.@_-)");

    return {
        stack: values.stack,
        configFile: values["config-file"],
        escEnv: values["esc-env"],
        outputs: values.outputs,
        json: values.json,
        concurrency,
        timeoutSeconds,
        memberRole,
        help: false,
    };
}
