// Names of things, as pure functions: the same config always gives the same names,
// so re-running the program never creates a second copy of anything.
import { createHash } from "node:crypto";
import { v5 as uuidv5 } from "uuid";
import { OIDC_ROLE_NAME_PREFIX, S3LogType } from "./s3Facts";

/** Namespace for this project's name-based UUIDs (RFC 9562 version 5). Never change it: connector IDs derive from it. */
const PROJECT_UUID_NAMESPACE = "6f1c3a52-8a0e-4d5e-9a57-3f2b1e0c9d41";

/** Default name of the role Sentinel assumes: one per stack, so dev and prod can share an AWS account. */
export function defaultRoleName(stack: string): string {
    return `MicrosoftSentinelCloudTrail-${stack}`;
}

/** Default name of the S3 connector's role: it must start with `OIDC_` (see s3Facts.ts). */
export function defaultOidcRoleName(stack: string): string {
    return `${OIDC_ROLE_NAME_PREFIX}MicrosoftSentinel-${stack}`;
}

/**
 * The Sentinel data connector ID for an AWS account entry: a GUID, as the portal makes
 * them, derived from the entry's label and account ID so that every run targets the same
 * connector. The label is part of it on purpose: renaming an entry gives its connector a
 * new URN, and Pulumi creates the new resource before deleting the old one; with the same
 * ID the create would overwrite the live connector and the delete would then remove it.
 */
export function cloudTrailConnectorId(label: string, accountId: string): string {
    return uuidv5(`aws-cloudtrail:${label}:${accountId}`, PROJECT_UUID_NAMESPACE);
}

/** The S3 connector ID of one log type of an account entry: derived like the one above, and for the same reason. */
export function s3ConnectorId(label: string, accountId: string, logType: S3LogType): string {
    return uuidv5(`aws-s3:${label}:${accountId}:${logType}`, PROJECT_UUID_NAMESPACE);
}

/** The trail of a stack in an account: one per stack, so that two stacks can share an account. */
export function trailName(stack: string): string {
    return `sentinel-aws-${stack}`;
}

/**
 * Where in the log bucket each log type lands (the services choose; CloudTrail, GuardDuty and
 * VPC Flow Logs user guides): an organisation trail writes under the organisation ID, with
 * one folder per member account.
 */
export function logPrefix(logType: S3LogType, accountId: string, organizationId?: string, keyPrefix?: string): string {
    // A trail's S3 key prefix (as AWS Control Tower sets one) comes before AWSLogs/.
    const root = keyPrefix === undefined ? "AWSLogs/" : `${keyPrefix}/AWSLogs/`;
    switch (logType) {
        case "cloudTrail":
            return organizationId === undefined ? `${root}${accountId}/CloudTrail/` : `${root}${organizationId}/`;
        case "guardDuty":
            return `${root}${accountId}/GuardDuty/`;
        case "vpcFlowLogs":
            return `${root}${accountId}/vpcflowlogs/`;
        case "cloudWatch":
            // Where Microsoft's own CloudWatch exporter writes (Azure-Sentinel
            // DataConnectors/AWS-S3/CloudFormation/CloudWatch/template_3: BUCKET_PREFIX).
            return `${root}${accountId}/CloudWatch/`;
        case "waf":
            // WAF's own layout in its bucket: AWSLogs/<account>/WAFLogs/<region>/<web ACL>/... (WAF
            // developer guide, "Sending web ACL traffic logs to an Amazon S3 bucket").
            return `${root}${accountId}/WAFLogs/`;
    }
}

/**
 * The SNS topic that relays an existing bucket's notifications of one log type to its queue.
 * Named, not generated: the bucket's owner points the bucket at it, and SNS topic names take
 * letters, digits, hyphens and underscores only (a stack name may hold periods).
 */
export function logTopicName(stack: string, label: string, logType: S3LogType): string {
    return `sentinel-aws-${stack.replace(/[^\w-]/g, "-")}-${label}-${logType}`;
}

/** Lambda function and IAM role names: at most 64 characters. */
const MAX_FUNCTION_NAME = 64;

/**
 * The function that turns one account's CloudWatch Logs into Sentinel's CSV, and its role.
 * Named, not generated: its own log group is named after it and made first (with a retention),
 * so that the function never needs logs:CreateLogGroup. Lambda and IAM take letters, digits,
 * hyphens and underscores, up to 64 characters: a longer name keeps its start and ends with a
 * hash of the whole, so that two long stack or label names that share a start do not collide.
 */
export function cloudWatchFunctionName(stack: string, label: string): string {
    return fitted(`sentinel-aws-${stack}-${label}-cloudwatch`.replace(/[^\w-]/g, "-"), MAX_FUNCTION_NAME);
}

/** A name cut to `max` characters: a longer one keeps its start and ends with a hash of the whole, so that names sharing a long start do not collide. */
function fitted(name: string, max: number): string {
    if (name.length <= max) return name;
    const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
    return `${name.slice(0, max - hash.length - 1)}-${hash}`;
}

/** WAF logs only into buckets whose names start with this (WAF developer guide, "Sending web ACL traffic logs to an Amazon S3 bucket"). */
export const WAF_BUCKET_PREFIX = "aws-waf-logs-";

/** S3 bucket names: at most 63 characters (S3 user guide, "Bucket naming rules"). */
const MAX_BUCKET_NAME = 63;

/**
 * The bucket WAF logs into for a stack's account and region. Named, not generated: WAF needs
 * its prefix. Bucket names are global, so the name ends with a hash of stack, account and
 * region (the same config always gives the same name; no other stack, account or region can);
 * the stack's name, in the lower-case letters, digits and hyphens buckets take, only helps a
 * reader and is cut to fit in 63 characters.
 */
export function wafBucketName(stack: string, accountId: string, region: string): string {
    const hash = createHash("sha256").update(`${stack}:${accountId}:${region}`).digest("hex").slice(0, 12);
    const room = MAX_BUCKET_NAME - WAF_BUCKET_PREFIX.length - hash.length - 1;
    const readable = stack
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .slice(0, room)
        .replace(/^-+|-+$/g, "");
    return `${WAF_BUCKET_PREFIX}${readable === "" ? "" : `${readable}-`}${hash}`;
}

/** A data collection endpoint's name: 3-44 letters, digits and hyphens (Azure resource naming rules, Microsoft.Insights). */
const MAX_ENDPOINT_NAME = 44;

/**
 * The stack's WAF connector definition, data collection endpoint and rule: one each per stack,
 * named after it (two stacks may share a workspace), within the endpoint's 44 characters.
 */
export function wafIngestionName(stack: string): string {
    return fitted(`sentinel-aws-${stack.replace(/[^0-9A-Za-z-]/g, "-")}-waf`, MAX_ENDPOINT_NAME);
}

/**
 * The organisation's StackSet: one per stack. StackSet names take letters, digits and
 * hyphens only, starting with a letter (CloudFormation API reference, CreateStackSet).
 */
export function stackSetName(stack: string): string {
    return `MicrosoftSentinel-${stack.replace(/[^0-9A-Za-z-]/g, "-")}`;
}

/**
 * The connector ID of an organisation member: from its account ID only, since account
 * names change and members have no label in config. The organisation is one per stack, so
 * the ID cannot collide with another entry's.
 */
export function organizationConnectorId(accountId: string): string {
    return uuidv5(`aws-cloudtrail:organization:${accountId}`, PROJECT_UUID_NAMESPACE);
}

/** ARM IDs of a workspace's resources, as Azure names them and `import` takes them. */
export function workspaceArmIds(subscriptionId: string, resourceGroup: string, workspace: string) {
    const group = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
    const workspaceId = `${group}/providers/Microsoft.OperationalInsights/workspaces/${workspace}`;
    return {
        resourceGroup: group,
        workspace: workspaceId,
        onboardingState: (name: string) => `${workspaceId}/providers/Microsoft.SecurityInsights/onboardingStates/${name}`,
        dataConnector: (connectorId: string) => `${workspaceId}/providers/Microsoft.SecurityInsights/dataConnectors/${connectorId}`,
        alertRule: (ruleId: string) => `${workspaceId}/providers/Microsoft.SecurityInsights/alertRules/${ruleId}`,
    };
}
