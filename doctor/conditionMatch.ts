// IAM's string condition operators, as the IAM User Guide defines them ("Condition operators",
// string condition operators): StringEquals compares exactly; StringLike matches `*` (any run
// of characters, none included) and `?` (one character), and reads `${*}`, `${?}` and `${$}`
// as the literal characters. Matched without regular expressions, in at most
// pattern × value steps, so that a trust written to stall the doctor cannot.

/** A StringLike pattern as pieces: literal characters, or the wildcards. */
type Piece = { readonly literal: string } | "*" | "?";

function pieces(pattern: string): Piece[] {
    const out: Piece[] = [];
    for (let i = 0; i < pattern.length; i++) {
        const escaped = pattern.startsWith("${", i) && pattern[i + 3] === "}" && "*?$".includes(pattern[i + 2]) ? pattern[i + 2] : undefined;
        if (escaped !== undefined) {
            out.push({ literal: escaped });
            i += 3;
        } else if (pattern[i] === "*" || pattern[i] === "?") out.push(pattern[i] as "*" | "?");
        else out.push({ literal: pattern[i] });
    }
    return out;
}

/**
 * StringLike: the classic greedy match with one backtrack point (the latest `*`). Each star
 * moves the restart forward, so the work is bounded by pattern × value, never exponential.
 */
export function stringLike(pattern: string, value: string): boolean {
    const p = pieces(pattern);
    let pi = 0;
    let vi = 0;
    let star = -1;
    let restart = 0;
    while (vi < value.length) {
        const piece = p[pi];
        if (piece !== undefined && piece !== "*" && (piece === "?" || piece.literal === value[vi])) {
            pi++;
            vi++;
        } else if (piece === "*") {
            star = pi++;
            restart = vi;
        } else if (star >= 0) {
            pi = star + 1;
            vi = ++restart;
        } else return false;
    }
    while (p[pi] === "*") pi++;
    return pi === p.length;
}

/** Whether a value meets one operator's values (any of them). */
export function meets(operator: "StringEquals" | "StringLike", values: readonly string[], value: string): boolean {
    return operator === "StringEquals" ? values.includes(value) : values.some((pattern) => stringLike(pattern, value));
}
