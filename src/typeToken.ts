// The type token a resource class registers its resources under, read from the class, so that
// whatever matches resources by type follows the SDK instead of a string written out again:
// an SDK upgrade that renames a type changes it everywhere at once.
import type * as pulumi from "@pulumi/pulumi";

/** Any resource class of the SDKs, e.g. `iam.Role` or `aws.Provider`. */
export type ResourceClass = abstract new (...args: never[]) => pulumi.Resource;

/**
 * The class's type token: its static `__pulumiType`, which every generated class has but the
 * SDKs' typings leave out. A provider class holds only its package (`aws`), and registers as
 * `pulumi:providers:<package>`; a resource's token always has a module and a type after it.
 */
export function typeToken(resourceClass: ResourceClass): string {
    const token: unknown = (resourceClass as unknown as { readonly __pulumiType?: unknown }).__pulumiType;
    if (typeof token !== "string") throw new Error(`${resourceClass.name} is not a class of a Pulumi SDK: it has no __pulumiType`);
    return token.includes(":") ? token : `pulumi:providers:${token}`;
}
