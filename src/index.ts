// The library: what another Pulumi program may use, and, with ./facts.ts, the door the tools
// beside the program (the plan tool, the health check, the benchmark) come in by. Everything
// else in src/ is internal and may change.

// Components, each with its own args; providers come by resource option.
export { AwsAccountConnection } from "./components/awsAccountConnection";
export type { AdoptedConnection, AwsAccountConnectionArgs } from "./components/awsAccountConnection";
export { OrganizationConnection } from "./components/organizationConnection";
export type { OrganizationConnectionArgs, OrganizationAccount } from "./components/organizationConnection";
export { S3AccountConnection } from "./components/s3AccountConnection";
export type { S3AccountConnectionArgs } from "./components/s3AccountConnection";
export { SentinelContent } from "./components/sentinelContent";
export { WafIngestion } from "./components/wafIngestion";
export type { WafIngestionArgs, WafIngestionLink } from "./components/wafIngestion";
export type { SentinelContentArgs } from "./components/sentinelContent";
export { SentinelWorkspace } from "./components/sentinelWorkspace";
export type { SentinelWorkspaceArgs } from "./components/sentinelWorkspace";
export type { WorkspaceLink } from "./components/workspaceLink";
export { awsAccountProvider } from "./components/awsAccountProvider";
export { COMPONENT_PACKAGE } from "./componentPackage";

// The whole stack program, and the config it is made from.
export { sentinelAws, sentinelAwsStack } from "./program";
// The content block's parts, for a program that makes its own SentinelContent.
export { readContentCatalogue } from "./content/read";
export { selectRules } from "./content/select";
export type { SelectedRule, RuleOverrides } from "./content/select";
export type { CataloguePackage, ContentCatalogue, RuleTemplate } from "./content/catalogue";
export { prepareContent } from "./content/prepare";
export type { PreparedContent } from "./content/prepare";
export { ConfigError, loadStackConfig, PROJECT } from "./config/load";
export type * from "./config/types";
