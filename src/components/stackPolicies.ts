// Resource options that config asks for across the whole stack, applied as transformations
// on the top-level components (their children inherit them): one place decides which
// resources they reach.
import type * as pulumi from "@pulumi/pulumi";

/**
 * Resources that hold the logs or are needed to read them: the resource group, the
 * workspace and its onboarding, the S3 connector's buckets and their keys.
 */
export const LOG_STORE_TYPES: ReadonlySet<string> = new Set([
    "azure-native:resources:ResourceGroup",
    "azure-native:operationalinsights:Workspace",
    "azure-native:securityinsights:SentinelOnboardingState",
    "aws:s3/bucket:Bucket",
    "aws:kms/key:Key",
]);

/** `retainOnDelete` on every log store: Pulumi forgets it when deleting, the cloud keeps it. */
export const retainingLogStores: pulumi.ResourceTransformation = ({ type, props, opts }) =>
    LOG_STORE_TYPES.has(type) ? { props, opts: { ...opts, retainOnDelete: true } } : undefined;

/**
 * Ignores changes to these tags on every tagged resource, so that tags Azure Policy or an AWS
 * tag policy sets or rewrites are never changed back (Pulumi's property paths quote each name).
 */
export function ignoringTagChanges(names: readonly string[]): pulumi.ResourceTransformation {
    const paths = names.map((name) => `tags[${JSON.stringify(name)}]`);
    return ({ props, opts }) => (props.tags !== undefined ? { props, opts: { ...opts, ignoreChanges: [...(opts.ignoreChanges ?? []), ...paths] } } : undefined);
}

/** The transformations a stack's config asks for; none by default. */
export function stackPolicies(config: { readonly retainOnDelete: boolean; readonly ignoreTagChanges: readonly string[] }): pulumi.ResourceTransformation[] {
    return [...(config.retainOnDelete ? [retainingLogStores] : []), ...(config.ignoreTagChanges.length > 0 ? [ignoringTagChanges(config.ignoreTagChanges)] : [])];
}
