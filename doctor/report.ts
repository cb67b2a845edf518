// The doctor's verdict: one row per account and check, as a table for people or as JSON.
import { shown } from "../plan/inputFile";
import { escapedChar } from "../src/facts";
export type Status = "OK" | "WARN" | "FAIL";

/** What one check found. `fix` says what to do, for WARN and FAIL. */
export interface Finding {
    readonly check: string;
    readonly status: Status;
    readonly reason: string;
    readonly fix?: string;
}

/** The `account` of rows about the workspace itself (its analytics rules), not about an AWS account. */
export const WORKSPACE_ROWS = "analytics rules";

/** A finding about one account. */
export interface Row extends Finding {
    /** The account's label in the stack outputs, or `organization` for a member of the organisation. */
    readonly account: string;
    readonly accountId: string;
}

export const ok = (check: string, reason: string): Finding => ({ check, status: "OK", reason });
export const warn = (check: string, reason: string, fix: string): Finding => ({ check, status: "WARN", reason, fix });
export const fail = (check: string, reason: string, fix: string): Finding => ({ check, status: "FAIL", reason, fix });

interface Summary {
    readonly accounts: number;
    readonly ok: number;
    readonly warn: number;
    readonly fail: number;
}

function summarize(rows: readonly Row[]): Summary {
    const count = (status: Status) => rows.filter((r) => r.status === status).length;
    const accounts = rows.filter((r) => r.account !== WORKSPACE_ROWS);
    return { accounts: new Set(accounts.map((r) => `${r.account}/${r.accountId}`)).size, ok: count("OK"), warn: count("WARN"), fail: count("FAIL") };
}

/** `95` → `1 min 35 s`, `7300` → `2 h 1 min`: the age of a message as people read it. */
export function duration(seconds: number): string {
    if (seconds < 60) return `${Math.round(seconds)} s`;
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
    if (seconds < 48 * 3600) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
    return `${Math.floor(seconds / 86400)} days`;
}

/** 0 when nothing failed (warnings included), 1 on any FAIL. */
export const exitCodeOf = (rows: readonly Row[]): number => (rows.some((r) => r.status === "FAIL") ? 1 : 0);

/**
 * Values in rows come from the outputs file and from cloud answers: anything outside
 * printable ASCII is written as `\uXXXX`, so that no answer can move a terminal's cursor or
 * pass for another character.
 */
const printable = (text: string) => text.replace(/[^\x20-\x7e]/g, escapedChar);

const COLUMNS = ["STATUS", "ACCOUNT", "ACCOUNT ID", "CHECK", "REASON"] as const;

export function reportToText(stack: string, rows: readonly Row[]): string {
    const s = summarize(rows);
    const cells = rows.map((r) => [r.status, r.account, r.accountId, r.check].map(printable));
    // A loop, not Math.max(...cells): spreading 125,000 rows into arguments overflows the stack.
    const widths = COLUMNS.slice(0, 4).map((title) => title.length);
    for (const row of cells) for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], row[i].length);
    const line = (first: readonly string[], last: string) => `${first.map((c, i) => c.padEnd(widths[i])).join("  ")}  ${last}`.trimEnd();
    const indent = " ".repeat(widths.reduce((a, b) => a + b + 2, 0));
    const body = rows.flatMap((r, i) => [line(cells[i], printable(r.reason)), ...(r.fix === undefined ? [] : [`${indent}fix: ${printable(r.fix)}`])]);
    return [
        `Health of stack "${printable(stack)}": ${s.accounts} accounts, ${rows.length} checks: ${s.ok} OK, ${s.warn} WARN, ${s.fail} FAIL`,
        "",
        line(COLUMNS.slice(0, 4), COLUMNS[4]),
        ...body,
        "",
    ].join("\n");
}

export function reportToJson(stack: string, rows: readonly Row[]): string {
    return `${JSON.stringify({ stack, summary: summarize(rows), rows }, null, 2)}\n`;
}

/** An answer the doctor cannot read as the API documents it: a FAIL row for its check, not the end of the report. */
export class MalformedAnswer extends Error {
    override readonly name = "MalformedAnswer";
}

/**
 * Runs one check: whatever it throws (an answer of an unexpected shape, nested too deep, a
 * date that is not one) becomes that check's FAIL row, so that the other rows are still reported.
 */
export async function guarded<F extends Finding | Finding[]>(check: string, work: () => Promise<F>): Promise<F | Finding> {
    try {
        return await work();
    } catch (err) {
        const said = err instanceof Error ? `${err.name}: ${err.message}` : "an error";
        return fail(
            check,
            `the answer could not be read (${shown(said)})`,
            "run the doctor again; if it stays, the endpoint is not answering as the cloud's API documents",
        );
    }
}
