// The edge: turns the stack's raw config (what Pulumi hands the program) into a typed
// StackConfig, or fails with every problem named by its config key and bad value.
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { RETENTION_DAYS } from "../constants";
import { defaultOidcRoleName, defaultRoleName } from "../naming";
import { OIDC_ROLE_NAME_PREFIX, oidcIssuerHost, S3LogType, SENTINEL_OIDC } from "../s3Facts";
import { IAM_ROLE_NAME, MAX_TAGS, OIDC_PROVIDER_ARN, partitionOf, ROLE_ARN } from "./rules";
import { LIMITS, RawStackConfig, s3Schema, stackConfigSchema } from "./schema";
import { describe, keyPath } from "./show";
import { tagObject } from "./tagObject";
import type { AwsAccountConfig, DeploymentCredentials, OrganizationConfig, S3ConnectorConfig, StackConfig } from "./types";

export const PROJECT = "sentinel-aws";
const LOCATION_KEY = "azure-native:location";
/** Keys whose values are structured: Pulumi hands them to the program as JSON text. */
const OBJECT_KEYS = new Set(["workspace", "awsAccounts", "organization", "tags"]);
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
function configKeyPath([key, ...rest]: readonly PropertyKey[]): string {
    // The schema reads the project's keys without their namespace, and the location with its own.
    return keyPath([key === LOCATION_KEY ? key : `${PROJECT}:${String(key)}`, ...rest]);
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

type RawAccount = NonNullable<RawStackConfig["awsAccounts"]>[number];
type RawOrganization = NonNullable<RawStackConfig["organization"]>;

/** The S3 settings of an S3-connected account, defaults filled in when the entry gives none. */
const s3SettingsOf = (a: RawAccount): S3ConnectorConfig => {
    const { vpcIds, ...rest } = a.s3 ?? s3Schema.parse({});
    return { ...rest, vpcIds: vpcIds ?? [] };
};

const roleNameOf = (a: RawAccount, stack: string): string =>
    a.roleName ?? (a.connector === "s3" ? defaultOidcRoleName(stack) : defaultRoleName(stack));

function credentialsOf(a: { assumeRoleArn?: string; profile?: string }): DeploymentCredentials {
    if (a.assumeRoleArn) return { kind: "assumeRole", roleArn: a.assumeRoleArn };
    if (a.profile) return { kind: "profile", profile: a.profile };
    return { kind: "ambient" };
}

/** Rules that span several fields or entries; the schema checks each field alone. */
function crossCheck(cfg: RawStackConfig, stack: string): Problem[] {
    const problems: Problem[] = [];
    const add = (path: PropertyKey[], message: string, value?: unknown) => problems.push({ path, message, value });

    const accounts = cfg.awsAccounts ?? [];
    if (cfg.awsAccounts === undefined && cfg.organization === undefined) add(["awsAccounts"], "is required unless sentinel-aws:organization is set");
    if (!cfg.workspace.existing && cfg[LOCATION_KEY] === undefined) {
        add([LOCATION_KEY], "is required when the program creates the workspace (workspace.existing is false)");
    }
    if (cfg.workspace.existing && cfg.workspace.retentionInDays !== undefined) {
        add(["workspace", "retentionInDays"], "applies only to a workspace this program creates; an existing workspace is never changed", cfg.workspace.retentionInDays);
    }

    // Each entry's value at `path`, compared by `keyOf`: an account may appear twice only with
    // different connectors, the way to move it from one to the other without a gap.
    const unique: { path: readonly string[]; keyOf: (a: RawAccount) => string | undefined; rule: string }[] = [
        { path: ["name"], keyOf: (a) => a.name, rule: "labels must be unique" },
        { path: ["accountId"], keyOf: (a) => `${a.accountId}/${a.connector}`, rule: "list each AWS account once per connector" },
        { path: ["s3", "organizationId"], keyOf: (a) => a.s3?.organizationId, rule: "one organisation trail per organisation" },
    ];
    for (const { path, keyOf, rule } of unique) {
        const first = new Map<string, number>();
        accounts.forEach((a, i) => {
            const key = keyOf(a);
            if (key === undefined) return;
            const earlier = first.get(key);
            if (earlier === undefined) first.set(key, i);
            else add(["awsAccounts", i, ...path], `duplicates awsAccounts[${earlier}].${path.join(".")}: ${rule}`, path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], a));
        });
    }

    const s3Accounts = accounts.filter((a) => a.connector === "s3");
    if (s3Accounts.length > LIMITS.s3Accounts) {
        add(["awsAccounts"], `lists ${s3Accounts.length} accounts with connector s3: at most ${LIMITS.s3Accounts} (each registers some 34 resources; an organisation trail covers every account with one)`);
    }
    const vpcs = s3Accounts.reduce((n, a) => n + (a.s3?.vpcIds?.length ?? 0), 0);
    if (vpcs > LIMITS.vpcsPerStack) add(["awsAccounts"], `lists ${vpcs} VPCs in all (s3.vpcIds): at most ${LIMITS.vpcsPerStack} per stack (one flow log each); split the accounts over stacks`);

    if (cfg.organization !== undefined) problems.push(...organizationProblems(cfg.organization, cfg, stack));
    accounts.forEach((a, i) => {
        if (a.accountId === cfg.microsoftAccountId) {
            add(["awsAccounts", i, "accountId"], "is the account Sentinel assumes roles from (microsoftAccountId), not one of yours", a.accountId);
        }
        problems.push(...signInProblems(a, ["awsAccounts", i]));
        if (cfg.organization?.accountId === a.accountId) {
            add(["awsAccounts", i, "accountId"], `is also sentinel-aws:organization.accountId: the organisation's StackSet already gives ${a.accountId} its role (set organization.connectManagementAccount to connect the management account)`, a.accountId);
        }
        const roleName = roleNameOf(a, stack);
        if (a.roleName === undefined && !IAM_ROLE_NAME.test(roleName)) {
            add(["awsAccounts", i, "roleName"], `must be set: the default ${roleName} (from the stack name) is not a valid IAM role name`);
        }
        if (a.connector === "s3") problems.push(...s3Problems(a, i, cfg));
        else problems.push(...cloudTrailApiProblems(a, i));
        problems.push(...mergedTagProblems(cfg.tags, a.tags, ["awsAccounts", i, "tags"]));
    });
    return problems;
}

function mergedTagProblems(stackTags: ReadonlyMap<string, string>, own: ReadonlyMap<string, string> | undefined, path: PropertyKey[]): Problem[] {
    const merged = new Set([...stackTags.keys(), ...(own?.keys() ?? [])]).size;
    return merged > MAX_TAGS ? [{ path, message: `with the stack-wide tags makes ${merged} tags; AWS and Azure allow ${MAX_TAGS}` }] : [];
}

/** How the program signs in to an account (a listed one, or the organisation's): one way, into that account. */
function signInProblems(a: { accountId: string; region: string; assumeRoleArn?: string; profile?: string }, path: PropertyKey[]): Problem[] {
    const problems: Problem[] = [];
    if (a.assumeRoleArn !== undefined && a.profile !== undefined) {
        problems.push({ path, message: "sets both assumeRoleArn and profile: choose one way to authenticate" });
    }
    const [, arnPartition, arnAccount] = a.assumeRoleArn?.match(ROLE_ARN) ?? [];
    if (arnAccount !== undefined && arnAccount !== a.accountId) {
        problems.push({ path: [...path, "assumeRoleArn"], message: `is a role in account ${arnAccount}, but this entry's accountId is ${a.accountId}: the deployment role must be in the account it deploys to`, value: a.assumeRoleArn });
    }
    if (arnPartition !== undefined && arnPartition !== partitionOf(a.region)) {
        problems.push({ path: [...path, "assumeRoleArn"], message: `is in the ${arnPartition} partition, but region ${a.region} is in ${partitionOf(a.region)}`, value: a.assumeRoleArn });
    }
    return problems;
}

/** What the organisation mode needs and refuses, beyond each field's own rule. */
function organizationProblems(o: RawOrganization, cfg: RawStackConfig, stack: string): Problem[] {
    const problems: Problem[] = signInProblems(o, ["organization"]);
    const add = (path: PropertyKey[], message: string, value?: unknown) => problems.push({ path: ["organization", ...path], message, value });
    if (partitionOf(o.region) === "aws-us-gov") {
        add(["region"], "is an AWS GovCloud region: the organisation's roles serve Sentinel's CloudTrail API connector, which reads AWS Commercial accounts only", o.region);
    }
    if (o.accountId === cfg.microsoftAccountId) add(["accountId"], "is the account Sentinel assumes roles from (microsoftAccountId), not one of yours", o.accountId);
    if (o.deployAs === "delegatedAdmin") {
        if (o.managementAccountId === undefined) {
            add(["managementAccountId"], "is required with deployAs: delegatedAdmin: the management account never receives the StackSet's role, so its connector must be left out (aws organizations describe-organization: MasterAccountId)");
        } else if (o.managementAccountId === o.accountId) {
            add(["managementAccountId"], "is accountId: a delegated administrator is a member account, not the management account", o.managementAccountId);
        }
        if (o.connectManagementAccount) {
            add(
                ["connectManagementAccount"],
                "cannot be true with deployAs: delegatedAdmin: the program signs in to the delegated administrator only, and creating the role in the management account would take a second AWS provider; list the management account in sentinel-aws:awsAccounts instead",
                true,
            );
        }
    } else if (o.managementAccountId !== undefined && o.managementAccountId !== o.accountId) {
        add(["managementAccountId"], `applies only to deployAs: delegatedAdmin; with deployAs: management, accountId (${o.accountId}) is the management account`, o.managementAccountId);
    }
    if (o.roleName === undefined && !IAM_ROLE_NAME.test(defaultRoleName(stack))) {
        add(["roleName"], `must be set: the default ${defaultRoleName(stack)} (from the stack name) is not a valid IAM role name`);
    }
    problems.push(...mergedTagProblems(cfg.tags, o.tags, ["organization", "tags"]));
    return problems;
}

/** What the CloudTrail API connector cannot do or does not take. */
function cloudTrailApiProblems(a: RawAccount, i: number): Problem[] {
    const problems: Problem[] = [];
    if (partitionOf(a.region) === "aws-us-gov") {
        problems.push({
            path: ["awsAccounts", i, "region"],
            message: "is an AWS GovCloud region: Sentinel's CloudTrail API connector supports AWS Commercial regions only (set connector: s3 for GovCloud)",
            value: a.region,
        });
    }
    if (a.s3 !== undefined) problems.push({ path: ["awsAccounts", i, "s3"], message: "applies only to connector: s3 (this entry uses cloudTrailApi)" });
    return problems;
}

/** What the S3 connector needs and refuses, beyond each field's own rule. */
function s3Problems(a: RawAccount, i: number, cfg: RawStackConfig): Problem[] {
    const problems: Problem[] = [];
    const add = (path: PropertyKey[], message: string, value?: unknown) => problems.push({ path: ["awsAccounts", i, ...path], message, value });
    const s3 = s3SettingsOf(a);
    const has = (logType: S3LogType) => s3.logTypes.includes(logType);

    if (a.rolePermissions !== undefined) {
        add(["rolePermissions"], "applies only to connector: cloudTrailApi; the S3 connector's role gets exactly the queue, bucket and key permissions it needs", a.rolePermissions);
    }
    if (a.roleName !== undefined && !a.roleName.startsWith(OIDC_ROLE_NAME_PREFIX)) {
        add(["roleName"], `must start with ${OIDC_ROLE_NAME_PREFIX} for the S3 connector (Sentinel refuses other role names)`, a.roleName);
    }
    if (has("guardDuty") && s3.guardDutyDetectorId === undefined) {
        add(["s3", "guardDutyDetectorId"], `is required when s3.logTypes includes guardDuty: the ID of this account's GuardDuty detector in ${a.region} (aws guardduty list-detectors); this program does not turn GuardDuty on`);
    }
    if (!has("guardDuty") && s3.guardDutyDetectorId !== undefined) add(["s3", "guardDutyDetectorId"], "applies only when s3.logTypes includes guardDuty");
    if (has("vpcFlowLogs") && s3.vpcIds.length === 0) add(["s3", "vpcIds"], "is required when s3.logTypes includes vpcFlowLogs: the VPCs whose flow logs to collect");
    if (!has("vpcFlowLogs") && s3.vpcIds.length > 0) add(["s3", "vpcIds"], "applies only when s3.logTypes includes vpcFlowLogs");
    if (s3.organizationId !== undefined && !has("cloudTrail")) {
        add(["s3", "organizationId"], "makes the trail an organisation trail, so s3.logTypes must include cloudTrail", s3.organizationId);
    }
    if (s3.dataEvents && !has("cloudTrail")) add(["s3", "dataEvents"], "applies only when s3.logTypes includes cloudTrail");

    const [, partition, account, issuer] = s3.oidcProviderArn?.match(OIDC_PROVIDER_ARN) ?? [];
    if (account !== undefined && account !== a.accountId) {
        add(["s3", "oidcProviderArn"], `is a provider in account ${account}, but this entry's accountId is ${a.accountId}: the role must trust a provider of its own account`, s3.oidcProviderArn);
    }
    if (partition !== undefined && partition !== partitionOf(a.region)) {
        add(["s3", "oidcProviderArn"], `is in the ${partition} partition, but region ${a.region} is in ${partitionOf(a.region)}`, s3.oidcProviderArn);
    }
    const expected = oidcIssuerHost(SENTINEL_OIDC[cfg.azureCloud].url);
    if (issuer !== undefined && issuer !== expected) {
        add(["s3", "oidcProviderArn"], `is a provider for ${issuer}, but Sentinel in the azureCloud ${cfg.azureCloud} signs in through ${expected}`, s3.oidcProviderArn);
    }
    return problems;
}

function organizationOf(o: RawOrganization, cfg: RawStackConfig, stack: string): OrganizationConfig {
    return {
        accountId: o.accountId,
        managementAccountId: o.managementAccountId ?? o.accountId,
        region: o.region,
        deployAs: o.deployAs,
        credentials: credentialsOf(o),
        organizationalUnitIds: o.organizationalUnitIds,
        excludeAccountIds: o.excludeAccountIds ?? [],
        connectManagementAccount: o.connectManagementAccount,
        roleName: o.roleName ?? defaultRoleName(stack),
        rolePermissions: o.rolePermissions ?? cfg.rolePermissions,
        tags: tagObject(cfg.tags, o.tags),
        maxConcurrentPercentage: o.maxConcurrentPercentage,
        failureTolerancePercentage: o.failureTolerancePercentage,
    };
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

    const awsAccounts = (cfg.awsAccounts ?? []).map(
        (a): AwsAccountConfig => ({
            name: a.name,
            accountId: a.accountId,
            region: a.region,
            partition: partitionOf(a.region),
            credentials: credentialsOf(a),
            roleName: roleNameOf(a, stack),
            s3: a.connector === "s3" ? s3SettingsOf(a) : undefined,
            rolePermissions: a.rolePermissions ?? cfg.rolePermissions,
            tags: tagObject(cfg.tags, a.tags),
        }),
    );
    const { retentionInDays, ...workspace } = cfg.workspace;
    return {
        stack,
        location: cfg[LOCATION_KEY],
        workspace: workspace.existing ? workspace : { ...workspace, retentionInDays: retentionInDays ?? RETENTION_DAYS.default },
        awsAccounts,
        organization: cfg.organization && organizationOf(cfg.organization, cfg, stack),
        tags: tagObject(cfg.tags),
        microsoftAccountId: cfg.microsoftAccountId,
        azureCloud: cfg.azureCloud,
        iamPropagationSeconds: cfg.iamPropagationSeconds,
    };
}
