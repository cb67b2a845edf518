// The typed, validated config every part of the program takes. Nothing past the edge
// reads `pulumi.Config`.
import type { DeployAs, RolePermissions } from "../constants";
import type { AzureCloud, S3LogType } from "../s3Facts";

export type Tags = Readonly<Record<string, string>>;

export interface WorkspaceConfig {
    readonly name: string;
    readonly resourceGroupName: string;
    /** Set when this program creates the workspace; undefined for an existing one. */
    readonly retentionInDays?: number;
    readonly existing: boolean;
    readonly onboard: boolean;
    readonly protect: boolean;
    /** Import the resource group, workspace and onboarding made by hand, with these inputs. */
    readonly adopt: boolean;
}

/** A listed account's role and connector made by hand; see src/config/adopt.ts. */
export interface AdoptConfig {
    readonly roleName: string;
    readonly connectorId: string;
    readonly policyArn: string;
    readonly description?: string;
    /** The role's tags now (a tag policy may have set them): an import must match them too. */
    readonly tags?: Tags;
    readonly tighten: boolean;
}

export type DeploymentCredentials =
    { readonly kind: "assumeRole"; readonly roleArn: string } | { readonly kind: "profile"; readonly profile: string } | { readonly kind: "ambient" };

/** How the S3 connector's side of an account is built. */
export interface S3ConnectorConfig {
    /** What to collect; each gets its own prefix, queue and connector. */
    readonly logTypes: readonly S3LogType[];
    /** An IAM OIDC provider for Sentinel's issuer that exists already; otherwise one is created. */
    readonly oidcProviderArn?: string;
    /** Whether the role also accepts the session name `MicrosoftDefenderForClouds_<workspace ID>`. */
    readonly acceptDefenderSessionName: boolean;
    /** Set for an organisation trail in the management (or delegated administrator) account. */
    readonly organizationId?: string;
    /**
     * The organisation's management account, when this account is CloudTrail's delegated
     * administrator: it owns the organisation trail, so the trail's ARN carries its ID.
     */
    readonly managementAccountId?: string;
    /** The detector in the account's region, whose findings are exported. */
    readonly guardDutyDetectorId?: string;
    /** Detectors of further regions, exported into the same bucket and queue. */
    readonly guardDutyDetectors: readonly { readonly region: string; readonly detectorId: string }[];
    readonly vpcIds: readonly string[];
    /** Whether the logs are encrypted with a KMS key of this program; GuardDuty exports always are. */
    readonly kmsEncryption: boolean;
    readonly dataEvents: boolean;
    readonly protectBucket: boolean;
    /** An SNS topic the dead-letter queues' alarms notify. */
    readonly alarmTopicArn?: string;
    /**
     * A bucket of this account and region that a trail of someone else's writes to already:
     * no trail, no bucket and no key are created, and the bucket is never changed.
     */
    readonly existingBucket?: {
        readonly name: string;
        /** The trail's S3 key prefix, before `AWSLogs/`. */
        readonly keyPrefix?: string;
        /** The KMS key the trail encrypts with, for Sentinel's role to decrypt. */
        readonly kmsKeyArn?: string;
    };
}

export interface AwsAccountConfig {
    /** Unique label, part of every resource name of this account. */
    readonly name: string;
    readonly accountId: string;
    readonly region: string;
    /** `aws` or `aws-us-gov`, from the region: every ARN this program writes uses it. */
    readonly partition: "aws" | "aws-us-gov";
    readonly credentials: DeploymentCredentials;
    /** The role Sentinel assumes, resolved from config or the default. */
    readonly roleName: string;
    /** Set when the account uses the S3 connector; undefined for the CloudTrail API connector. */
    readonly s3?: S3ConnectorConfig;
    /** What the CloudTrail API connector's role may do: the account's own setting, else the stack-wide one. */
    readonly rolePermissions: RolePermissions;
    /** Stack-wide tags merged with this account's. */
    readonly tags: Tags;
    /** The role and connector made by hand that this entry takes over. */
    readonly adopt?: AdoptConfig;
}

/** Every account of an AWS Organization's OUs, through one service-managed StackSet. */
export interface OrganizationConfig {
    /** Where the program signs in and the StackSet lives: the management account or the delegated administrator. */
    readonly accountId: string;
    /** The management account: service-managed StackSets never deploy into it. */
    readonly managementAccountId: string;
    readonly region: string;
    readonly deployAs: DeployAs;
    readonly credentials: DeploymentCredentials;
    readonly organizationalUnitIds: readonly string[];
    readonly excludeAccountIds: readonly string[];
    /** Create the role in the management account directly, on the organisation's provider, and connect it. */
    readonly connectManagementAccount: boolean;
    readonly roleName: string;
    readonly rolePermissions: RolePermissions;
    /** Stack-wide tags merged with the organisation's. */
    readonly tags: Tags;
    readonly maxConcurrentPercentage: number;
    readonly failureTolerancePercentage: number;
}

export interface StackConfig {
    readonly stack: string;
    /** Azure region of a created resource group and workspace. */
    readonly location?: string;
    readonly workspace: WorkspaceConfig;
    /** Listed accounts; empty when only an organisation is connected. */
    readonly awsAccounts: readonly AwsAccountConfig[];
    readonly organization?: OrganizationConfig;
    readonly tags: Tags;
    readonly microsoftAccountId: string;
    /** The Azure cloud of the workspace: it selects Sentinel's OIDC issuer and audience. */
    readonly azureCloud: AzureCloud;
    readonly iamPropagationSeconds: number;
    /** The Azure subscription, from `azure-native:subscriptionId`: set when anything on Azure is adopted. */
    readonly subscriptionId?: string;
    /** Tags that policies outside this program set: their changes are ignored on every resource. */
    readonly ignoreTagChanges: readonly string[];
    /** Leave the workspace and the log buckets (and keys) in the clouds when Pulumi deletes them. */
    readonly retainOnDelete: boolean;
}
