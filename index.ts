// Pulumi entry point: config is read once, here, and everything else takes the typed value.
// The first user of the library (src/index.ts), through the same door as any other program.
// A function: Pulumi awaits it (the content block reads the workspace's catalogue before
// anything is registered) and takes the properties of its result as the stack outputs.
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, sentinelAwsStack } from "./src";

export = async () => {
    const outputs = await sentinelAwsStack(loadStackConfig(pulumi.runtime.allConfig(), pulumi.getStack()));
    return {
        /** The Log Analytics workspace ID (customerId): every role's external ID. */
        workspaceId: outputs.workspaceId,
        /** The workspace's ARM resource ID. */
        workspaceResourceId: outputs.workspaceResourceId,
        /** The principal every role trusts: Microsoft Sentinel's AWS account. */
        trustedPrincipal: outputs.trustedPrincipal,
        /** Per AWS account label: its account ID, the role ARN Sentinel assumes, and the connector ID. */
        awsAccounts: outputs.awsAccounts,
        /** With sentinel-aws:organization: the StackSet's name and, per connected account ID, its OU, role ARN and connector ID. */
        organization: outputs.organization,
        /** With sentinel-aws:content: per rule template ID, the scheduled rule made from it. */
        analyticsRules: outputs.analyticsRules,
    };
};
