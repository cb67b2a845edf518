// The shape of this project's stack config, as a schema: one place that says which
// keys exist, what each accepts, and the defaults.
import { z } from "zod";
import {
    CONCURRENCY_MODES,
    CONNECTORS,
    DEPLOY_AS,
    STACKSET_DEFAULTS,
    IAM_PROPAGATION_SECONDS,
    MICROSOFT_SENTINEL_AWS_ACCOUNT_ID,
    RETENTION_DAYS,
    ROLE_PERMISSIONS,
    RolePermissions,
} from "../constants";
import { AZURE_CLOUDS, AzureCloud, S3_LOG_TYPES } from "../s3Facts";
import { adoptSchema, azureSubscriptionId } from "./adopt";
import { contentSchema } from "./contentSchema";
import * as rules from "./rules";

const workspaceSchema = z.strictObject(
    {
        name: rules.workspaceName,
        resourceGroupName: rules.resourceGroupName,
        retentionInDays: rules.integerBetween(RETENTION_DAYS.min, RETENTION_DAYS.max).optional(),
        existing: rules.strictBoolean("look up an existing workspace").default(false),
        onboard: rules.strictBoolean("create the Sentinel onboarding").default(true),
        protect: rules.strictBoolean("protect from deletion").default(true),
        adopt: rules.strictBoolean("import a workspace made by hand").default(false),
    },
    { error: (issue) => (issue.input === undefined ? "is required" : `must be an object, not ${rules.describe(issue.input)}`) },
);

/** VPCs whose flow logs one account may send; a flow log is one resource per VPC. */
const MAX_VPCS = 50;

/** GuardDuty is regional: at most one further detector per region AWS has (some 35 today). */
const MAX_GUARDDUTY_REGIONS = 40;

/** A GuardDuty detector in another region than the account's, exported into the same bucket. */
const guardDutyDetectorSchema = z.strictObject(
    { region: rules.awsRegion, detectorId: rules.guardDutyDetectorId },
    { error: (issue) => `must be an object with region and detectorId, not ${rules.describe(issue.input)}` },
);

/**
 * Log groups one account may forward: each is a subscription filter and a statement in the
 * function's resource policy, which Lambda caps at 20 KB (Lambda quotas); a statement scoped to
 * one group takes some 400 bytes.
 */
const MAX_LOG_GROUPS = 20;

/** A log group whose events go to Sentinel, with the subscription filter's pattern. */
const logGroupSchema = z.strictObject(
    { name: rules.logGroupName, filterPattern: rules.filterPattern.default("") },
    { error: (issue) => `must be an object with the log group's name (and optionally filterPattern), not ${rules.describe(issue.input)}` },
);

/**
 * Web ACLs one account may log: each is a logging configuration, and all write into the
 * account's one WAF bucket and queue; kept to the log groups' scale.
 */
const MAX_WEB_ACLS = 20;

/** A bucket that receives the logs already (a landing zone's log archive): the program reads it and never changes it. */
const existingBucketSchema = z.strictObject(
    { name: rules.s3BucketName, keyPrefix: rules.s3KeyPrefix.optional(), kmsKeyArn: rules.kmsKeyArn.optional() },
    { error: (issue) => `must be an object with the bucket's name (and optionally keyPrefix and kmsKeyArn), not ${rules.describe(issue.input)}` },
);

/** Settings of the S3 connector, for an account whose `connector` is `s3`. */
export const s3Schema = z.strictObject(
    {
        logTypes: rules.uniqueList(rules.oneOf(S3_LOG_TYPES), S3_LOG_TYPES.join(", "), S3_LOG_TYPES.length).default(["cloudTrail"]),
        oidcProviderArn: rules.oidcProviderArn.optional(),
        acceptDefenderSessionName: rules.strictBoolean("also accept the session name MicrosoftDefenderForClouds_<workspace ID>").default(false),
        organizationId: rules.organizationId.optional(),
        managementAccountId: rules.awsAccountId.optional(),
        guardDutyDetectorId: rules.guardDutyDetectorId.optional(),
        guardDutyDetectors: z
            .array(guardDutyDetectorSchema, { error: (issue) => `must be a list of detectors ({ region, detectorId }), not ${rules.describe(issue.input)}` })
            .min(1, { error: "must list at least one detector", ...rules.ifList })
            .max(MAX_GUARDDUTY_REGIONS, { error: `must list at most ${MAX_GUARDDUTY_REGIONS} detectors`, ...rules.ifList })
            .optional(),
        vpcIds: rules.uniqueList(rules.vpcId, "VPC IDs", MAX_VPCS).optional(),
        cloudWatchLogGroups: z
            .array(logGroupSchema, { error: (issue) => `must be a list of log groups ({ name, filterPattern }), not ${rules.describe(issue.input)}` })
            .min(1, { error: "must list at least one log group", ...rules.ifList })
            .max(MAX_LOG_GROUPS, { error: `must list at most ${MAX_LOG_GROUPS} log groups`, ...rules.ifList })
            .optional(),
        wafWebAclArns: rules.uniqueList(rules.wafWebAclArn, "WAF web ACL ARNs", MAX_WEB_ACLS).optional(),
        kmsEncryption: rules.strictBoolean("encrypt the logs with a KMS key of this program").default(false),
        dataEvents: rules.strictBoolean("log S3 data events too").default(false),
        protectBucket: rules.strictBoolean("protect the log bucket from deletion").default(true),
        alarmTopicArn: rules.snsTopicArn.optional(),
        existingBucket: existingBucketSchema.optional(),
    },
    { error: (issue) => `must be an object of S3 connector settings, not ${rules.describe(issue.input)}` },
);

const awsAccountSchema = z.strictObject(
    {
        name: rules.accountLabel,
        accountId: rules.awsAccountId,
        region: rules.awsRegion,
        connector: rules.oneOf(CONNECTORS).default("cloudTrailApi"),
        s3: s3Schema.optional(),
        assumeRoleArn: rules.awsRoleArn.optional(),
        profile: rules.awsProfile.optional(),
        roleName: rules.iamRoleName.optional(),
        rolePermissions: rules.oneOf(ROLE_PERMISSIONS).optional(),
        tags: rules.tags.optional(),
        adopt: adoptSchema.optional(),
    },
    { error: (issue) => `must be an object with name, accountId and region, not ${rules.describe(issue.input)}` },
);

/**
 * Limits that keep both a real `pulumi up` and the plan within reach, measured by `npm run
 * bench` and docs/configuration.md, "Limits": each listed account is an AWS provider process (100 need
 * 17-43 GB at `pulumi up`); an S3 account registers some 46 resources with CloudTrail, GuardDuty
 * and 10 VPCs' flow logs, and some 37 more with CloudWatch Logs' function and WAF's bucket (4 log
 * groups and 2 web ACLs each). 50 S3 accounts, 20 of them with CloudWatch Logs or WAF, plan in
 * 957 MB (npm run bench, docs/performance.md); all 50 with them, about 1,280 MB, over the 1 GB every
 * size must stay under.
 * A VPC adds one flow log, a log group two resources, a web ACL one. Organisations have no
 * such limit: one provider.
 */
export const LIMITS = {
    awsAccounts: 100,
    s3Accounts: 50,
    vpcsPerStack: 500,
    /** S3 accounts whose logTypes include cloudWatch or waf. */
    functionOrWafAccounts: 20,
    logGroupsPerStack: 80,
    webAclsPerStack: 40,
    excludeAccountIds: 1000,
} as const;

/** CloudFormation takes at most 50 organisational units per stack instance operation (CreateStackInstances). */
const MAX_ORGANIZATIONAL_UNITS = 50;

/** Every account of an AWS Organization (its OUs), through one service-managed StackSet. */
const organizationSchema = z.strictObject(
    {
        accountId: rules.awsAccountId,
        region: rules.awsRegion,
        deployAs: rules.oneOf(DEPLOY_AS).default("management"),
        managementAccountId: rules.awsAccountId.optional(),
        assumeRoleArn: rules.awsRoleArn.optional(),
        profile: rules.awsProfile.optional(),
        organizationalUnitIds: rules.uniqueList(rules.organizationalUnitId, "organisational unit or root IDs", MAX_ORGANIZATIONAL_UNITS),
        excludeAccountIds: rules.uniqueList(rules.awsAccountId, "AWS account IDs", LIMITS.excludeAccountIds).optional(),
        connectManagementAccount: rules.strictBoolean("connect the management account too").default(false),
        roleName: rules.iamRoleName.optional(),
        rolePermissions: rules.oneOf(ROLE_PERMISSIONS).optional(),
        tags: rules.tags.optional(),
        maxConcurrentPercentage: rules.percentage(1).default(STACKSET_DEFAULTS.maxConcurrentPercentage),
        failureTolerancePercentage: rules.percentage(0).default(STACKSET_DEFAULTS.failureTolerancePercentage),
        concurrencyMode: rules.oneOf(CONCURRENCY_MODES).default(STACKSET_DEFAULTS.concurrencyMode),
    },
    { error: (issue) => `must be an object with accountId, region and organizationalUnitIds, not ${rules.describe(issue.input)}` },
);

/** Every key of the `sentinel-aws` namespace, plus the Azure location the provider also reads. */
export const stackConfigSchema = z.strictObject({
    workspace: workspaceSchema,
    awsAccounts: z
        .array(awsAccountSchema, { error: (issue) => `must be a list, not ${rules.describe(issue.input)}` })
        .min(1, { error: "must list at least one AWS account (or leave it out, with an organization)", ...rules.ifList })
        .max(LIMITS.awsAccounts, {
            error: `must list at most ${LIMITS.awsAccounts} AWS accounts (each is an AWS provider process at pulumi up; connect an AWS Organization with sentinel-aws:organization instead)`,
            ...rules.ifList,
        })
        .optional(),
    organization: organizationSchema.optional(),
    // The Content Hub solution and its analytics rules (docs/content.md).
    content: contentSchema.optional(),
    tags: rules.tags.default(() => new Map()),
    // Tags that Azure Policy or AWS tag policies set or rewrite: never changed back by this program.
    ignoreTagChanges: rules.uniqueList(rules.tagName, "tag names", rules.MAX_TAGS).default([]),
    // Leave the logs' stores in the clouds when Pulumi deletes them (beside protect, which refuses to).
    retainOnDelete: rules.strictBoolean("leave the workspace and log buckets in the clouds when deleted").default(false),
    rolePermissions: rules.oneOf(ROLE_PERMISSIONS).default(RolePermissions.readOnly),
    microsoftAccountId: rules.awsAccountId.default(MICROSOFT_SENTINEL_AWS_ACCOUNT_ID),
    azureCloud: rules.oneOf(AZURE_CLOUDS).default(AzureCloud.public),
    iamPropagationSeconds: rules.integerBetween(IAM_PROPAGATION_SECONDS.min, IAM_PROPAGATION_SECONDS.max).default(IAM_PROPAGATION_SECONDS.default),
    // The azure-native provider's own key, read here too: it places the created resources.
    "azure-native:location": rules.azureLocation.optional(),
    // Also the provider's own: adopted Azure resources are imported by ARM IDs, which name it.
    "azure-native:subscriptionId": azureSubscriptionId.optional(),
});

export type RawStackConfig = z.output<typeof stackConfigSchema>;
