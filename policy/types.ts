// Resource type tokens the rules look at, and the one policy ARN allowed on a Sentinel role.
// The pack imports no SDK, so the tokens are written out here, once: tests/typeTokens.test.ts
// holds each to the SDK class it belongs to.

export const TYPES = {
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    /** A StackSet whose template may create roles in member accounts (organisation mode). */
    stackSet: "aws:cloudformation/stackSet:StackSet",
    /** Deploys a StackSet's template into the accounts of its OUs. */
    stackSetInstance: "aws:cloudformation/stackSetInstance:StackSetInstance",
    resourceGroup: "azure-native:resources:ResourceGroup",
    workspace: "azure-native:operationalinsights:Workspace",
    cloudTrailConnector: "azure-native:securityinsights:AwsCloudTrailDataConnector",
    s3Connector: "azure-native:securityinsights:AwsS3DataConnector",
    queue: "aws:sqs/queue:Queue",
    /** A bucket's notification configuration: which prefix notifies which queue. */
    bucketNotification: "aws:s3/bucketNotification:BucketNotification",
    /** A generic ARM resource: how a program without the typed class creates the S3 connector. */
    armResource: "azure-native:resources:Resource",
    /** A scheduled analytics rule: a detection over the workspace's tables. */
    scheduledRule: "azure-native:securityinsights:ScheduledAlertRule",
} as const;

/** The table Sentinel's CloudTrail API connector fills (connect-aws docs). */
export const CLOUDTRAIL_TABLE = "AWSCloudTrail";

/** Data connector kind of Sentinel's S3 connector. */
export const S3_CONNECTOR_KIND = "AmazonWebServicesS3";

/**
 * Sentinel's OIDC issuers as IAM names them (`sts.windows.net/<tenant>/`, Azure public and
 * Azure Government), each with the audience Sentinel's tokens carry (Microsoft's
 * connect-aws-configure-environment docs). The pack runs on its own, so it keeps its own copy
 * of these facts; tests/policyPack.test.ts holds it to the program's (src/s3Facts.ts).
 */
export const SENTINEL_ISSUERS: Readonly<Record<string, string>> = {
    "sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/": "api://1462b192-27f7-4cb9-8523-0f4ecb54b47e",
    "sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/": "api://d4230588-5f84-4281-a9c7-2c15194b28f7",
};

/** Session names Sentinel uses: `MicrosoftSentinel_` (Microsoft's docs) or, as it did in 2025, `MicrosoftDefenderForClouds_`, then the workspace ID. */
export const SENTINEL_SESSION_NAME = /^(?:MicrosoftSentinel|MicrosoftDefenderForClouds)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** What the S3 connector's role may do: read its queues and log objects, decrypt them (AwsRequiredPolicies.md). */
export const S3_CONNECTOR_READ_ACTION =
    /^(?:sqs:(?:ReceiveMessage|DeleteMessage|GetQueueAttributes|GetQueueUrl|ChangeMessageVisibility)|s3:(?:GetObject|ListBucket)|kms:Decrypt)$/i;

/** Connector types and the property that holds the role ARN Sentinel assumes. */
export const CONNECTOR_ROLE_PROPERTY: Readonly<Record<string, string>> = {
    [TYPES.cloudTrailConnector]: "awsRoleArn",
    [TYPES.s3Connector]: "roleArn",
};

/** AWS managed policies that grant read-only CloudTrail access: the current name and the one Microsoft's docs still use. */
export const CLOUDTRAIL_READ_ONLY_POLICIES = /^arn:aws[a-z-]*:iam::aws:policy\/(AWSCloudTrail_ReadOnlyAccess|AWSCloudTrailReadOnlyAccess)$/;

/** Actions that only read CloudTrail: Get*, Describe*, List* (whole verbs, no partial wildcards) and LookupEvents. */
export const CLOUDTRAIL_READ_ACTION = /^cloudtrail:(?:(?:Get|Describe|List)(?:[A-Za-z]+|\*)|LookupEvents)$/i;
