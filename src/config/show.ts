// How config input appears in error messages. Stack files come from pull requests, and
// the plan's messages are pasted into a pull-request comment, so every value and every
// key name is shown escaped: nothing a config holds can reach the reader as control
// characters, a look-alike letter or a Markdown code fence.

/** Longer text is cut in the middle: the mistake is as likely at the end (a missing `/`) as at the start. */
const MAX_SHOWN = 120;
const HEAD = 70;
/** Deeper nesting is shown as `...`, so that a hostile value cannot exhaust the stack. */
const MAX_DEPTH = 20;

/** Everything but printable ASCII, plus the backtick that Markdown code fences are made of. */
const UNSAFE = /[^\x20-\x5f\x61-\x7e]/g;
/** One character of escaped text: an escape sequence stays whole when the text is cut. */
const CHARACTER = /\\u[0-9a-f]{4}|\\.|[^]/g;

/**
 * How much JSON text is built before escaping and cutting: enough for both ends that
 * describe() keeps, so that a value of 32 MiB costs no more than one of 200 characters.
 */
const BUILT = 2 * MAX_SHOWN;

/** A string's JSON text, its middle left out when long: only its two ends are ever shown. */
function stringJson(text: string): string {
    if (text.length <= 2 * BUILT) return JSON.stringify(text);
    return `${JSON.stringify(text.slice(0, BUILT)).slice(0, -1)}${JSON.stringify(text.slice(-BUILT)).slice(1)}`;
}

/**
 * JSON, except that it never throws and never misleads (`1e400` is Infinity, not null; a Map
 * shows its entries), and stops building a list or an object once BUILT characters are
 * written: the rest shows as `...`.
 */
function jsonOf(value: unknown, depth: number): string {
    if (typeof value === "number" || typeof value === "bigint") return String(value);
    if (typeof value === "string") return stringJson(value);
    if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? String(value);
    if (depth >= MAX_DEPTH) return "...";
    const list = Array.isArray(value);
    const entries: Iterable<[unknown, unknown]> = list ? value.entries() : value instanceof Map ? value : Object.entries(value);
    let out = list ? "[" : "{";
    let first = true;
    for (const [k, v] of entries) {
        if (out.length > BUILT) return `${out},...${list ? "]" : "}"}`;
        out += `${first ? "" : ","}${list ? "" : `${stringJson(String(k))}:`}${jsonOf(v, depth + 1)}`;
        first = false;
    }
    return `${out}${list ? "]" : "}"}`;
}

/** One character as `\uXXXX`: how every escaped text of the project shows what it must not print raw. */
export const escapedChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * A bad value as the user should see it: JSON, with every character outside printable
 * ASCII (and the backtick) written as `\uXXXX`, so that a Cyrillic "Р" in "Role" or an ESC
 * is visible; long text keeps its start and its end.
 */
export function describe(value: unknown): string {
    const text = jsonOf(value, 0).replace(UNSAFE, escapedChar);
    if (text.length <= MAX_SHOWN) return text;
    const characters = text.match(CHARACTER) ?? [];
    const cut = (from: readonly string[], budget: number) => {
        let kept = 0;
        let length = 0;
        while (kept < from.length && length + from[kept].length <= budget) length += from[kept++].length;
        return from.slice(0, kept);
    };
    const head = cut(characters, HEAD).join("");
    const tail = cut([...characters].reverse(), MAX_SHOWN - HEAD - 3)
        .reverse()
        .join("");
    return `${head}...${tail}`;
}

/** Keys shown bare in a path; any other is quoted and escaped like a value. */
const PLAIN_KEY = /^[\w:-]+$/;

/**
 * A path of keys as the user should see it: `sentinel-aws:awsAccounts[1].accountId`, with
 * a key that is not plain quoted and escaped like a value: `sentinel-aws:tags["a\u0060b"]`.
 */
export function keyPath([head, ...rest]: readonly PropertyKey[]): string {
    const shown = (key: PropertyKey) => describe(String(key));
    const root = typeof head === "string" && PLAIN_KEY.test(head) ? head : shown(head);
    return root + rest.map((k) => (typeof k === "number" ? `[${k}]` : typeof k === "string" && PLAIN_KEY.test(k) ? `.${k}` : `[${shown(k)}]`)).join("");
}

/**
 * Problems and warnings about one input are listed up to this many, then counted: a file of
 * 500,000 unknown names must not print 200 MB.
 */
export const MAX_LISTED = 10;

/** `lines` (of `total`, when only the first were made) as listed: at most MAX_LISTED, then "… and N more". */
export function listed(lines: readonly string[], total = lines.length): string[] {
    const first = lines.slice(0, MAX_LISTED);
    return total > first.length ? [...first, `… and ${(total - first.length).toLocaleString("en-US")} more`] : first;
}
