// Values only the clouds know (the workspace ID in a trust policy, a generated name) are made
// up offline (fakeCloud.ts, `placeholder`). Wherever the pull-request comment shows one, it
// says so there: a reviewer reading a trust policy or a link must not take it for the value
// that will be deployed.
import type { Placeholder } from "./fakeCloud";

/** What marks a shown value that is, or holds, a placeholder. */
export const PLACEHOLDER_MARK = "(placeholder)";

/** The placeholders `texts` show, each value once. */
export function placeholdersIn(texts: readonly string[], placeholders: readonly Placeholder[]): Placeholder[] {
    const seen = new Set<string>();
    return placeholders.filter((p) => !seen.has(p.value) && texts.some((text) => text.includes(p.value)) && seen.add(p.value));
}

/** A paragraph naming the placeholders in a trust policy as shown, or nothing when it has none. */
export function placeholderNote(policies: readonly string[], placeholders: readonly Placeholder[]): string {
    const found = placeholdersIn(policies, placeholders);
    if (found.length === 0) return "";
    const named = found.map((p) => `\`${p.value}\` = ${p.resource}.${p.property}, ${p.meaning}`);
    return `\n\nPlaceholders in this policy, made up offline (the deployed policy holds the real values): ${named.join("; ")}.`;
}

/** Above a table with marked values: what the mark means. */
export const PLACEHOLDER_LEGEND = `Values marked ${PLACEHOLDER_MARK} are made up offline, shaped like the real ones: only the clouds know them before deployment (all are listed under "Placeholders" in the whole plan).`;
