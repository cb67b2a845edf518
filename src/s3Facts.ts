// Facts of Sentinel's S3 connector (kind AmazonWebServicesS3), owned by Microsoft and AWS,
// each with where it comes from.
import { valuesOf } from "./constants";

/** Which Azure cloud the Sentinel workspace lives in: it decides whose tokens AWS must trust. */
export const AzureCloud = {
    /** Azure's public cloud. */
    public: "public",
    /** Azure Government, the only one Sentinel connects AWS GovCloud to. */
    usGovernment: "usGovernment",
} as const;
export type AzureCloud = (typeof AzureCloud)[keyof typeof AzureCloud];
export const AZURE_CLOUDS = valuesOf(AzureCloud);

export interface SentinelOidc {
    /** Issuer URL of Microsoft Entra ID for Sentinel's tenant: the IAM OIDC provider's URL. */
    readonly url: string;
    /** The token audience Sentinel presents: the provider's client ID and the role's `aud` condition. */
    readonly audience: string;
}

/**
 * Microsoft's OIDC issuer and audience per Azure cloud (learn.microsoft.com
 * azure/sentinel/connect-aws-configure-environment; Azure-Sentinel
 * DataConnectors/AWS-S3/CloudFormation/OpenID).
 */
export const SENTINEL_OIDC: Readonly<Record<AzureCloud, SentinelOidc>> = {
    public: {
        url: "https://sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/",
        audience: "api://1462b192-27f7-4cb9-8523-0f4ecb54b47e",
    },
    usGovernment: {
        url: "https://sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/",
        audience: "api://d4230588-5f84-4281-a9c7-2c15194b28f7",
    },
};

/** An issuer as IAM names it in provider ARNs and condition keys: its URL without the scheme (`sts.windows.net/<tenant>/`). */
export const oidcIssuerHost = (url: string): string => url.replace(/^https:\/\//, "");

/** Thumbprint of the issuer's certificate chain, as Microsoft's templates register it. */
export const SENTINEL_OIDC_THUMBPRINT = "626d44e704d1ceabe3bf0d53397464ac8080142c";

/**
 * The session name Sentinel gives itself when it assumes the role is this prefix and the
 * workspace ID. Microsoft's docs ("must have the exact prefix MicrosoftSentinel_") and its
 * 2025-2026 templates require exactly that name, with StringEquals.
 */
export const SENTINEL_SESSION_PREFIX = "MicrosoftSentinel_";

/**
 * The prefix Sentinel sent instead for a while from March 2025: Azure-Sentinel PR 11985 moved
 * Microsoft's scripts to it, issue 12007 reported that the connector then failed, and
 * Microsoft answered to keep `MicrosoftSentinel_`; issue 11980 and an unmerged docs PR of
 * 2026 report tenants that still see it. Accepted only where a stack opts in
 * (`s3.acceptDefenderSessionName`), since every name accepted widens the trust.
 */
export const DEFENDER_SESSION_PREFIX = "MicrosoftDefenderForClouds_";

/** The S3 connector's role name must start with this, or the portal refuses it (Azure-Sentinel issue 10363). */
export const OIDC_ROLE_NAME_PREFIX = "OIDC_";

/** The log types the program can deliver through the S3 connector. */
export const S3LogType = {
    /** CloudTrail's management (and, if asked, S3 data) events, from a trail. */
    cloudTrail: "cloudTrail",
    /** GuardDuty's findings, exported by the detectors. */
    guardDuty: "guardDuty",
    /** VPC flow logs of the listed VPCs. */
    vpcFlowLogs: "vpcFlowLogs",
    /** CloudWatch Logs of the listed log groups, turned into CSV by a function of this program. */
    cloudWatch: "cloudWatch",
    /** WAF web ACL logs of the listed web ACLs, in a bucket of their own (WAF's naming rule). */
    waf: "waf",
} as const;
export type S3LogType = (typeof S3LogType)[keyof typeof S3LogType];
export const S3_LOG_TYPES = valuesOf(S3LogType);

/**
 * Log Analytics table of each log type (Azure-Sentinel ConfigAwsConnector.ps1 `-DestinationTable`;
 * `AWSCloudWatch`: learn.microsoft.com azure/sentinel/connect-aws names the table and the
 * connector page's "Destination table" list; no Microsoft template sets this value, so it is
 * UNVERIFIED as the connector's `destinationTable`; `AWSWAF`: the WAF connection of Azure-Sentinel
 * Solutions/Amazon Web Services/Data Connectors/AWS_WAF_CCP/AWS S3 WAF connector template.json).
 */
export const DESTINATION_TABLE: Readonly<Record<S3LogType, string>> = {
    cloudTrail: "AWSCloudTrail",
    guardDuty: "AWSGuardDuty",
    vpcFlowLogs: "AWSVPCFlow",
    cloudWatch: "AWSCloudWatch",
    waf: "AWSWAF",
};

/**
 * The Lambda runtime of the CloudWatch Logs conversion: a Node.js line Lambda supports until
 * 2027-04-30, whose runtime includes the AWS SDK for JavaScript v3 the function writes to S3
 * with (Lambda developer guide, "Building Lambda functions with Node.js", read 2026-12-06).
 */
export const CLOUDWATCH_FUNCTION_RUNTIME = "nodejs22.x";

/** The service that invokes a subscription filter's function (CloudWatch Logs user guide, "Subscription filters with AWS Lambda"). */
export const CLOUDWATCH_LOGS_PRINCIPAL = "logs.amazonaws.com";

/**
 * A log group takes at most two subscription filters (CloudWatch Logs quotas): one of them is
 * this program's, so a group that has two already is refused by AWS at `pulumi up`.
 */
export const SUBSCRIPTION_FILTERS_PER_LOG_GROUP = 2;

/** Data connector kind of the S3 connector. */
export const S3_CONNECTOR_KIND = "AmazonWebServicesS3";

/**
 * The Microsoft.SecurityInsights API version the S3 connector is created with. It is the
 * newest version whose specification defines `AwsS3DataConnector`
 * (azure-rest-api-specs, specification/securityinsights/resource-manager/
 * Microsoft.SecurityInsights/preview/2024-10-01-preview/dataConnectors.json); later
 * previews known to @pulumi/azure-native 3.28 no longer list it. The body is checked against
 * that definition in tests/s3ConnectorSpec.test.ts.
 */
export const S3_CONNECTOR_API_VERSION = "2024-10-01-preview";

/**
 * WAF through the S3 connector, as Microsoft's Codeless Connector Framework template makes it
 * (Azure-Sentinel Solutions/Amazon Web Services/Data Connectors/AWS_WAF_CCP/AWS S3 WAF
 * connector template.json, solution 3.0.10, read 2026-12-06). The connection is created with
 * the API version of that template: no version of the REST specification defines
 * `connectorDefinitionName`, `dcrConfig` or `dataFormat` on `AwsS3DataConnector`, so the
 * template is the only statement of the body (docs/connectors.md, "WAF").
 */
export const WAF_CONNECTOR_API_VERSION = "2022-12-01-preview";

/**
 * The stream the connector sends WAF's records as: the one the template's data collection rule
 * declares (its data flow reads and writes `Microsoft-AWSWAF`, Microsoft's own table's stream).
 * The template's connection names `SENTINEL_AWSWAF`, which that rule does not declare.
 */
export const WAF_STREAM = "Microsoft-AWSWAF";

/** How WAF writes its logs (gzip JSON lines), as the template's connection tells the connector. */
export const WAF_DATA_FORMAT = { Format: "Json", IsCompressed: true, compressType: "Gzip" } as const;

/**
 * SQS keeps a message at most 14 days (SQS quotas): the longest Sentinel may be unable to
 * read before notifications are lost.
 */
export const QUEUE_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/**
 * How long a notification Sentinel has received stays hidden before it can be received again:
 * the pause between two attempts on a notification Sentinel did not delete. Microsoft's
 * templates keep SQS's 30 seconds and add no dead-letter queue; here a dead-letter queue
 * counts the attempts, so they are spaced out (Sentinel may still change it per message:
 * it is granted sqs:ChangeMessageVisibility).
 */
export const QUEUE_VISIBILITY_TIMEOUT_SECONDS = 5 * 60;

/**
 * Receives of one notification before it moves to the dead-letter queue: SQS's maximum.
 * With the visibility timeout above, a notification Sentinel keeps failing on (an outage,
 * a key or bucket policy gone wrong) is retried for at least 1,000 × 5 minutes, about 3.5
 * days, before it moves; it then has the rest of its 14 days there (SQS counts retention
 * from the first enqueue) for the alarm to be seen and the message to be moved back.
 */
export const QUEUE_MAX_RECEIVES = 1000;

/** How often the dead-letter alarm looks at the queue's depth, in seconds (SQS publishes every minute). */
export const DEAD_LETTER_ALARM_PERIOD_SECONDS = 5 * 60;

/** Every log object the services write ends in this; the notifications send nothing else. */
export const LOG_OBJECT_SUFFIX = ".gz";

/**
 * AWS Commercial regions that are disabled until an account opts in: those launched after
 * 20 March 2019 (AWS Account Management, "Enable or disable AWS Regions"). The list is
 * UNVERIFIED as a whole (AWS's table was not at hand); check it with `aws ec2
 * describe-regions --all-regions --query "Regions[?OptInStatus!='opt-in-not-required'].RegionName"`.
 * Osaka (ap-northeast-3) is recent but enabled by default; GovCloud has no opt-in regions.
 */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-west-1",
    "eu-central-2",
    "eu-south-1",
    "eu-south-2",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
]);

/**
 * GuardDuty's service principal for a detector's region: in an opt-in region it signs as
 * `guardduty.<region>.amazonaws.com`, in the bucket and the key policy alike (GuardDuty user
 * guide, "Exporting findings").
 */
export const guardDutyPrincipal = (region: string): string => (OPT_IN_REGIONS.has(region) ? `guardduty.${region}.amazonaws.com` : "guardduty.amazonaws.com");

/**
 * What to tell a user whose S3 account is in an opt-in region. Sentinel gets its AWS session
 * from the global STS endpoint, whose tokens are by default valid only in the regions enabled
 * by default, so SQS and S3 in an opt-in region refuse it ("Authentication succeeded but
 * authorization failed") until the account's global endpoint issues tokens valid in all
 * regions (Azure-Sentinel issue 10933; IAM API SetSecurityTokenServicePreferences). That is an
 * account-wide setting the program leaves to its owner.
 */
export function optInRegionWarning(label: string, accountId: string, region: string): string | undefined {
    if (!OPT_IN_REGIONS.has(region)) return undefined;
    return (
        `AWS account ${label} (${accountId}) keeps its S3 connector's queues and bucket in ${region}, an opt-in region. Sentinel signs in through the global STS endpoint, ` +
        "whose tokens opt-in regions refuse unless the account's STS global endpoint issues tokens valid in all regions (Azure-Sentinel issue 10933). " +
        "Check: aws iam get-account-summary --query SummaryMap.GlobalEndpointTokenVersion (must be 2); " +
        "set: aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token."
    );
}
