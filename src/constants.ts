// Facts owned by Microsoft and AWS, each with where it comes from. Values a user
// may need to change are defaults of config keys, not hard-coded elsewhere.

/**
 * The values of a choice, as a non-empty list. Choices are objects (`as const`) so that the
 * component package's schema shows them as enums; config checks them against the list.
 */
export const valuesOf = <T extends Readonly<Record<string, string>>>(choice: T) => Object.values(choice) as [T[keyof T], ...T[keyof T][]];

/**
 * The AWS account Microsoft Sentinel's CloudTrail connector assumes roles from.
 * Microsoft's docs show a placeholder; the real value is on the connector page and in
 * Azure/Azure-Sentinel `DataConnectors/AWS-S3/Utils/CommonAwsPolicies.ps1`.
 * Default of `sentinel-aws:microsoftAccountId`.
 */
export const MICROSOFT_SENTINEL_AWS_ACCOUNT_ID = "197857026523";

/**
 * AWS managed policy for read-only CloudTrail access (AWS managed policy reference).
 * Microsoft's docs still name the older `AWSCloudTrailReadOnlyAccess`; Microsoft's own
 * 2026 CloudFormation templates attach this one.
 */
export const CLOUDTRAIL_READ_ONLY_POLICY_ARN = "arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess";

/**
 * What the role may do, per `rolePermissions`: `readOnly` attaches the managed policy above
 * (what Microsoft documents); `lookupEventsOnly` grants only the call the connector makes,
 * `cloudtrail:LookupEvents` (connect-aws docs), in an inline policy that Microsoft has not
 * confirmed as sufficient.
 */
export const RolePermissions = {
    /** AWS's managed policy AWSCloudTrail_ReadOnlyAccess, as Microsoft documents. */
    readOnly: "readOnly",
    /** Only `cloudtrail:LookupEvents`, the call the connector makes, in an inline policy. */
    lookupEventsOnly: "lookupEventsOnly",
} as const;
export type RolePermissions = (typeof RolePermissions)[keyof typeof RolePermissions];
export const ROLE_PERMISSIONS = valuesOf(RolePermissions);

/**
 * How an account reaches Sentinel: `cloudTrailApi`, the CloudTrail API connector (Microsoft's
 * "legacy" one: a role Microsoft's AWS account assumes with the workspace ID as external ID),
 * or `s3`, the S3 connector (a trail writing to S3, queues, and a role assumed through OIDC).
 */
export const CONNECTORS = ["cloudTrailApi", "s3"] as const;
export type Connector = (typeof CONNECTORS)[number];

/** Name of the inline policy `lookupEventsOnly` puts on the role. */
export const LOOKUP_EVENTS_POLICY_NAME = "SentinelCloudTrailLookupEvents";

/** Name of the inline policy that lets the S3 connector's role read the queues, the log prefixes and the key. */
export const S3_READ_POLICY_NAME = "SentinelS3LogRead";

/**
 * Pulumi type of the CloudTrail API connector, as azure-native's class registers it. Should
 * an SDK upgrade rename it, connectors registered under this one need an alias to it.
 */
export const CLOUDTRAIL_CONNECTOR_TYPE = "azure-native:securityinsights:AwsCloudTrailDataConnector";

/** Data connector kind of the CloudTrail API connector (REST spec 2024-09-01 DataConnectors.json). */
export const CLOUDTRAIL_CONNECTOR_KIND = "AmazonWebServicesCloudTrail";

/** Log Analytics pricing tier for new workspaces (the only general-purpose tier still sold). */
export const WORKSPACE_SKU = "PerGB2018";

/** Sentinel onboarding states have exactly one instance per workspace, named `default` (REST spec OnboardingStates.json). */
export const ONBOARDING_STATE_NAME = "default";

/** Log Analytics retention bounds for the PerGB2018 tier, in days; 90 days are included with Sentinel. */
export const RETENTION_DAYS = { min: 30, max: 730, default: 90 } as const;

/**
 * Seconds to wait after a role is created or replaced before Sentinel is told about it:
 * IAM is eventually consistent and Sentinel assumes the role when the connector is created.
 */
export const IAM_PROPAGATION_SECONDS = { min: 10, max: 600, default: 30 } as const;

/** Session name the program uses when it assumes a deployment role in an AWS account. */
export const DEPLOYMENT_SESSION_NAME = "pulumi-sentinel-aws";

/**
 * Who creates the organisation's StackSet: the management account, or a delegated
 * administrator for StackSets (CloudFormation's `callAs` SELF or DELEGATED_ADMIN).
 */
export const DeployAs = {
    /** The program signs in to the management account (`callAs` SELF). */
    management: "management",
    /** The program signs in to a delegated administrator for StackSets (`callAs` DELEGATED_ADMIN). */
    delegatedAdmin: "delegatedAdmin",
} as const;
export type DeployAs = (typeof DeployAs)[keyof typeof DeployAs];
export const DEPLOY_AS = valuesOf(DeployAs);

/**
 * Memory of one `pulumi-resource-aws` plugin process, in MB, as users measure it: 170
 * (pulumi/pulumi-aws issue 5226) to 430 (issue 5860). The real engine starts one per
 * explicit provider and one per default provider, and keeps each for the whole deployment
 * (pulumi/pulumi `pkg/host/host.go`; sharing is the open request pulumi/pulumi#19534).
 */
export const AWS_PROVIDER_PROCESS_MB = { low: 170, high: 430 } as const;

/**
 * Listed accounts above this get a warning: each is an AWS provider process, so 20 already
 * need 3.4-8.6 GB at `pulumi up`, more than many CI runners have (GitHub's standard Linux
 * runner has 16 GB for everything).
 */
export const LISTED_ACCOUNTS_WARNING_THRESHOLD = 20;

/**
 * How a StackSet operation treats its concurrency (AWS API reference, StackSetOperationPreferences,
 * ConcurrencyMode; read 2026-12-06). Operation preferences do not apply to auto-deployment, which
 * gives the role to accounts that join later (same page).
 */
export const ConcurrencyMode = {
    /** Deploys to as many accounts at once as maxConcurrentPercentage says, and stops once failures pass failureTolerancePercentage. */
    SOFT_FAILURE_TOLERANCE: "SOFT_FAILURE_TOLERANCE",
    /** AWS's default: starts at min(maxConcurrent, failureTolerance + 1) accounts, and lowers that as accounts fail. */
    STRICT_FAILURE_TOLERANCE: "STRICT_FAILURE_TOLERANCE",
} as const;
export type ConcurrencyMode = (typeof ConcurrencyMode)[keyof typeof ConcurrencyMode];
export const CONCURRENCY_MODES = valuesOf(ConcurrencyMode);

/** StackSet operation preferences: how fast instances roll out, and how many may fail before an operation stops. */
export const STACKSET_DEFAULTS = {
    maxConcurrentPercentage: 25,
    failureTolerancePercentage: 10,
    concurrencyMode: ConcurrencyMode.SOFT_FAILURE_TOLERANCE,
} as const;
