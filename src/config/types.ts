// The typed, validated config every part of the program takes, named. Each type is the
// schema's output (./resolve.ts), so none is kept by hand. Nothing past the edge reads
// `pulumi.Config`.
import type { StackConfig } from "./resolve";

export type { StackConfig };
export type Tags = Readonly<Record<string, string>>;
export type WorkspaceConfig = StackConfig["workspace"];
/** A listed account: an S3 account carries its S3 settings, a CloudTrail API account its role's permissions and adoption. */
export type AwsAccountConfig = StackConfig["awsAccounts"][number];
export type CloudTrailApiAccountConfig = Extract<AwsAccountConfig, { connector: "cloudTrailApi" }>;
export type S3AccountConfig = Extract<AwsAccountConfig, { connector: "s3" }>;
export type S3ConnectorConfig = S3AccountConfig["s3"];
/** A listed account's role and connector made by hand; see ./adopt.ts. */
export type AdoptConfig = NonNullable<CloudTrailApiAccountConfig["adopt"]>;
export type DeploymentCredentials = AwsAccountConfig["credentials"];
/** Every account of an AWS Organization's OUs, through one service-managed StackSet. */
export type OrganizationConfig = NonNullable<StackConfig["organization"]>;
/** The Content Hub solution and which rule templates become scheduled rules. */
export type ContentConfig = NonNullable<StackConfig["content"]>;
