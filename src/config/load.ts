// The edge: turns the stack's raw config (what Pulumi hands the program) into a typed
// StackConfig, or fails with every problem named by its config key and bad value.
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { LOCATION_KEY, Problem, SUBSCRIPTION_KEY } from "./crossChecks";
import { resolvedStackConfigSchema } from "./resolve";
import { describe, keyPath, listed } from "./show";
import type { StackConfig } from "./types";

export const PROJECT = "sentinel-aws";
/** Keys of the azure-native provider that the program reads too, under their own namespace. */
const AZURE_KEYS: ReadonlySet<string> = new Set([LOCATION_KEY, SUBSCRIPTION_KEY]);
/** Keys whose values are objects or lists: Pulumi hands them over as JSON text, and the project file cannot declare them. */
export const OBJECT_KEYS: ReadonlySet<string> = new Set(["workspace", "awsAccounts", "organization", "content", "tags", "ignoreTagChanges"]);
const INTEGER_KEYS = new Set(["iamPropagationSeconds"]);
const BOOLEAN_KEYS = new Set(["retainOnDelete"]);

/** Bad stack config. A RunError, so `pulumi up` prints the message without a stack trace. */
export class ConfigError extends pulumi.RunError {
    constructor(problems: readonly string[]) {
        super(
            `Invalid stack config:\n${listed(problems)
                .map((p) => `  - ${p}`)
                .join("\n")}`,
        );
        this.name = "ConfigError";
    }
}

/** `["awsAccounts", 1, "accountId"]` → `sentinel-aws:awsAccounts[1].accountId`. */
function configKeyPath([key, ...rest]: readonly PropertyKey[]): string {
    // The schema reads the project's keys without their namespace, and the location with its own.
    return keyPath([AZURE_KEYS.has(String(key)) ? key : `${PROJECT}:${String(key)}`, ...rest]);
}

function formatProblem(p: Problem): string {
    const value = p.value === undefined ? undefined : describe(p.value);
    const shown = value !== undefined && !p.message.includes(value) ? ` (got ${value})` : "";
    return `${configKeyPath(p.path)}: ${p.message}${shown}`;
}

/** Reads Pulumi's flat config map (`project:key` → text) into plain values for the schema. */
function decode(flat: Readonly<Record<string, string>>): Record<string, unknown> {
    // Config keys become keys here: without a prototype, `__proto__` is a key the schema refuses.
    const raw: Record<string, unknown> = Object.create(null);
    for (const [fullKey, text] of Object.entries(flat)) {
        if (AZURE_KEYS.has(fullKey)) {
            raw[fullKey] = text;
            continue;
        }
        if (!fullKey.startsWith(`${PROJECT}:`)) continue; // other namespaces belong to providers
        const key = fullKey.slice(PROJECT.length + 1);
        if (OBJECT_KEYS.has(key)) {
            try {
                raw[key] = JSON.parse(text);
            } catch {
                raw[key] = text; // a plain string where an object belongs: the schema names it
            }
        } else if (BOOLEAN_KEYS.has(key)) {
            // Pulumi hands a YAML boolean over as text; anything else is left for the schema to name.
            raw[key] = text === "true" ? true : text === "false" ? false : text;
        } else if (INTEGER_KEYS.has(key)) {
            raw[key] = /^-?\d+$/.test(text.trim()) ? Number(text) : text;
        } else {
            raw[key] = text;
        }
    }
    return raw;
}

function fromZod(issues: readonly z.core.$ZodIssue[]): Problem[] {
    return issues.flatMap((issue): Problem[] => {
        if (issue.code === "unrecognized_keys") {
            return issue.keys.map((k) => ({
                path: [...issue.path, k],
                message: "is not a known config key (check its spelling against docs/configuration.md)",
            }));
        }
        return [{ path: issue.path, message: issue.message, value: issue.input }];
    });
}

/**
 * Parses the config Pulumi passes to the program (`pulumi.runtime.allConfig()`: keys
 * `project:key`, values as text, objects as JSON) for the given stack.
 * Throws ConfigError naming every bad key path and value.
 */
/** Problems found past the schema (the content block against the workspace's catalogue), as the same error. */
export const configErrorOf = (problems: readonly Problem[]): ConfigError => new ConfigError(problems.map(formatProblem));

export function loadStackConfig(flat: Readonly<Record<string, string>>, stack: string): StackConfig {
    const parsed = resolvedStackConfigSchema(stack).safeParse(decode(flat), { reportInput: true });
    if (!parsed.success) throw new ConfigError(fromZod(parsed.error.issues).map(formatProblem));
    return parsed.data;
}
