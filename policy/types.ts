// Resource type tokens the rules look at, and the one policy ARN allowed on a Sentinel role.

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
    /** A generic ARM resource: how a program without the typed class creates the S3 connector. */
    armResource: "azure-native:resources:Resource",
} as const;

/** Data connector kind of Sentinel's S3 connector. */
export const S3_CONNECTOR_KIND = "AmazonWebServicesS3";

/** What the S3 connector's role may do: read its queues and log objects, decrypt them (AwsRequiredPolicies.md). */
export const S3_CONNECTOR_READ_ACTION = /^(?:sqs:(?:ReceiveMessage|DeleteMessage|GetQueueAttributes|GetQueueUrl|ChangeMessageVisibility)|s3:(?:GetObject|ListBucket)|kms:Decrypt)$/i;

/** Connector types and the property that holds the role ARN Sentinel assumes. */
export const CONNECTOR_ROLE_PROPERTY: Readonly<Record<string, string>> = {
    [TYPES.cloudTrailConnector]: "awsRoleArn",
    [TYPES.s3Connector]: "roleArn",
};

/** AWS managed policies that grant read-only CloudTrail access: the current name and the one Microsoft's docs still use. */
export const CLOUDTRAIL_READ_ONLY_POLICIES = /^arn:aws[a-z-]*:iam::aws:policy\/(AWSCloudTrail_ReadOnlyAccess|AWSCloudTrailReadOnlyAccess)$/;

/** Actions that only read CloudTrail: Get*, Describe*, List* (whole verbs, no partial wildcards) and LookupEvents. */
export const CLOUDTRAIL_READ_ACTION = /^cloudtrail:(?:(?:Get|Describe|List)(?:[A-Za-z]+|\*)|LookupEvents)$/i;
