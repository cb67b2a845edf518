// Pulumi entry point: config is read once, here, and everything else takes the typed value.
// The first user of the library (src/index.ts), through the same door as any other program.
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, sentinelAws } from "./src";

const outputs = sentinelAws(loadStackConfig(pulumi.runtime.allConfig(), pulumi.getStack()));

/** The Log Analytics workspace ID (customerId): every role's external ID. */
export const workspaceId = outputs.workspaceId;
/** The workspace's ARM resource ID. */
export const workspaceResourceId = outputs.workspaceResourceId;
/** The principal every role trusts: Microsoft Sentinel's AWS account. */
export const trustedPrincipal = outputs.trustedPrincipal;
/** Per AWS account label: its account ID, the role ARN Sentinel assumes, and the connector ID. */
export const awsAccounts = outputs.awsAccounts;
/** With sentinel-aws:organization: the StackSet's name and, per connected account ID, its OU, role ARN and connector ID. */
export const organization = outputs.organization;
