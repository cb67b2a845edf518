// Pulumi ESC, offline. A stack file's `environment:` imports ESC environments, and Pulumi adds
// each one's `pulumiConfig` to the stack's config; only Pulumi Cloud can open them. The plan
// takes their values from a file, what `esc env open <env> --format json` prints (`--esc-env
// FILE`, or `Pulumi.<stack>.esc.json` beside the stack file), or plans without them and says so.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { describe } from "../src/facts";
import { InputFileError, shown } from "./inputFile";
import { readJsonFile } from "./jsonFile";
import { asConfigText, qualify, readStackFile } from "./stackFile";
import { qualifiedKeyClashes } from "./stackFileChecks";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** An opened environment is a JSON object of its values; of them the plan reads `pulumiConfig` only. */
const fileSchema = z.looseObject(
    {
        pulumiConfig: z.custom<Record<string, unknown>>(isObject, {
            error: (issue) =>
                issue.input === undefined
                    ? "is missing: the stack config an environment sets is its pulumiConfig"
                    : `must be an object of config keys to values, not ${describe(issue.input)}`,
        }),
    },
    { error: (issue) => `must be a JSON object of the environment's values, not ${describe(issue.input)}` },
);

/** The config an opened ESC environment supplies: its `pulumiConfig`, flat, as Pulumi hands it to the program. */
function readEscConfig(file: string): Record<string, string> {
    const source = `--esc-env: ${shown(file)}`;
    const json = readJsonFile(file, source, "write it with esc env open <env> --format json; see docs/esc.md", {
        reviver: (key, value) => {
            // JSON.parse reads 1e400 as Infinity, which config would carry as null.
            if (typeof value === "number" && !Number.isFinite(value))
                throw new InputFileError(`${source}: ${describe(key)} holds a number too large for config (${value})`);
            return value;
        },
    });
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InputFileError(`${source} is not an opened ESC environment: ${issue.path.length > 0 ? "pulumiConfig" : "the file"} ${issue.message}`);
    }
    const entries = Object.entries(parsed.data.pulumiConfig);
    // Messages from this check are escaped already.
    const clashes = qualifiedKeyClashes(entries.map(([key]) => key));
    if (clashes.length > 0) throw new InputFileError(`${source}: in pulumiConfig, ${clashes.join("; ")}`);
    return Object.fromEntries(entries.map(([key, value]) => [qualify(key), asConfigText(value)]));
}

export interface StackConfig {
    readonly config: Record<string, string>;
    /** What the plan could not see, to be printed with the program's own warnings. */
    readonly warnings: readonly string[];
}

/**
 * The stack's config as Pulumi merges it: the project's defaults, then the environments'
 * `pulumiConfig`, then the stack file, whose values win over the environments' (Pulumi's
 * ESC docs: "pulumiConfig resolves against explicit stack configuration: there, the
 * explicit stack value wins"). The environments' values come from `given`, or else from
 * `Pulumi.<stack>.esc.json` beside the stack file; without either the plan names the
 * environments it could not open.
 */
export function stackConfig(stackFile: string, projectDefaults: Readonly<Record<string, string>>, stack: string, given: string | undefined): StackConfig {
    const { values, environments } = readStackFile(stackFile);
    if (environments.length === 0) {
        if (given !== undefined)
            throw new InputFileError(
                `--esc-env applies only to a stack file with environment: (the ESC environments whose values it gives); ${shown(stackFile)} has none`,
            );
        return { config: { ...projectDefaults, ...values }, warnings: [] };
    }
    const committed = path.join(path.dirname(stackFile), `Pulumi.${stack}.esc.json`);
    const file = given ?? (existsSync(committed) ? committed : undefined);
    if (file !== undefined) return { config: { ...projectDefaults, ...readEscConfig(file), ...values }, warnings: [] };
    const warning =
        `${shown(path.basename(stackFile))} imports ESC environments the plan cannot open offline: ${environments.join(", ")}. ` +
        `Every config value they set (pulumiConfig) is missing from this plan: give them with --esc-env FILE ` +
        `(esc env open <env> --format json) or commit them as ${shown(path.basename(committed))} (see docs/esc.md).`;
    return { config: { ...projectDefaults, ...values }, warnings: [warning] };
}
