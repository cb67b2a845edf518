// `--org-accounts FILE`: the organisation's accounts, offline. The program asks
// Organizations for the descendant accounts of each configured OU at deploy time; the plan
// answers from this file instead: a JSON object whose keys are OU or root IDs and whose
// values are that OU's descendant accounts, as `aws organizations list-accounts-for-parent`
// prints them (at least `Id` and `State`; other fields are allowed and ignored).
import { z } from "zod";
import { describe } from "../src/facts";
import { InputFileError, MAX_JSON_FILE_BYTES, readInputFile, shown } from "./inputFile";

/** Account states of AWS Organizations (API reference, Account.State). */
const STATES = ["PENDING_ACTIVATION", "ACTIVE", "SUSPENDED", "PENDING_CLOSURE", "CLOSED"] as const;

const accountSchema = z.looseObject({
    Id: z.string({ error: (i) => `Id must be a quoted string of 12 digits, not ${describe(i.input)}` }).regex(/^\d{12}$/, "Id must be 12 digits"),
    State: z.enum(STATES, { error: (i) => `State must be one of ${STATES.join(", ")}, not ${describe(i.input)}` }),
});
const fileSchema = z.record(z.string(), z.array(accountSchema, { error: (i) => `must be a list of accounts, not ${describe(i.input)}` }), {
    error: (i) => `must be a JSON object of OU IDs to account lists, not ${describe(i.input)}`,
});

/** What Organizations answers for one OU: its descendant accounts, as the provider's data source returns them. */
export type OrgAccounts = ReadonlyMap<string, ReadonlyArray<{ readonly id: string; readonly state: string }>>;

/** Reads and checks the file against the OUs the config names; an InputFileError names the file, the place and the value. */
export function readOrgAccounts(file: string, configuredOus: readonly string[]): OrgAccounts {
    let json: unknown;
    try {
        json = JSON.parse(readInputFile(file, MAX_JSON_FILE_BYTES));
    } catch (err) {
        if (err instanceof InputFileError) throw err;
        throw new InputFileError(`--org-accounts: ${shown(file)} is not JSON (write it with the command in docs/organizations.md)`);
    }
    const parsed = fileSchema.safeParse(json, { reportInput: true });
    if (!parsed.success) {
        const problems = parsed.error.issues.slice(0, 10).map((issue) => {
            const place = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `[${JSON.stringify(p)}]`)).join("");
            return `  - ${place || "(top level)"}: ${issue.message}`;
        });
        throw new InputFileError(`--org-accounts: ${shown(file)} is not an account list:\n${problems.join("\n")}`);
    }
    const ous = Object.keys(parsed.data);
    const extra = ous.filter((ou) => !configuredOus.includes(ou));
    const missing = configuredOus.filter((ou) => !ous.includes(ou));
    if (extra.length > 0)
        throw new InputFileError(
            `--org-accounts: ${shown(file)} lists ${extra.map((ou) => describe(ou)).join(", ")}, which sentinel-aws:organization.organizationalUnitIds does not name`,
        );
    if (missing.length > 0)
        throw new InputFileError(
            `--org-accounts: ${shown(file)} has no account list for ${missing.join(", ")} (sentinel-aws:organization.organizationalUnitIds)`,
        );
    return new Map(Object.entries(parsed.data).map(([ou, accounts]) => [ou, accounts.map((a) => ({ id: a.Id, state: a.State }))]));
}
