// Shared builders for tests: stack configs in the flat form Pulumi hands the program, and
// a way to plan them with the real program under the mock engine.
import path from "node:path";
import { loadStackConfig } from "../src/config/load";
import { readProjectDefaults, readStackConfig } from "../plan/stackFile";
import { recordPlan, Plan, PlannedResource } from "../plan/record";
import { sentinelAws } from "../src/program";
import { runPlan } from "../plan/cli";

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

export function planOf(flat: Record<string, string>, stack = "test"): Promise<Plan> {
    return recordPlan(stack, flat, () => sentinelAws(loadStackConfig(flat, stack)));
}

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

export const T = {
    resourceGroup: "azure-native:resources:ResourceGroup",
    workspace: "azure-native:operationalinsights:Workspace",
    onboarding: "azure-native:securityinsights:SentinelOnboardingState",
    connector: "azure-native:securityinsights:AwsCloudTrailDataConnector",
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    inlinePolicy: "aws:iam/rolePolicy:RolePolicy",
    awsProvider: "pulumi:providers:aws",
    wait: "time:index/sleep:Sleep",
    armResource: "azure-native:resources:Resource",
    oidcProvider: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    bucket: "aws:s3/bucket:Bucket",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    notification: "aws:s3/bucketNotification:BucketNotification",
    queue: "aws:sqs/queue:Queue",
    queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
    trail: "aws:cloudtrail/trail:Trail",
    key: "aws:kms/key:Key",
    guardDutyExport: "aws:guardduty/publishingDestination:PublishingDestination",
    flowLog: "aws:ec2/flowLog:FlowLog",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
} as const;

/** `npm run plan -- ...argv` in this process, its exit code and what it printed. */
export async function runPlanCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await runPlan(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, ROOT);
    return { code, stdout, stderr };
}
