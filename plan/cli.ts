// `npm run plan`: what `pulumi up` would create for a stack, without credentials or the
// Pulumi CLI: the real program run under the Pulumi SDK's mock engine. A function of the
// arguments that returns the exit code, so that scripts and tests run the same code.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { parseFlags, refuseEmptyPaths, UsageError } from "./cliFlags";
import { ConfigError, loadStackConfig } from "../src";
import { describe, MemberConflict, membersOf } from "../src/facts";
import { FakeCloud } from "./fakeCloud";
import { OrgAccounts, readOrgAccounts } from "./orgAccounts";
import { CatalogueAnswers, readContentCatalogue } from "./contentCatalogue";
import { diffPlans, PlanSnapshot, readPlanSnapshot } from "./diff";
import { planToMarkdown } from "./markdown";
import { checkPolicy, PolicyCheck, PolicyVerdict, violationsToText } from "./policyCheck";
import { readPackConfig } from "./policyPack/packConfig";
import { Plan, ProgramFailed, recordPlan } from "./record";
import { diffToJson, diffToText, planToJson, planToText } from "./render";
import { InputFileError, shown } from "./inputFile";
import { stackConfig } from "./escEnvironment";
import { readProjectDefaults } from "./stackFile";
import { estimateFlags, ESTIMATE_FLAGS, ESTIMATE_USAGE } from "./estimate/flags";
import { estimateChange, estimateToText } from "./estimate/render";
import { estimatePlan } from "./estimate";

export const USAGE = `Usage: npm run plan -- [--stack NAME] [--config-file PATH] [--format text|markdown|json] [--diff-against BASE.json] [--org-accounts FILE] [--esc-env FILE]
       [--backend cloud|cloud-journaling|self-managed] [--parallel N] [--events-per-month N]

  --stack NAME            plan Pulumi.NAME.yaml beside Pulumi.yaml (default: dev)
  --config-file PATH      plan any stack config file; the stack is named after it,
                          unless --stack names it (as pulumi --stack --config-file)
  --format FORMAT         text (default), markdown (for a pull-request comment or job
                          summary, kept under GitHub's 65,536-character limit) or json
  --json                  the same as --format json
  --diff-against FILE     show what changes against a plan saved with --json (e.g. from
                          the base branch): resources added, removed and changed
  --org-accounts FILE     with sentinel-aws:organization: the accounts of each of its OUs
                          (JSON: OU ID -> accounts with Id and State, as aws
                          organizations list-accounts-for-parent prints them); default:
                          Pulumi.<stack>.org-accounts.json beside the stack file, if any
  --content-catalogue FILE
                          with sentinel-aws:content: the workspace's Content Hub catalogue
                          (JSON: package and templates, as the REST API returns their
                          properties); default: Pulumi.<stack>.content-catalogue.json beside
                          the stack file, if any (without either, the plan shows what a
                          first pulumi up does: the catalogue cannot be read yet)
  --esc-env FILE          with environment: in the stack file: the ESC environment's values,
                          as esc env open <env> --format json prints them; its pulumiConfig
                          is config under the stack file's own values; default:
                          Pulumi.<stack>.esc.json beside the stack file, if any (without
                          either, the plan warns that the environment's values are missing)
  --check-policy          also run the policy pack (policy/) on the plan, started and
                          asked as the Pulumi CLI does; exit 3 when a mandatory rule is broken
  --policy-pack-config FILE
                          the pack's config, as for pulumi preview --policy-pack-config
                          (implies --check-policy)
${ESTIMATE_USAGE}
  --help                  show this help

Exit codes: 0 planned; 2 bad arguments, stack file or config; 3 a mandatory policy
broken (with --check-policy); 1 anything else.`;

/** Exit codes, as documented in USAGE and docs/plan.md. */
export const EXIT = { ok: 0, failed: 1, badInput: 2, policyViolated: 3 } as const;

export interface Io {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
}

const FORMATS = ["text", "markdown", "json"] as const;
type Format = (typeof FORMATS)[number];
const isFormat = (f: string): f is Format => (FORMATS as readonly string[]).includes(f);

/** The plan, or what it changes against a saved one, in the chosen format, with the policy pack's verdict if asked. */
function render(plan: Plan, format: Format, base: { snapshot: PlanSnapshot; label: string } | undefined, verdict: PolicyVerdict | undefined): string {
    const diff = base && diffPlans(base.snapshot, planToJson(plan), base.label);
    if (format === "markdown") return planToMarkdown(plan, { diff, verdict });
    if (format === "json") {
        const change = diff && plan.estimate ? estimateChange(diff.baseEstimate, plan.estimate) : undefined;
        const json = diff
            ? { ...diffToJson(plan.stack, diff, plan.warnings), estimate: plan.estimate, ...(change ? { estimateChange: change } : {}) }
            : planToJson(plan);
        return `${JSON.stringify(verdict ? { ...json, policyViolations: verdict.violations, policyRulesLowered: verdict.lowered } : json, null, 2)}\n`;
    }
    const change = diff && plan.estimate ? estimateChange(diff.baseEstimate, plan.estimate) : undefined;
    const text = diff
        ? `${diffToText(plan.stack, diff, plan.warnings)}\n${change ? `${change}\n` : ""}${plan.estimate ? estimateToText(plan.estimate) : ""}`
        : planToText(plan);
    return verdict ? `${text}\n${violationsToText(verdict)}` : text;
}

/** `Pulumi.prod.yaml` → `prod`; anything else is named after the file. */
function stackNameOf(file: string): string {
    return path
        .basename(file)
        .replace(/^Pulumi\./, "")
        .replace(/\.ya?ml$/, "");
}

const FILE_OPTIONS = ["config-file", "diff-against", "org-accounts", "content-catalogue", "esc-env", "policy-pack-config"] as const;

function parse(argv: readonly string[]) {
    const values = parseFlags(argv, {
        stack: { type: "string" },
        "config-file": { type: "string" },
        json: { type: "boolean", default: false },
        format: { type: "string" },
        "diff-against": { type: "string" },
        "check-policy": { type: "boolean", default: false },
        "policy-pack-config": { type: "string" },
        "org-accounts": { type: "string" },
        "content-catalogue": { type: "string" },
        "esc-env": { type: "string" },
        ...ESTIMATE_FLAGS,
        help: { type: "boolean", default: false },
    });
    refuseEmptyPaths(values, FILE_OPTIONS);
    // As with `pulumi --stack NAME --config-file PATH`: the name from --stack, the values from the file.
    const stack = values.stack ?? (values["config-file"] ? stackNameOf(values["config-file"]) : "dev");
    if (!/^[\w.-]{1,100}$/.test(stack)) throw new UsageError(`--stack: ${JSON.stringify(stack)} is not a stack name (letters, digits, _ . -)`);
    if (values.json && values.format !== undefined && values.format !== "json") throw new UsageError("--json and --format exclude each other");
    const format = values.json ? "json" : (values.format ?? "text");
    if (!isFormat(format)) throw new UsageError(`--format: ${JSON.stringify(format)} is not one of ${FORMATS.join(", ")}`);
    return { ...values, stack, format, estimate: estimateFlags(values) };
}

/** Everything a plan of the project's entry point depends on: equal requests give equal plans. */
export interface PlanRequest {
    readonly stack: string;
    readonly config: Readonly<Record<string, string>>;
    /** The entry point's resolved path. */
    readonly entry: string;
    readonly orgAccounts?: OrgAccounts;
    readonly contentCatalogue?: CatalogueAnswers;
}

/** Runs the entry point as the Node language host loads it, afresh each time, against the fake cloud. */
export function planEntryPoint({ stack, config, entry, orgAccounts, contentCatalogue }: PlanRequest): Promise<Plan> {
    return recordPlan(
        stack,
        config,
        () => {
            // A fresh run of the entry point each time, even when one process plans several stacks.
            delete require.cache[entry];
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded as the Node language host loads it, by require
            return require(entry);
        },
        new FakeCloud({ orgAccounts, contentCatalogue }),
    );
}

export interface RunOptions {
    /** A pack the caller started and stops: --check-policy asks it instead of starting one. */
    readonly policyPack?: PolicyCheck;
    /** How a request is planned; tests pass one that plans each distinct request once. */
    readonly record?: (request: PlanRequest) => Promise<Plan>;
}

/**
 * Plans one stack of the project at `root` and writes it to `io`; returns the exit code.
 * The program is the project's real entry point, loaded as `pulumi up` loads it.
 */
export async function runPlan(argv: readonly string[], io: Io, root: string, { policyPack, record = planEntryPoint }: RunOptions = {}): Promise<number> {
    // What the stack file's ESC environments left out: printed with the plan, or with the error it may explain.
    let fileWarnings: readonly string[] = [];
    try {
        const args = parse(argv);
        if (args.help) {
            io.stdout(`${USAGE}\n`);
            return EXIT.ok;
        }
        const file = args["config-file"] !== undefined ? path.resolve(args["config-file"]) : path.join(root, `Pulumi.${args.stack}.yaml`);
        if (!existsSync(file)) throw new InputFileError(`no stack config file at ${shown(file)}`);
        const { config, warnings } = stackConfig(file, readProjectDefaults(path.join(root, "Pulumi.yaml")), args.stack, args["esc-env"]);
        fileWarnings = warnings;
        // Read before planning, so that a bad base plan fails fast.
        const against = args["diff-against"];
        const base = against === undefined ? undefined : { snapshot: readPlanSnapshot(against), label: shown(path.basename(against)) };
        if (base !== undefined && base.snapshot.stack !== args.stack)
            fileWarnings = [
                ...fileWarnings,
                `--diff-against ${base.label} is the saved plan of stack ${describe(base.snapshot.stack)}, not of ${describe(args.stack)}: every difference between the two stacks shows as a change`,
            ];
        const packConfigFile = args["policy-pack-config"];
        const packConfig = packConfigFile === undefined ? undefined : readPackConfig(packConfigFile);

        const orgAccounts = organizationAccounts(config, args.stack, args["org-accounts"], file);
        const contentCatalogue = catalogueOf(args.stack, args["content-catalogue"], file);

        const recorded = await record({ stack: args.stack, config, entry: require.resolve(path.join(root, "index.ts")), orgAccounts, contentCatalogue });
        const estimate = estimatePlan(recorded.resources, args.estimate);
        const plan = { ...recorded, warnings: [...fileWarnings, ...recorded.warnings, ...estimate.warnings], estimate };
        const verdict =
            args["check-policy"] || packConfig
                ? await checkPolicy(plan, config, packConfig, packConfigFile === undefined ? undefined : shown(packConfigFile), policyPack)
                : undefined;
        io.stdout(render(plan, args.format, base, verdict));
        return verdict?.violations.some((v) => v.enforcementLevel === "mandatory") ? EXIT.policyViolated : EXIT.ok;
    } catch (err) {
        for (const warning of fileWarnings) io.stderr(`Warning: ${warning}\n`);
        return report(err, io);
    }
}

/**
 * The organisation's accounts from `--org-accounts`, or else from `Pulumi.<stack>.org-accounts.json`
 * beside the stack file (where docs/organizations.md says to commit it), checked against the OUs the
 * config names, before anything is planned. Config the program would refuse is left to it.
 */
function organizationAccounts(config: Readonly<Record<string, string>>, stack: string, given: string | undefined, stackFile: string): OrgAccounts | undefined {
    let organization;
    try {
        organization = loadStackConfig(config, stack).organization;
    } catch (err) {
        if (err instanceof ConfigError) return undefined;
        throw err;
    }
    if (organization === undefined) {
        if (given !== undefined) throw new UsageError("--org-accounts applies only to a stack with sentinel-aws:organization");
        return undefined;
    }
    const committed = path.join(path.dirname(stackFile), `Pulumi.${stack}.org-accounts.json`);
    const file = given ?? (existsSync(committed) ? committed : undefined);
    if (file === undefined)
        throw new UsageError(
            `sentinel-aws:organization needs the accounts of its OUs, which the program reads from AWS Organizations at deploy time: commit them as ${shown(committed)} or pass --org-accounts FILE (see docs/organizations.md)`,
        );
    const accounts = readOrgAccounts(file, organization.organizationalUnitIds);
    // The program makes the same check at deploy time, after registering resources; here the file is known before anything is.
    const listed = new Map(
        loadStackConfig(config, stack).awsAccounts.flatMap((a, i) =>
            a.connector === "cloudTrailApi" ? [[a.accountId, `sentinel-aws:awsAccounts[${i}]`] as const] : [],
        ),
    );
    try {
        membersOf(
            [...accounts].map(([organizationalUnitId, list]) => ({ organizationalUnitId, accounts: list })),
            { managementAccountId: organization.accountId, excludeAccountIds: organization.excludeAccountIds, listed },
        );
    } catch (err) {
        if (err instanceof MemberConflict) throw new InputFileError(`--org-accounts ${shown(file)}: ${err.message}`);
        throw err;
    }
    return accounts;
}

/** The catalogue from `--content-catalogue`, or else from `Pulumi.<stack>.content-catalogue.json` beside the stack file. */
function catalogueOf(stack: string, given: string | undefined, stackFile: string): CatalogueAnswers | undefined {
    const committed = path.join(path.dirname(stackFile), `Pulumi.${stack}.content-catalogue.json`);
    const file = given ?? (existsSync(committed) ? committed : undefined);
    return file === undefined ? undefined : readContentCatalogue(file);
}

function report(err: unknown, io: Io): number {
    if (err instanceof UsageError) {
        io.stderr(`${err.message}\n\n${USAGE}\n`);
        return EXIT.badInput;
    }
    if (err instanceof InputFileError) {
        io.stderr(`${err.message}\n`);
        return EXIT.badInput;
    }
    if (err instanceof ProgramFailed) {
        const registered = err.registered === 0 ? "No resource was registered." : `${err.registered} resources had been registered when it failed.`;
        if (err.cause instanceof ConfigError) {
            io.stderr(`${err.cause.message}\n${registered}\n`);
            return EXIT.badInput;
        }
        io.stderr(`plan failed: ${err.message}\n${registered}\n`);
        return EXIT.failed;
    }
    io.stderr(`plan failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failed;
}
