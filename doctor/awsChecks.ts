// The AWS side of one account, with the AWS SDK: the sign-in lands in that account; the role
// Sentinel assumes exists, trusts Sentinel for this workspace only, and carries its
// permissions; for the S3 connector, each queue is being read and its dead letters are not piling up.
import { CloudWatchClient, GetMetricDataCommand, MetricDataResult } from "@aws-sdk/client-cloudwatch";
import { GetRoleCommand, IAMClient, NoSuchEntityException, paginateListAttachedRolePolicies, paginateListRolePolicies } from "@aws-sdk/client-iam";
import { GetQueueAttributesCommand, QueueAttributeName, QueueDoesNotExist, SQSClient } from "@aws-sdk/client-sqs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { CLOUDTRAIL_READ_ONLY_POLICY_ARN, LOOKUP_EVENTS_POLICY_NAME, S3_READ_POLICY_NAME } from "../src/facts";
import { shown } from "../plan/inputFile";
import { CloudCallError } from "./bounds";
import { cloudWatchFunctionFindings } from "./cloudWatchFunction";
import { awsFailure } from "./errors";
import { QUEUE_URL, StackOutputs } from "./outputs";
import { duration, fail, Finding, guarded, ok, warn } from "./report";
import { AwsCredentials, AwsSignIns } from "./awsSignIn";
import type { RolePolicy, S3Log, Target } from "./targets";
import { cloudTrailTrust, oidcTrust } from "./trust";

/** Sentinel reads each queue within minutes; an older notification means it has stopped (WARN), or stopped long ago (FAIL). */
const QUEUE_AGE_SECONDS = { warn: 15 * 60, fail: 60 * 60 } as const;

const HOUR_MS = 60 * 60 * 1000;
const PULUMI_UP = "run pulumi up: it recreates what the program declares (it was changed or deleted outside Pulumi)";

const roleNameOf = (roleArn: string) => roleArn.slice(roleArn.lastIndexOf("/") + 1);

type Clients = { iam: IAMClient; sqs: (region: string) => SQSClient; cloudWatch: (region: string) => CloudWatchClient };

/** Signs in and checks that the credentials are in the target's account; returns them only then. */
async function signIn(target: Target, signIns: AwsSignIns): Promise<{ finding: Finding; credentials?: AwsCredentials }> {
    const check = "sign-in";
    const provider = signIns.provider(target.signIn, target.region)!;
    let credentials: AwsCredentials;
    try {
        credentials = await signIns.bounds.within(provider(), "the AWS sign-in");
    } catch (err) {
        // No credentials at all (default chain or profile), or a role that would not let the doctor in.
        const role =
            target.signIn.kind === "member"
                ? target.signIn.roleArn
                : target.signIn.kind === "stack" && target.signIn.credentials.kind === "assumeRole"
                  ? target.signIn.credentials.roleArn
                  : undefined;
        if (err instanceof CloudCallError || (role !== undefined && (err as Error).name !== "CredentialsProviderError"))
            return { finding: awsFailure(check, `sts:AssumeRole on ${role}`, err) };
        return {
            finding: fail(
                check,
                `no AWS credentials: ${shown((err as Error).message)}`,
                "sign in to AWS as for pulumi up: environment variables, aws sso login, an instance role, or the profile the stack config names",
            ),
        };
    }
    const sts = new STSClient({ ...signIns.http(), region: target.region, credentials, endpoint: signIns.access.endpoints.sts });
    try {
        const identity = await sts.send(new GetCallerIdentityCommand({}));
        if (identity.Account !== target.accountId) {
            return {
                finding: fail(
                    check,
                    `signed in to account ${shown(String(identity.Account))} (${shown(String(identity.Arn))}), not ${target.accountId}`,
                    "point this account's assumeRoleArn or profile in the stack config at the account itself",
                ),
            };
        }
        if (target.signIn.kind === "stack" && !target.signIn.inConfig) {
            return {
                finding: warn(
                    check,
                    `as ${shown(String(identity.Arn))}, the ambient credentials: the stack config no longer lists this entry`,
                    "the outputs are older than the config: pulumi up brings them in line",
                ),
                credentials,
            };
        }
        return { finding: ok(check, `as ${shown(String(identity.Arn))}`), credentials };
    } catch (err) {
        return { finding: awsFailure(check, "sts:GetCallerIdentity", err) };
    } finally {
        sts.destroy();
    }
}

/** What the role must carry, as alternatives (any one will do), each with its name in messages. */
function expectedPolicies(target: Target): (RolePolicy & { what: string })[] {
    const named = (policy: RolePolicy) => ({
        ...policy,
        what: "managed" in policy ? `the managed policy ${policy.managed.split("/").pop()}` : `the inline policy ${policy.inline}`,
    });
    if (target.connector === "s3") return [named({ inline: S3_READ_POLICY_NAME })];
    // An account the config no longer lists may carry either of the program's two policies.
    return (target.policy ? [target.policy] : [{ managed: CLOUDTRAIL_READ_ONLY_POLICY_ARN }, { inline: LOOKUP_EVENTS_POLICY_NAME }]).map(named);
}

async function permissions(iam: IAMClient, target: Target, roleName: string): Promise<Finding> {
    const check = "permissions";
    const managed: string[] = [];
    const inline: string[] = [];
    try {
        for await (const page of paginateListAttachedRolePolicies({ client: iam }, { RoleName: roleName }))
            managed.push(...(page.AttachedPolicies ?? []).map((p) => p.PolicyArn ?? ""));
    } catch (err) {
        return awsFailure(check, "iam:ListAttachedRolePolicies", err);
    }
    try {
        for await (const page of paginateListRolePolicies({ client: iam }, { RoleName: roleName })) inline.push(...(page.PolicyNames ?? []));
    } catch (err) {
        return awsFailure(check, "iam:ListRolePolicies", err);
    }
    const expected = expectedPolicies(target);
    const found = expected.find((e) => ("managed" in e ? managed.includes(e.managed) : inline.includes(e.inline)));
    const has = [...managed.map((arn) => `managed ${shown(arn)}`), ...inline.map((name) => `inline ${shown(name)}`)].join(", ") || "nothing";
    if (found === undefined)
        return fail(check, `the role lacks ${expected.map((e) => e.what).join(" or ")}, so Sentinel can read nothing (it has: ${has})`, PULUMI_UP);
    const extra = [
        ...managed.filter((arn) => !("managed" in found && arn === found.managed)).map((arn) => `managed ${shown(arn)}`),
        ...inline.filter((name) => !("inline" in found && name === found.inline)).map((name) => `inline ${shown(name)}`),
    ];
    if (extra.length > 0) {
        return warn(
            check,
            `${found.what}, and also ${extra.join(", ")}: Sentinel may do more in this account than it needs`,
            "detach what the program did not attach (aws iam detach-role-policy, aws iam delete-role-policy)",
        );
    }
    return ok(check, found.what);
}

async function role(iam: IAMClient, target: Target, outputs: StackOutputs): Promise<Finding[]> {
    const roleName = roleNameOf(target.roleArn);
    let document: string;
    try {
        const answer = await iam.send(new GetRoleCommand({ RoleName: roleName }));
        document = answer.Role?.AssumeRolePolicyDocument ?? "";
    } catch (err) {
        if (err instanceof NoSuchEntityException) return [fail("role", `${shown(target.roleArn)} does not exist: Sentinel has no role to assume`, PULUMI_UP)];
        return [awsFailure("role", "iam:GetRole", err)];
    }
    const trust =
        target.connector === "s3"
            ? oidcTrust(document, target.oidcProviderArn, target.audience, outputs.workspaceId)
            : cloudTrailTrust(document, outputs.trustedPrincipal, outputs.workspaceId);
    return [ok("role", `${shown(target.roleArn)} exists`), trust, await permissions(iam, target, roleName)];
}

/** The dead-letter queue's URL, from the ARN in the queue's redrive policy (one region and account, as every SQS URL). */
function deadLetterQueue(redrivePolicy: string | undefined): { url: string; name: string } | undefined {
    if (redrivePolicy === undefined) return undefined;
    let arn: unknown;
    try {
        arn = (JSON.parse(redrivePolicy) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
    } catch {
        return undefined;
    }
    const [, partition, region, accountId, name] =
        typeof arn === "string" ? (arn.match(/^arn:(aws|aws-us-gov):sqs:([a-z]{2}(?:-gov)?-[a-z]+-\d{1,2}):(\d{12}):([\w-]{1,80})$/) ?? []) : [];
    return partition === undefined ? undefined : { url: `https://sqs.${region}.amazonaws.com/${accountId}/${name}`, name };
}

/** The newest value first (`ScanBy: TimestampDescending`). */
const series = (results: MetricDataResult[] | undefined, id: string) => results?.find((r) => r.Id === id)?.Values ?? [];

async function queue(clients: Clients, log: S3Log): Promise<Finding[]> {
    const [, region, , queueName] = log.queueUrl.match(QUEUE_URL)!;
    const queueCheck = `queue ${log.logType}`;
    const deadCheck = `dead letters ${log.logType}`;
    const sqs = clients.sqs(region);
    const attributes = async (url: string, names: QueueAttributeName[]) =>
        (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: names }))).Attributes ?? {};
    const count = (value: string | undefined) => Number(value ?? 0);

    let main;
    try {
        main = await attributes(log.queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "RedrivePolicy"]);
    } catch (err) {
        if (err instanceof QueueDoesNotExist) {
            return [fail(queueCheck, `${shown(log.queueUrl)} does not exist: S3 has nowhere to announce new logs`, PULUMI_UP)];
        }
        return [awsFailure(queueCheck, "sqs:GetQueueAttributes", err)];
    }
    const dead = deadLetterQueue(main.RedrivePolicy);
    let deadDepth = 0;
    let deadError: unknown;
    if (dead !== undefined) {
        try {
            deadDepth = count((await attributes(dead.url, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages);
        } catch (err) {
            deadError = err;
        }
    }

    // One call for both series: the age of the queue's oldest message, and the dead letters over a day.
    const end = new Date();
    let metrics: MetricDataResult[] | undefined;
    let metricsError: unknown;
    const cloudWatch = clients.cloudWatch(region);
    const metric = (id: string, name: string, of: string, period: number) => ({
        Id: id,
        MetricStat: { Metric: { Namespace: "AWS/SQS", MetricName: name, Dimensions: [{ Name: "QueueName", Value: of }] }, Period: period, Stat: "Maximum" },
    });
    try {
        const answer = await cloudWatch.send(
            new GetMetricDataCommand({
                StartTime: new Date(end.getTime() - 24 * HOUR_MS),
                EndTime: end,
                ScanBy: "TimestampDescending",
                MetricDataQueries: [
                    metric("age", "ApproximateAgeOfOldestMessage", queueName, 300),
                    ...(dead ? [metric("dead", "ApproximateNumberOfMessagesVisible", dead.name, 3600)] : []),
                ],
            }),
        );
        metrics = answer.MetricDataResults;
    } catch (err) {
        metricsError = err;
    }

    const waiting = `${count(main.ApproximateNumberOfMessages)} waiting, ${count(main.ApproximateNumberOfMessagesNotVisible)} being read`;
    let queueFinding: Finding;
    if (metricsError !== undefined) {
        queueFinding = awsFailure(queueCheck, "cloudwatch:GetMetricData", metricsError);
    } else {
        const [age] = series(metrics, "age");
        const notRead = "check this account's trust and permissions rows, and the connector's page in Sentinel (Data connectors, Amazon Web Services S3)";
        if (age === undefined) queueFinding = ok(queueCheck, `${waiting}; CloudWatch reported no message age in 24 h`);
        else if (age > QUEUE_AGE_SECONDS.fail)
            queueFinding = fail(queueCheck, `${waiting}; the oldest has waited ${duration(age)}: Sentinel is not reading the queue`, notRead);
        else if (age > QUEUE_AGE_SECONDS.warn)
            queueFinding = warn(queueCheck, `${waiting}; the oldest has waited ${duration(age)}: Sentinel is reading slowly, or not at all`, notRead);
        else queueFinding = ok(queueCheck, `${waiting}; the oldest has waited ${duration(age)}`);
    }

    let deadFinding: Finding;
    if (dead === undefined) {
        deadFinding = warn(
            deadCheck,
            "the queue has no dead-letter queue: notifications Sentinel fails on are retried until they expire, then lost",
            PULUMI_UP,
        );
    } else if (deadError !== undefined) {
        deadFinding = awsFailure(deadCheck, "sqs:GetQueueAttributes", deadError);
    } else if (deadDepth === 0) {
        deadFinding = ok(deadCheck, "none");
    } else if (metricsError !== undefined) {
        deadFinding = awsFailure(deadCheck, "cloudwatch:GetMetricData", metricsError);
    } else {
        const history = series(metrics, "dead");
        const dayAgo = history[history.length - 1];
        const inspect = `see which log objects Sentinel failed on (aws sqs receive-message --queue-url ${dead.url}); once the cause is fixed, move them back (aws sqs start-message-move-task)`;
        const parked = `${deadDepth} notifications Sentinel could not process`;
        if (dayAgo === undefined) deadFinding = warn(deadCheck, `${parked}; CloudWatch has no count of the last 24 h to tell whether they are new`, inspect);
        else if (deadDepth > dayAgo) deadFinding = fail(deadCheck, `${parked}, up from ${dayAgo} a day ago: it is failing on new logs`, inspect);
        else deadFinding = warn(deadCheck, `${parked}, none added in 24 h`, inspect);
    }
    return [queueFinding, deadFinding];
}

/** Every AWS check of one account, in a fixed order. */
export async function awsFindings(target: Target, outputs: StackOutputs, signIns: AwsSignIns): Promise<Finding[]> {
    if (target.signIn.kind === "none") return [warn("aws", `not checked: ${target.signIn.reason}`, target.signIn.fix)];
    const signedIn = await signIn(target, signIns);
    const { endpoints } = signIns.access;
    const credentials = signedIn.credentials;
    if (credentials === undefined) return [signedIn.finding];

    const opened: { destroy(): void }[] = [];
    const open = <T extends { destroy(): void }>(client: T) => (opened.push(client), client);
    const clients: Clients = {
        iam: open(new IAMClient({ ...signIns.http(), region: target.region, credentials, endpoint: endpoints.iam })),
        // The queue URL comes from the outputs: it names the queue, never where requests go.
        sqs: (region) => open(new SQSClient({ ...signIns.http(), region, credentials, endpoint: endpoints.sqs, useQueueUrlAsEndpoint: false })),
        cloudWatch: (region) => open(new CloudWatchClient({ ...signIns.http(), region, credentials, endpoint: endpoints.cloudwatch })),
    };
    try {
        const all = async (check: string, work: () => Promise<Finding[]>) => [(await guarded(check, work)) as Finding | Finding[]].flat();
        const findings = [signedIn.finding, ...(await all("role", () => role(clients.iam, target, outputs)))];
        if (target.connector === "s3") for (const log of target.logs) findings.push(...(await all(`queue ${log.logType}`, () => queue(clients, log))));
        const fn = target.connector === "s3" ? target.cloudWatchFunction : undefined;
        if (fn !== undefined) findings.push(...(await all("function cloudWatch", () => cloudWatchFunctionFindings(clients, fn))));
        return findings;
    } finally {
        for (const client of opened) client.destroy();
    }
}
