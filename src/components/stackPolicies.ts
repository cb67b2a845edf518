// Resource options that config asks for across the whole stack, applied as transformations
// on the top-level components (their children inherit them): one place decides which
// resources they reach. Transformations, not the newer `transforms`: the engine calls
// transforms back over gRPC, which the SDK's mock engine does not, so a program using them
// never finishes under the offline plan (tried with @pulumi/pulumi 3.248: it waits forever).
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import type * as pulumi from "@pulumi/pulumi";
import { CLOUDTRAIL_CONNECTOR_TYPE } from "../constants";
import { typeToken } from "../typeToken";

/**
 * Resources that hold the logs or are needed to read them: the resource group, the
 * workspace and its onboarding, the S3 connector's buckets and their keys.
 */
const LOG_STORE_TYPES: ReadonlySet<string> = new Set(
    [resources.ResourceGroup, operationalinsights.Workspace, securityinsights.SentinelOnboardingState, s3.Bucket, kms.Key].map(typeToken),
);

/**
 * The data connectors: the CloudTrail one (registered under its own constant, see
 * cloudTrailConnector.ts), and the S3 one as a generic ARM resource; and what WAF's connectors
 * send through: their definition, data collection endpoint and rule.
 */
const CONNECTOR_TYPES: ReadonlySet<string> = new Set([
    CLOUDTRAIL_CONNECTOR_TYPE,
    ...[resources.Resource, securityinsights.CustomizableConnectorDefinition, monitor.DataCollectionEndpoint, monitor.DataCollectionRule].map(typeToken),
]);

/**
 * `retainOnDelete` on every log store: Pulumi forgets it when deleting, the cloud keeps it.
 * A kept workspace would keep its connectors too, failing against roles and queues that are
 * gone (and WAF's definition and rule, feeding nothing), so they are deleted one by one instead
 * of with the workspace.
 */
const retainingLogStores: pulumi.ResourceTransformation = ({ type, props, opts }) => {
    if (LOG_STORE_TYPES.has(type)) return { props, opts: { ...opts, retainOnDelete: true } };
    if (CONNECTOR_TYPES.has(type)) return { props, opts: { ...opts, deletedWith: undefined } };
    return undefined;
};

/**
 * Ignores changes to these tags on every tagged resource, so that tags Azure Policy or an AWS
 * tag policy sets or rewrites are never changed back (Pulumi's property paths quote each name).
 */
function ignoringTagChanges(names: readonly string[]): pulumi.ResourceTransformation {
    const paths = names.map((name) => `tags[${JSON.stringify(name)}]`);
    return ({ props, opts }) => (props.tags !== undefined ? { props, opts: { ...opts, ignoreChanges: [...(opts.ignoreChanges ?? []), ...paths] } } : undefined);
}

/** The transformations a stack's config asks for; none by default. */
export function stackPolicies(config: { readonly retainOnDelete: boolean; readonly ignoreTagChanges: readonly string[] }): pulumi.ResourceTransformation[] {
    return [
        ...(config.retainOnDelete ? [retainingLogStores] : []),
        ...(config.ignoreTagChanges.length > 0 ? [ignoringTagChanges(config.ignoreTagChanges)] : []),
    ];
}
