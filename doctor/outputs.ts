// The stack outputs the doctor checks against (see src/program.ts): from a file that
// `pulumi stack output --json --show-secrets` wrote, or from the Pulumi Automation API.
// A file may come from anyone, and its values become request targets (role names, queue
// URLs, ARM paths), so every value must have exactly the shape the program writes.
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { z } from "zod";
import { describe, keyPath, OIDC_PROVIDER_ARN, ROLE_ARN, S3_LOG_TYPES } from "../src/facts";
import { InputFileError, shown } from "../plan/inputFile";
import { readJsonFile } from "../plan/jsonFile";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * ARM spells the segment names in either case (`resourcegroups` is common). A resource group's
 * name is 1-90 letters, digits, `_ . ( ) -` and does not end with a period (Azure naming rules,
 * Microsoft.Resources): so never `.` or `..`, which a URL would resolve away, dropping the segment.
 */
const WORKSPACE_RESOURCE_ID =
    /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resourceGroups\/[\w.()-]{0,89}[\w()-]\/providers\/Microsoft\.OperationalInsights\/workspaces\/[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/i;
/** What `aws.sqs.Queue.url` holds: the queue's region, owner and name. */
export const QUEUE_URL = /^https:\/\/sqs\.([a-z]{2}(?:-gov)?-[a-z]+-\d{1,2})\.amazonaws\.com\/(\d{12})\/([\w-]{1,80})$/;

const text = (pattern: RegExp, what: string) => z.string({ error: `must be ${what}` }).regex(pattern, `must be ${what}`);
const accountId = text(/^\d{12}$/, "an AWS account ID (12 digits)");
const roleArn = text(ROLE_ARN, "an IAM role ARN");
const connectorId = text(GUID, "a data connector ID (a GUID)");
const logType = z.enum(S3_LOG_TYPES, { error: `must be one of ${S3_LOG_TYPES.join(", ")}` });

const cloudTrailApiAccount = z.object({ accountId, connector: z.literal("cloudTrailApi"), roleArn, connectorId });
const s3Account = z.object({
    accountId,
    connector: z.literal("s3"),
    roleArn,
    oidcProviderArn: text(OIDC_PROVIDER_ARN, "an IAM OIDC provider ARN for Microsoft Entra ID"),
    bucketName: z.string(),
    queueUrls: z.partialRecord(logType, text(QUEUE_URL, "an SQS queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME)")),
    connectorIds: z.partialRecord(logType, connectorId),
    cloudWatchFunction: z
        .object({
            functionName: text(/^[\w-]{1,64}$/, "a Lambda function name"),
            deadLetterQueueUrl: text(QUEUE_URL, "an SQS queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME)"),
        })
        .optional(),
});

/** The account an ARN or queue URL names; undefined for a malformed one, which its own rule reports. */
const accountOf = (arn: string) => arn.match(ROLE_ARN)?.[2] ?? arn.match(OIDC_PROVIDER_ARN)?.[2];

const outputsSchema = z
    .looseObject({
        workspaceId: text(GUID, "the Log Analytics workspace ID (a GUID)"),
        workspaceResourceId: text(WORKSPACE_RESOURCE_ID, "the ARM resource ID of a Log Analytics workspace"),
        trustedPrincipal: text(/^arn:aws:iam::\d{12}:root$/, "an AWS account's root principal (arn:aws:iam::ACCOUNT:root)"),
        awsAccounts: z.record(
            z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "must be an account label"),
            z.discriminatedUnion("connector", [cloudTrailApiAccount, s3Account], { error: "must be cloudTrailApi or s3" }),
        ),
        /** With sentinel-aws:content: per rule template ID, the scheduled rule made from it. */
        analyticsRules: z.record(text(GUID, "a rule template ID (a GUID)"), text(GUID, "an analytics rule ID (a GUID)")).optional(),
        organization: z
            .object({
                stackSetName: z.string(),
                accounts: z.record(accountId, z.object({ organizationalUnitId: z.string(), roleArn, connectorId })),
            })
            .optional(),
    })
    .superRefine((outputs, ctx) => {
        // A role, queue or connector of another account than the entry's is not what the program writes.
        // It runs when every value has its type, some maybe failing their pattern: those are reported already.
        const mismatch = (path: PropertyKey[], value: string, found: string | undefined, owner: string) => {
            if (found !== undefined && found !== owner)
                ctx.addIssue({ code: "custom", path, input: value, message: `must be in the entry's account ${owner}` });
        };
        for (const [label, account] of Object.entries(outputs.awsAccounts)) {
            mismatch(["awsAccounts", label, "roleArn"], account.roleArn, accountOf(account.roleArn), account.accountId);
            if (account.connector !== "s3") continue;
            mismatch(["awsAccounts", label, "oidcProviderArn"], account.oidcProviderArn, accountOf(account.oidcProviderArn), account.accountId);
            for (const [type, url] of Object.entries(account.queueUrls))
                mismatch(["awsAccounts", label, "queueUrls", type], url, url.match(QUEUE_URL)?.[2], account.accountId);
            const queues = Object.keys(account.queueUrls).sort().join();
            if (queues !== Object.keys(account.connectorIds).sort().join()) {
                ctx.addIssue({
                    code: "custom",
                    path: ["awsAccounts", label, "connectorIds"],
                    input: account.connectorIds,
                    message: `must name the same log types as queueUrls (${queues || "none"})`,
                });
            }
        }
        for (const [id, member] of Object.entries(outputs.organization?.accounts ?? {}))
            mismatch(["organization", "accounts", id, "roleArn"], member.roleArn, accountOf(member.roleArn), id);
    });

export type StackOutputs = z.infer<typeof outputsSchema>;

/** The outputs, checked; `source` names where they came from in the message. */
export function parseOutputs(value: unknown, source: string): StackOutputs {
    const parsed = outputsSchema.safeParse(value, { reportInput: true });
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((issue) => {
        const where = issue.path.length === 0 ? "the outputs" : keyPath(issue.path);
        const got = issue.input === undefined ? "" : ` (got ${describe(issue.input)})`;
        return `  - ${where}: ${issue.message}${got}`;
    });
    throw new InputFileError(`${source} does not hold this program's stack outputs (see docs/configuration.md, "Stack outputs"):\n${problems.join("\n")}`);
}

/** Outputs from a file of `pulumi stack output --json --show-secrets`. */
export function readOutputsFile(file: string): StackOutputs {
    const value = readJsonFile(file, shown(file), "write it with pulumi stack output --json --show-secrets");
    return parseOutputs(value, shown(file));
}

/**
 * Outputs of a deployed stack through the Automation API, which runs the Pulumi CLI against
 * the project's backend.
 */
export async function outputsFromPulumi(stackName: string, projectDir: string): Promise<StackOutputs> {
    const withFile = "or pass --outputs FILE, written by pulumi stack output --json --show-secrets";
    let command;
    try {
        command = await PulumiCommand.get();
    } catch (err) {
        // The CLI's error repeats itself over several lines; the one naming the cause is enough.
        const lines = String((err as Error).message).split("\n");
        const cause = lines.find((l) => l.includes("ENOENT")) ?? lines[0];
        throw new InputFileError(
            `the Pulumi CLI is needed to read the stack's outputs, and it did not run (${shown(cause.trim())}): install it (https://www.pulumi.com/docs/install/), ${withFile}`,
        );
    }
    try {
        const stack = await LocalWorkspace.selectStack({ stackName, workDir: projectDir }, { pulumiCommand: command });
        const outputs = await stack.outputs();
        return parseOutputs(Object.fromEntries(Object.entries(outputs).map(([key, { value }]) => [key, value])), `the outputs of stack ${stackName}`);
    } catch (err) {
        if (err instanceof InputFileError) throw err;
        throw new InputFileError(
            `cannot read the outputs of stack ${stackName} through the Pulumi CLI (is it logged in to the stack's backend?): ${shown((err as Error).message)}; ${withFile}`,
        );
    }
}
