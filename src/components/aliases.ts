// Resource aliases tell Pulumi that a resource registered under another type or name is
// the same one. azure-native gives each data connector about 285 of them (every API version
// and every connector kind of the same Azure resource type), and the SDK resolves each of
// them for every registration: about 95% of the cost of registering a connector.
import type * as pulumi from "@pulumi/pulumi";

/**
 * A transformation that keeps only the aliases naming one of `types`: the types under
 * which this program has ever registered the resource, so that no stack of it could hold
 * the resource under any other. Type, name and inputs, and so the URN, stay as they are.
 */
export function keepAliasesOfTypes(types: readonly string[]): pulumi.ResourceTransformation {
    return ({ props, opts }) => ({
        props,
        opts: {
            ...opts,
            aliases: (opts.aliases ?? []).filter((alias) => typeof alias === "object" && alias !== null && "type" in alias && types.includes(alias.type as string)),
        },
    });
}
