// Reading a resource's properties without tripping over values a preview does not know yet.
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { UNKNOWN } from "../cloudFormation";

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
