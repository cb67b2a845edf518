// What a deployment's time and cost follow from, read from the plan's recorded resources
// only: StackSet operations (their targets, preferences and chaining), what each cloud is
// asked to create, the waits, the S3 connectors and trails. A hand-made list of resources
// works as well as a recorded plan, so the models are tested without the program.
import * as cloudformation from "@pulumi/aws/cloudformation";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as kms from "@pulumi/aws/kms";
import { Provider } from "@pulumi/aws/provider";
import * as sns from "@pulumi/aws/sns";
import * as arm from "@pulumi/azure-native/resources";
import * as time from "@pulumiverse/time";
import { OrganizationConnection } from "../../src";
import { CLOUDTRAIL_CONNECTOR_TYPE, typeToken } from "../../src/facts";
import { providerProcesses } from "../providerProcesses";
import { allowedAccountsOf } from "../providerInputs";
import type { PlannedResource } from "../record";
import { STACKSET_DEFAULT_FAILURE_TOLERANCE_COUNT, STACKSET_DEFAULT_MAX_CONCURRENT_COUNT } from "./constants";

/** What the shape reads of a resource; outputs are optional (a saved plan or a hand-made one may lack them). */
export type ShapeResource = Pick<PlannedResource, "urn" | "type" | "name" | "custom" | "inputs"> &
    Partial<Pick<PlannedResource, "provider" | "dependsOn" | "outputs" | "version" | "parent">>;

const STACK_SET_INSTANCE = typeToken(cloudformation.StackSetInstance);
const STACK_SET = typeToken(cloudformation.StackSet);
const SLEEP = typeToken(time.Sleep);
const TRAIL = typeToken(cloudtrail.Trail);
const KMS_KEY = typeToken(kms.Key);
const ALARM = typeToken(cloudwatch.MetricAlarm);
const SUBSCRIPTION = typeToken(sns.TopicSubscription);
const ARM_RESOURCE = typeToken(arm.Resource);
const AWS_PROVIDER = typeToken(Provider);
const S3_CONNECTOR_KIND = "AmazonWebServicesS3";

export type ConcurrencyMode = "STRICT_FAILURE_TOLERANCE" | "SOFT_FAILURE_TOLERANCE";

/** One StackSet operation: a stack instance's creation over its targets. */
export interface StackSetOperation {
    readonly name: string;
    readonly stackSet: string;
    readonly accounts: number;
    readonly mode: ConcurrencyMode;
    /** Its operation preferences as recorded (absent: AWS's defaults). */
    readonly preferences: unknown;
    /** Accounts CloudFormation starts at once, as the preferences and mode give it. */
    readonly concurrency: number;
    readonly waves: number;
    /** The stack instances it waits for (`dependsOn` between instances). */
    readonly chainedAfter: readonly string[];
    /** Seconds of the IAM propagation wait that follows it. */
    readonly waitSeconds: number;
}

/** An S3-connector account: where its logs land and what it pays for. */
export interface LogAccount {
    readonly accountId: string;
    /** The name its provider carries (`<name>-aws`), for messages. */
    readonly label: string;
    readonly region: string;
    /** Sentinel tables it feeds: AWSCloudTrail, AWSGuardDuty, AWSVPCFlow. */
    readonly tables: readonly string[];
    /** The trail it creates, if any. */
    readonly trail?: { readonly name: string; readonly organization: boolean; readonly dataEvents: boolean };
    /** It reads CloudTrail logs that a trail outside this stack writes (existingBucket). */
    readonly readsExistingTrail: boolean;
    readonly kmsKeys: number;
    readonly alarms: number;
    /** Its CloudTrail notifications go through SNS (an existing bucket's fan-out). */
    readonly viaSns: boolean;
}

export interface DeploymentShape {
    /** Steps the engine runs and checkpoints on a first `pulumi up`: the stack, every resource, every default provider. */
    readonly steps: number;
    /** Custom resources a refresh reads back. */
    readonly customResources: number;
    readonly azureCreates: number;
    readonly awsCreates: number;
    /** Seconds of waits (time:Sleep) that are not tied to a StackSet operation. */
    readonly otherWaitSeconds: readonly number[];
    readonly stackSetOperations: readonly StackSetOperation[];
    readonly providerProcesses: Readonly<Record<string, number>>;
    /** Bytes of the resources as the plan records them, inputs and outputs. */
    readonly stateBytes: number;
    readonly logAccounts: readonly LogAccount[];
    /** Members an organisation mode connects (CloudTrail API connectors), when the plan has them. */
    readonly organizationMembers: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined);

/** `30s`, `2m`, `1h30m` as time:Sleep reads them; anything else is 0. */
export function durationSeconds(text: unknown): number {
    if (typeof text !== "string") return 0;
    const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
    let total = 0;
    for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(n) * units[unit];
    return total;
}

/** The accounts an instance's operation deploys to: its OU's accounts (from the answer), filtered as `accountFilterType` says. */
function targetAccounts(r: ShapeResource): number {
    const targets = isObject(r.inputs.deploymentTargets) ? r.inputs.deploymentTargets : {};
    const listed = strings(targets.accounts);
    const summaries = Array.isArray(r.outputs?.stackInstanceSummaries) ? r.outputs.stackInstanceSummaries : undefined;
    if (summaries === undefined) return listed.length > 0 ? listed.length : typeof r.inputs.accountId === "string" ? 1 : 0;
    const inOu = new Set(summaries.flatMap((s) => (isObject(s) && typeof s.accountId === "string" ? [s.accountId] : [])));
    switch (targets.accountFilterType) {
        case "DIFFERENCE":
            return [...inOu].filter((a) => !listed.includes(a)).length;
        case "INTERSECTION":
            return [...inOu].filter((a) => listed.includes(a)).length;
        case "UNION":
            return new Set([...inOu, ...listed]).size;
        default:
            return inOu.size;
    }
}

/** Accounts at once and waves, as CloudFormation reads the preferences (STACKSET_RULES). */
export function stackSetConcurrency(accounts: number, preferences: unknown): { mode: ConcurrencyMode; concurrency: number; waves: number } {
    const p = isObject(preferences) ? preferences : {};
    const mode: ConcurrencyMode = p.concurrencyMode === "SOFT_FAILURE_TOLERANCE" ? "SOFT_FAILURE_TOLERANCE" : "STRICT_FAILURE_TOLERANCE";
    const maxPercent = num(p.maxConcurrentPercentage);
    const tolerancePercent = num(p.failureTolerancePercentage);
    const maxConcurrent =
        num(p.maxConcurrentCount) ??
        (maxPercent !== undefined ? Math.max(1, Math.floor((accounts * maxPercent) / 100)) : STACKSET_DEFAULT_MAX_CONCURRENT_COUNT.value);
    const tolerance =
        num(p.failureToleranceCount) ??
        (tolerancePercent !== undefined ? Math.floor((accounts * tolerancePercent) / 100) : STACKSET_DEFAULT_FAILURE_TOLERANCE_COUNT.value);
    const concurrency = Math.max(1, mode === "STRICT_FAILURE_TOLERANCE" ? Math.min(maxConcurrent, tolerance + 1) : maxConcurrent);
    return { mode, concurrency, waves: Math.ceil(accounts / concurrency) };
}

function stackSetOperations(resources: readonly ShapeResource[], waits: Map<string, number>): StackSetOperation[] {
    const instances = resources.filter((r) => r.type === STACK_SET_INSTANCE);
    const byUrn = new Map(instances.map((r) => [r.urn, r]));
    return instances.map((r) => {
        const accounts = targetAccounts(r);
        return {
            name: r.name,
            stackSet: typeof r.inputs.stackSetName === "string" ? r.inputs.stackSetName : "?",
            accounts,
            preferences: r.inputs.operationPreferences,
            ...stackSetConcurrency(accounts, r.inputs.operationPreferences),
            chainedAfter: (r.dependsOn ?? []).filter((u) => byUrn.has(u)).map((u) => byUrn.get(u)!.name),
            waitSeconds: waits.get(r.urn) ?? 0,
        };
    });
}

function logAccounts(resources: readonly ShapeResource[], byUrn: ReadonlyMap<string, ShapeResource>): LogAccount[] {
    // An account's AWS provider names it (`<name>-aws`) and gives its region.
    const providers = new Map(resources.filter((r) => r.type === AWS_PROVIDER).map((p) => [allowedAccountsOf(p.inputs)[0], p]));
    const accountIdOf = (r: ShapeResource) => allowedAccountsOf(r.provider ? byUrn.get(r.provider)?.inputs : undefined)[0];
    const accounts = new Map<string, { tables: string[]; sqsRegion: string; resources: ShapeResource[] }>();
    for (const r of resources) {
        if (r.type !== ARM_RESOURCE || r.inputs.kind !== S3_CONNECTOR_KIND) continue;
        const props = isObject(r.inputs.properties) ? r.inputs.properties : {};
        const id = /^arn:[^:]+:iam::(\d{12}):/.exec(String(props.roleArn ?? ""))?.[1];
        if (!id) continue;
        const region = /^https:\/\/sqs\.([a-z0-9-]+)\./.exec(strings(props.sqsUrls)[0] ?? "")?.[1] ?? "?";
        const entry = accounts.get(id) ?? { sqsRegion: region, tables: [], resources: [] };
        entry.tables.push(String(props.destinationTable ?? "?"));
        accounts.set(id, entry);
    }
    for (const r of resources) {
        if (!r.custom || !r.provider) continue;
        const id = accountIdOf(r);
        if (id) accounts.get(id)?.resources.push(r);
    }
    return [...accounts].map(([accountId, { sqsRegion, tables, resources: rs }]) => {
        const provider = providers.get(accountId);
        const label = provider?.name.replace(/-aws$/, "") ?? accountId;
        const region = typeof provider?.inputs.region === "string" ? provider.inputs.region : sqsRegion;
        const trail = rs.find((r) => r.type === TRAIL);
        const readsCloudTrail = tables.includes("AWSCloudTrail");
        return {
            accountId,
            label,
            region,
            tables,
            ...(trail
                ? {
                      trail: {
                          name: String(trail.inputs.name ?? trail.name),
                          organization: trail.inputs.isOrganizationTrail === true,
                          dataEvents: trail.inputs.advancedEventSelectors !== undefined,
                      },
                  }
                : {}),
            readsExistingTrail: readsCloudTrail && !trail,
            kmsKeys: rs.filter((r) => r.type === KMS_KEY).length,
            alarms: rs.filter((r) => r.type === ALARM).length,
            viaSns: rs.some((r) => r.type === SUBSCRIPTION),
        };
    });
}

/** The shape of a first `pulumi up` of these resources. */
export function shapeOf(resources: readonly ShapeResource[]): DeploymentShape {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const processes = providerProcesses(resources.map((r) => ({ provider: undefined, version: "", dependsOn: [], ...r }) as PlannedResource));
    const explicitProviders = resources.filter((r) => r.type.startsWith("pulumi:providers:")).length;
    const defaultProviders = Object.values(processes).reduce((n, c) => n + c, 0) - explicitProviders;
    // A wait that follows a stack instance belongs to its operation; the others hold an engine slot of their own.
    const instanceWaits = new Map<string, number>();
    const otherWaits: number[] = [];
    for (const r of resources.filter((x) => x.type === SLEEP)) {
        const seconds = durationSeconds(r.inputs.createDuration);
        const instance = (r.dependsOn ?? []).find((u) => byUrn.get(u)?.type === STACK_SET_INSTANCE);
        if (instance) instanceWaits.set(instance, Math.max(instanceWaits.get(instance) ?? 0, seconds));
        else otherWaits.push(seconds);
    }
    const custom = resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
    const stateBytes = resources.reduce(
        (n, r) => n + Buffer.byteLength(JSON.stringify({ urn: r.urn, type: r.type, inputs: r.inputs, outputs: r.outputs ?? {}, dependsOn: r.dependsOn ?? [] })),
        0,
    );
    return {
        steps: resources.length + 1 + defaultProviders,
        customResources: custom.length,
        azureCreates: custom.filter((r) => r.type.startsWith("azure-native:")).length,
        awsCreates: custom.filter((r) => r.type.startsWith("aws:") && r.type !== STACK_SET_INSTANCE && r.type !== STACK_SET).length,
        otherWaitSeconds: otherWaits,
        stackSetOperations: stackSetOperations(resources, instanceWaits),
        providerProcesses: processes,
        stateBytes,
        logAccounts: logAccounts(resources, byUrn),
        organizationMembers: resources.filter((r) => r.type === CLOUDTRAIL_CONNECTOR_TYPE && r.parent?.includes(`::${OrganizationConnection.TYPE}::`)).length,
    };
}
