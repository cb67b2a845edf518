// Checks of a stack file that the config schema cannot make, because by the time the
// program sees the flat config the evidence is gone: how the file was encoded, which
// spelling of a key it used, and numbers that JSON cannot carry.
import { PROJECT } from "../src";
import { describe, keyPath } from "../src/facts";

/**
 * Each encoding by its byte-order mark, or by where ASCII text puts its zero bytes (as
 * RFC 4627 tells JSON's encodings apart): `0` a zero byte, `x` any other. UTF-32 comes
 * first, its marks beginning as UTF-16's do.
 */
const ENCODINGS: readonly { name: string; mark: readonly number[]; ascii: string }[] = [
    { name: "UTF-32 (little-endian)", mark: [0xff, 0xfe, 0, 0], ascii: "x000" },
    { name: "UTF-32 (big-endian)", mark: [0, 0, 0xfe, 0xff], ascii: "000x" },
    { name: "UTF-16 (little-endian)", mark: [0xff, 0xfe], ascii: "x0x0" },
    { name: "UTF-16 (big-endian)", mark: [0xfe, 0xff], ascii: "0x0x" },
];

const startsWith = (bytes: Uint8Array, mark: readonly number[]) => bytes.length >= mark.length && mark.every((b, i) => bytes[i] === b);
const looksLike = (bytes: Uint8Array, ascii: string) => bytes.length >= ascii.length && [...ascii].every((p, i) => (bytes[i] === 0) === (p === "0"));

/** Why a file's bytes are not UTF-8 text the plan can read (`is UTF-16 ...`), or undefined. */
export function encodingProblem(bytes: Uint8Array): string | undefined {
    const found = ENCODINGS.find((e) => startsWith(bytes, e.mark) || looksLike(bytes, e.ascii));
    return found && `is ${found.name} text, not UTF-8: save it as UTF-8`;
}

/**
 * Keys a stack file sets twice under two spellings, `workspace` and `sentinel-aws:workspace`:
 * one would silently win over the other (and could turn protection off), so both are named.
 */
export function qualifiedKeyClashes(keys: readonly string[]): string[] {
    const present = new Set(keys);
    return keys
        .filter((key) => !key.includes(":") && present.has(`${PROJECT}:${key}`))
        .map((key) => `${keyPath([key])} and ${keyPath([`${PROJECT}:${key}`])} are the same key (a key without a namespace is ${PROJECT}'s): keep one`);
}

/**
 * Numbers YAML reads as Infinity or NaN (`.inf`, `.nan`, `1e400`) in a stack file's config
 * section. Pulumi hands config to the program as JSON, which has neither: they would arrive
 * as null, and a message would show null instead of what the file says.
 */
export function nonFiniteNumbers(config: Readonly<Record<string, unknown>>): string[] {
    // Walked without recursion, each node linked to its parent, so that deep nesting costs
    // neither the stack nor a copy of the path per node.
    type Node = { key: PropertyKey; value: unknown; parent?: Node };
    const pathOf = (node: Node) => {
        const path: PropertyKey[] = [];
        for (let at: Node | undefined = node; at !== undefined; at = at.parent) path.push(at.key);
        return path.reverse();
    };
    const found: string[] = [];
    const seen = new Set<object>(); // YAML aliases share objects: each is walked once
    const pending: Node[] = Object.entries(config).map(([key, value]) => ({ key, value }));
    for (let i = 0; i < pending.length; i++) {
        const node = pending[i];
        const { value } = node;
        if (typeof value === "number" && !Number.isFinite(value)) {
            found.push(
                `${keyPath(pathOf(node))}: YAML reads this number as ${describe(value)} (.inf, .nan, or one too large such as 1e400), which config cannot carry: write a finite number`,
            );
        } else if (typeof value === "object" && value !== null && !seen.has(value)) {
            seen.add(value);
            for (const [k, v] of Object.entries(value)) pending.push({ key: Array.isArray(value) ? Number(k) : k, value: v, parent: node });
        }
    }
    return found;
}
