// The edge: turns the stack's raw config (what Pulumi hands the program) into a typed
// StackConfig, or fails with every problem named by its config key and bad value.
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { RETENTION_DAYS } from "../constants";
import { defaultRoleName } from "../naming";
import { describe, IAM_ROLE_NAME, MAX_TAGS, ROLE_ARN } from "./rules";
import { RawStackConfig, stackConfigSchema } from "./schema";
import type { AwsAccountConfig, DeploymentCredentials, StackConfig } from "./types";

export const PROJECT = "sentinel-aws";
const LOCATION_KEY = "azure-native:location";
/** Keys whose values are structured: Pulumi hands them to the program as JSON text. */
const OBJECT_KEYS = new Set(["workspace", "awsAccounts", "tags"]);
const INTEGER_KEYS = new Set(["iamPropagationSeconds"]);

/** Bad stack config. A RunError, so `pulumi up` prints the message without a stack trace. */
export class ConfigError extends pulumi.RunError {
    constructor(problems: readonly string[]) {
        super(`Invalid stack config:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "ConfigError";
    }
}

/** One thing wrong with the config; `value` is the bad value, when there is one to show. */
type Problem = { path: readonly PropertyKey[]; message: string; value?: unknown };

/** `["awsAccounts", 1, "accountId"]` → `sentinel-aws:awsAccounts[1].accountId`. */
function configKeyPath(path: readonly PropertyKey[]): string {
    const [head, ...rest] = path;
    // Keys of other namespaces are kept qualified; project keys are not.
    const root = String(head).includes(":") ? String(head) : `${PROJECT}:${String(head)}`;
    return root + rest.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
}

function formatProblem(p: Problem): string {
    const value = p.value === undefined ? undefined : describe(p.value);
    const shown = value !== undefined && !p.message.includes(value) ? ` (got ${value})` : "";
    return `${configKeyPath(p.path)}: ${p.message}${shown}`;
}

/** Reads Pulumi's flat config map (`project:key` → text) into plain values for the schema. */
function decode(flat: Readonly<Record<string, string>>): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(flat)) {
        if (fullKey === LOCATION_KEY) {
            raw[LOCATION_KEY] = text;
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
                message: "is not a known config key (check its spelling against the README)",
            }));
        }
        return [{ path: issue.path, message: issue.message, value: issue.input }];
    });
}

function credentialsOf(a: RawStackConfig["awsAccounts"][number]): DeploymentCredentials {
    if (a.assumeRoleArn) return { kind: "assumeRole", roleArn: a.assumeRoleArn };
    if (a.profile) return { kind: "profile", profile: a.profile };
    return { kind: "ambient" };
}

/** Rules that span several fields or entries; the schema checks each field alone. */
function crossCheck(cfg: RawStackConfig, stack: string): Problem[] {
    const problems: Problem[] = [];
    const add = (path: PropertyKey[], message: string, value?: unknown) => problems.push({ path, message, value });

    if (!cfg.workspace.existing && cfg[LOCATION_KEY] === undefined) {
        add([LOCATION_KEY], "is required when the program creates the workspace (workspace.existing is false)");
    }
    if (cfg.workspace.existing && cfg.workspace.retentionInDays !== undefined) {
        add(["workspace", "retentionInDays"], "applies only to a workspace this program creates; an existing workspace is never changed", cfg.workspace.retentionInDays);
    }

    const unique = [
        ["name", "labels must be unique"],
        ["accountId", "list each AWS account once"],
    ] as const;
    for (const [field, rule] of unique) {
        const first = new Map<string, number>();
        cfg.awsAccounts.forEach((a, i) => {
            const earlier = first.get(a[field]);
            if (earlier === undefined) first.set(a[field], i);
            else add(["awsAccounts", i, field], `duplicates awsAccounts[${earlier}].${field}: ${rule}`, a[field]);
        });
    }

    cfg.awsAccounts.forEach((a, i) => {
        if (a.accountId === cfg.microsoftAccountId) {
            add(["awsAccounts", i, "accountId"], "is the account Sentinel assumes roles from (microsoftAccountId), not one of yours", a.accountId);
        }
        if (a.assumeRoleArn !== undefined && a.profile !== undefined) {
            add(["awsAccounts", i], "sets both assumeRoleArn and profile: choose one way to authenticate");
        }
        const arnAccount = a.assumeRoleArn?.match(ROLE_ARN)?.[1];
        if (arnAccount !== undefined && arnAccount !== a.accountId) {
            add(["awsAccounts", i, "assumeRoleArn"], `is a role in account ${arnAccount}, but this entry's accountId is ${a.accountId}: the deployment role must be in the account it deploys to`, a.assumeRoleArn);
        }
        if (a.roleName === undefined && !IAM_ROLE_NAME.test(defaultRoleName(stack))) {
            add(["awsAccounts", i, "roleName"], `must be set: the default ${defaultRoleName(stack)} (from the stack name) is not a valid IAM role name`);
        }
        const merged = Object.keys({ ...cfg.tags, ...a.tags }).length;
        if (merged > MAX_TAGS) add(["awsAccounts", i, "tags"], `with the stack-wide tags makes ${merged} tags; AWS and Azure allow ${MAX_TAGS}`);
    });
    return problems;
}

/**
 * Parses the config Pulumi passes to the program (`pulumi.runtime.allConfig()`: keys
 * `project:key`, values as text, objects as JSON) for the given stack.
 * Throws ConfigError naming every bad key path and value.
 */
export function loadStackConfig(flat: Readonly<Record<string, string>>, stack: string): StackConfig {
    const parsed = stackConfigSchema.safeParse(decode(flat), { reportInput: true });
    if (!parsed.success) throw new ConfigError(fromZod(parsed.error.issues).map(formatProblem));

    const cfg = parsed.data;
    const crossProblems = crossCheck(cfg, stack);
    if (crossProblems.length > 0) throw new ConfigError(crossProblems.map(formatProblem));

    const awsAccounts = cfg.awsAccounts.map(
        (a): AwsAccountConfig => ({
            name: a.name,
            accountId: a.accountId,
            region: a.region,
            credentials: credentialsOf(a),
            roleName: a.roleName ?? defaultRoleName(stack),
            rolePermissions: a.rolePermissions ?? cfg.rolePermissions,
            tags: { ...cfg.tags, ...a.tags },
        }),
    );
    const { retentionInDays, ...workspace } = cfg.workspace;
    return {
        stack,
        location: cfg[LOCATION_KEY],
        workspace: workspace.existing ? workspace : { ...workspace, retentionInDays: retentionInDays ?? RETENTION_DAYS.default },
        awsAccounts,
        tags: cfg.tags,
        microsoftAccountId: cfg.microsoftAccountId,
        iamPropagationSeconds: cfg.iamPropagationSeconds,
    };
}
