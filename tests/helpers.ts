// Shared builders for tests: stack configs in the flat form Pulumi hands the program, and
// a way to plan them with the real program under the mock engine.
import path from "node:path";
import * as cloudformation from "@pulumi/aws/cloudformation";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as guardduty from "@pulumi/aws/guardduty";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import { Provider } from "@pulumi/aws/provider";
import * as s3 from "@pulumi/aws/s3";
import * as sns from "@pulumi/aws/sns";
import * as sqs from "@pulumi/aws/sqs";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import * as time from "@pulumiverse/time";
import { stringify } from "yaml";
import { CLOUDTRAIL_CONNECTOR_TYPE } from "../src/constants";
import { typeToken } from "../src/typeToken";
import { readProjectDefaults, readStackConfig } from "../plan/stackFile";
import { Plan, PlannedResource } from "../plan/record";
import { CloudOptions, entryPointOnce, programOnce } from "./planOnce";
import { runPlan } from "../plan/cli";
import type { PolicyCheck } from "../plan/policyCheck";

export type Json = Record<string, unknown>;

export const account = (name: string, accountId: string, extra: Json = {}): Json => ({
    name,
    accountId,
    region: "us-east-1",
    assumeRoleArn: `arn:aws:iam::${accountId}:role/pulumi-deploy`,
    ...extra,
});

/** A valid config, with `overrides` replacing whole top-level keys (`undefined` removes one). */
export function flatConfig(overrides: Json = {}): Record<string, string> {
    const values: Json = {
        "azure-native:location": "westeurope",
        workspace: { name: "sentinel-test", resourceGroupName: "rg-sentinel-test" },
        awsAccounts: [account("audit", "111122223333")],
        ...overrides,
    };
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
        if (value === undefined) continue;
        const fullKey = key.includes(":") ? key : `sentinel-aws:${key}`;
        flat[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return flat;
}

/** A stack file holding flat config: provider values as they are, the project's as the YAML they were made from. */
export const stackFileText = (flat: Readonly<Record<string, string>>): string =>
    stringify({ config: Object.fromEntries(Object.entries(flat).map(([k, v]) => [k, k.startsWith("azure-native:") ? v : JSON.parse(v)])) });

/** The plan of a flat config against the fake cloud made with `cloud`; planned once per test worker (planOnce.ts). */
export const planOf = (flat: Record<string, string>, stack = "test", cloud: CloudOptions = {}): Promise<Plan> => programOnce(stack, flat, cloud);

export const ROOT = path.join(__dirname, "..");

/** A sample stack file of the repository (e.g. `Pulumi.dev.yaml`), over the project's defaults, as flat config. */
export const sampleConfig = (file: string): Record<string, string> =>
    readStackConfig(path.join(ROOT, file), readProjectDefaults(path.join(ROOT, "Pulumi.yaml")));

export const planSample = (file: string, stack: string): Promise<Plan> => planOf(sampleConfig(file), stack);

export const ofType = (plan: Plan, type: string): PlannedResource[] => plan.resources.filter((r) => r.type === type);

export function one(plan: Plan, type: string, name: string): PlannedResource {
    const found = plan.resources.find((r) => r.type === type && r.name === name);
    if (!found) throw new Error(`no ${type} named ${name} in the plan`);
    return found;
}

/** The types the program registers, from the SDK classes as the program and the plan read them. */
export const T = {
    resourceGroup: typeToken(resources.ResourceGroup),
    workspace: typeToken(operationalinsights.Workspace),
    onboarding: typeToken(securityinsights.SentinelOnboardingState),
    // Registered under the program's own constant, not through the class (cloudTrailConnector.ts).
    connector: CLOUDTRAIL_CONNECTOR_TYPE,
    role: typeToken(iam.Role),
    attachment: typeToken(iam.RolePolicyAttachment),
    inlinePolicy: typeToken(iam.RolePolicy),
    awsProvider: typeToken(Provider),
    wait: typeToken(time.Sleep),
    armResource: typeToken(resources.Resource),
    oidcProvider: typeToken(iam.OpenIdConnectProvider),
    bucket: typeToken(s3.Bucket),
    bucketPolicy: typeToken(s3.BucketPolicy),
    bucketEncryption: typeToken(s3.BucketServerSideEncryptionConfiguration),
    notification: typeToken(s3.BucketNotification),
    queue: typeToken(sqs.Queue),
    queuePolicy: typeToken(sqs.QueuePolicy),
    trail: typeToken(cloudtrail.Trail),
    key: typeToken(kms.Key),
    guardDutyExport: typeToken(guardduty.PublishingDestination),
    flowLog: typeToken(ec2.FlowLog),
    alarm: typeToken(cloudwatch.MetricAlarm),
    topic: typeToken(sns.Topic),
    topicPolicy: typeToken(sns.TopicPolicy),
    subscription: typeToken(sns.TopicSubscription),
    stackSet: typeToken(cloudformation.StackSet),
    stackSetInstance: typeToken(cloudformation.StackSetInstance),
};

type CliRun = { code: number; stdout: string; stderr: string };

async function planCli(argv: readonly string[], policyPack?: PolicyCheck): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const code = await runPlan(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, ROOT, { policyPack, record: entryPointOnce });
    return { code, stdout, stderr };
}

/** `npm run plan -- ...argv` in this process, its exit code and what it printed. */
export const runPlanCli = (...argv: string[]): Promise<CliRun> => planCli(argv);

/** As runPlanCli, with --check-policy asking `policyPack`, the one this test worker runs (tests/policy/packSession.ts), instead of a pack of its own. */
export const runPlanCliWithPack = (policyPack: PolicyCheck, ...argv: string[]): Promise<CliRun> => planCli(argv, policyPack);
