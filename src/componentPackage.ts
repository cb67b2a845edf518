// The components offered to other languages as a Pulumi component package (`pulumi package
// add`). SentinelWorkspace is not: its type token is outside the package's `index` module,
// which the component host requires, and changing it would move every deployed workspace.
import { AwsAccountConnection } from "./components/awsAccountConnection";
import { OrganizationConnection } from "./components/organizationConnection";
import { S3AccountConnection } from "./components/s3AccountConnection";
import { SentinelContent } from "./components/sentinelContent";
import { WafIngestion } from "./components/wafIngestion";
import { PROJECT } from "./config/load";

export const COMPONENT_PACKAGE = {
    name: PROJECT,
    components: [AwsAccountConnection, OrganizationConnection, S3AccountConnection, SentinelContent, WafIngestion],
};
