// Facts of Sentinel's S3 connector (kind AmazonWebServicesS3), owned by Microsoft and AWS,
// each with where it comes from.

/** Which Azure cloud the Sentinel workspace lives in: it decides whose tokens AWS must trust. */
export const AZURE_CLOUDS = ["public", "usGovernment"] as const;
export type AzureCloud = (typeof AZURE_CLOUDS)[number];

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
 * Session-name prefixes Sentinel uses when it assumes the role, followed by the workspace
 * ID. It sent the second one for a while in March 2025 and ingestion broke where only the
 * first was allowed (Azure-Sentinel issues 11980 and 12007), so both are accepted.
 */
export const SENTINEL_SESSION_PREFIXES = ["MicrosoftSentinel_", "MicrosoftDefenderForClouds_"] as const;

/** The S3 connector's role name must start with this, or the portal refuses it (Azure-Sentinel issue 10363). */
export const OIDC_ROLE_NAME_PREFIX = "OIDC_";

/** The log types the program can deliver through the S3 connector. */
export const S3_LOG_TYPES = ["cloudTrail", "guardDuty", "vpcFlowLogs"] as const;
export type S3LogType = (typeof S3_LOG_TYPES)[number];

/** Log Analytics table of each log type (Azure-Sentinel ConfigAwsConnector.ps1 `-DestinationTable`). */
export const DESTINATION_TABLE: Readonly<Record<S3LogType, string>> = {
    cloudTrail: "AWSCloudTrail",
    guardDuty: "AWSGuardDuty",
    vpcFlowLogs: "AWSVPCFlow",
};

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
 * SQS keeps a message at most 14 days (SQS quotas): the longest Sentinel may be unable to
 * read before notifications are lost.
 */
export const QUEUE_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/** Receives of one notification before it is parked in the dead-letter queue. */
export const QUEUE_MAX_RECEIVES = 10;

/** Every log object the services write ends in this; the notifications send nothing else. */
export const LOG_OBJECT_SUFFIX = ".gz";
