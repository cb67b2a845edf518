// Reading a resource's properties without tripping over values a preview does not know yet.
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { UNKNOWN } from "../cloudFormation";
import { accountOf } from "../iamDocument";

export { UNKNOWN };

/**
 * Reads `resource.props` along `path`. The engine hands rules a proxy that throws when a
 * rule touches a value unknown in a preview (which would turn the whole rule into advice);
 * reading through here gives UNKNOWN instead, so a rule judges what is known.
 */
export function read(resource: Pick<PolicyResource | ResourceValidationArgs, "props">, ...path: string[]): unknown {
    try {
        let value: unknown = resource.props;
        for (const key of path) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
        return value;
    } catch {
        return UNKNOWN;
    }
}

/** A property's value, or undefined when it is not set or not known yet. */
export function known(resource: Pick<PolicyResource | ResourceValidationArgs, "props">, ...path: string[]): unknown {
    const value = read(resource, ...path);
    return value === UNKNOWN ? undefined : value;
}

/** A StackSet's value of one template parameter: a string, UNKNOWN in a preview, or undefined when not given. */
export const stackSetParameter =
    (stackSet: Pick<PolicyResource | ResourceValidationArgs, "props">) =>
    (name: string): unknown =>
        read(stackSet, "parameters", name);

/** The role's own account, from its provider's `allowedAccountIds` (the engine passes provider inputs as JSON text). */
function ownAccountOf(resource: Pick<PolicyResource | ResourceValidationArgs, "provider">): string | undefined {
    let allowed: unknown = resource.provider?.props?.allowedAccountIds;
    if (typeof allowed === "string") {
        try {
            allowed = JSON.parse(allowed);
        } catch {
            return undefined;
        }
    }
    return Array.isArray(allowed) && allowed.length === 1 ? String(allowed[0]) : undefined;
}

/** Whether a principal is the resource's own account (by its provider), which needs no external ID. */
export function isOwnAccount(resource: Pick<PolicyResource | ResourceValidationArgs, "provider">): (principal: string) => boolean {
    const own = ownAccountOf(resource);
    return (principal) => own !== undefined && (accountOf(principal) ?? principal) === own;
}
