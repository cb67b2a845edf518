// The components offered to other languages as a Pulumi component package (`pulumi package
// add`): those whose args are all serialisable. S3AccountConnection takes the S3 settings
// as config types, and SentinelWorkspace's type token is outside the package's `index`
// module, which the component host requires (changing it would move every deployed
// workspace); both remain for TypeScript programs.
import { AwsAccountConnection } from "./components/awsAccountConnection";
import { OrganizationConnection } from "./components/organizationConnection";
import { PROJECT } from "./config/load";

export const COMPONENT_PACKAGE = { name: PROJECT, components: [AwsAccountConnection, OrganizationConnection] };
