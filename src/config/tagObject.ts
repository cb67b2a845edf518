// Tags as resources take them: an object whose keys are the config's tag names.
import type { Tags } from "./types";

/**
 * The tags of `layers`, later ones winning. The object has no prototype, so a tag named
 * `constructor` or `toString` is a key like any other. It still converts to a string,
 * which the Pulumi SDK does to label every input: a plain object with a `toString` tag
 * would throw there, mid-registration.
 */
export function tagObject(...layers: readonly (ReadonlyMap<string, string> | undefined)[]): Tags {
    const tags: Record<string, string> = Object.create(null, { [Symbol.toPrimitive]: { value: () => "[object Object]" } });
    for (const layer of layers) layer?.forEach((value, name) => (tags[name] = value));
    return tags;
}
