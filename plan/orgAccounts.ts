// `--org-accounts FILE`: the organisation's accounts, offline. The program asks
// Organizations for the descendant accounts of each configured OU at deploy time; the plan
// answers from this file instead: a JSON object whose keys are OU or root IDs and whose
// values are that OU's descendant accounts, as `aws organizations list-accounts-for-parent`
// prints them (at least `Id` and `State`; other fields are allowed and ignored).
import { z } from "zod";
import { describe, listed, MAX_LISTED } from "../src/facts";
import { InputFileError, shown } from "./inputFile";
import { readJsonFile } from "./jsonFile";

/** Account states of AWS Organizations (API reference, Account.State). */
const STATES = ["PENDING_ACTIVATION", "ACTIVE", "SUSPENDED", "PENDING_CLOSURE", "CLOSED"] as const;

/**
 * Accounts in the whole file. AWS Organizations grants at most 50,000 accounts on request
 * (default 10; "Quotas and service limits for AWS Organizations", read 2026-12), and one
 * StackSet holds at most 100,000 stack instances (AWS CloudFormation quotas): 100,000 is
 * above any organisation and at what the program could deploy to.
 */
export const MAX_ORG_ACCOUNTS = 100_000;
/** OU and root keys: an organisation has at most 2,000 OUs (same Organizations quotas page), and one root. */
export const MAX_ORG_UNITS = 2_001;

const accountSchema = z.looseObject({
    Id: z
        .string({ error: (i) => `Id must be a quoted string of 12 digits, not ${describe(i.input)}` })
        .regex(/^\d{12}$/, { error: (i) => `Id must be 12 digits, not ${describe(i.input)}` }),
    State: z.enum(STATES, { error: (i) => `State must be one of ${STATES.join(", ")}, not ${describe(i.input)}` }),
});
type Account = z.infer<typeof accountSchema>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The file's accounts per OU, checked one by one (never in one call over them all), problems counted past the first few. */
function checkedAccounts(json: unknown, notList: (why: string) => InputFileError): Map<string, Account[]> {
    if (!isObject(json)) throw notList(`  - (top level): must be a JSON object of OU IDs to account lists, not ${describe(json)}`);
    const ous = Object.keys(json);
    if (ous.length > MAX_ORG_UNITS) throw notList(`  - (top level): ${ous.length} OUs, more than an organisation has (at most ${MAX_ORG_UNITS})`);
    const total = ous.reduce((n, ou) => n + (Array.isArray(json[ou]) ? (json[ou] as unknown[]).length : 0), 0);
    if (total > MAX_ORG_ACCOUNTS)
        throw notList(
            `  - (top level): ${total.toLocaleString("en-US")} accounts, more than an organisation can have (at most ${MAX_ORG_ACCOUNTS.toLocaleString("en-US")})`,
        );
    const problems: string[] = [];
    let count = 0;
    const problem = (place: string, message: string) => {
        if (++count <= MAX_LISTED) problems.push(`  - ${place}: ${message}`);
    };
    const result = new Map<string, Account[]>();
    for (const ou of ous) {
        const list = json[ou];
        const at = `[${describe(ou)}]`;
        if (!Array.isArray(list)) {
            problem(at, `must be a list of accounts, not ${describe(list)}`);
            continue;
        }
        const accounts: Account[] = [];
        list.forEach((item, i) => {
            const parsed = accountSchema.safeParse(item, { reportInput: true });
            if (parsed.success) accounts.push(parsed.data);
            else for (const issue of parsed.error.issues) problem(`${at}[${i}]${issue.path.map((p) => `[${describe(String(p))}]`).join("")}`, issue.message);
        });
        result.set(ou, accounts);
    }
    if (count > 0) throw notList(listed(problems, count).join("\n"));
    return result;
}

/** What Organizations answers for one OU: its descendant accounts, as the provider's data source returns them. */
export type OrgAccounts = ReadonlyMap<string, ReadonlyArray<{ readonly id: string; readonly state: string }>>;

/** Reads and checks the file against the OUs the config names; an InputFileError names the file, the place and the value. */
export function readOrgAccounts(file: string, configuredOus: readonly string[]): OrgAccounts {
    const json = readJsonFile(file, `--org-accounts: ${shown(file)}`, "write it with the command in docs/organizations.md");
    const accounts = checkedAccounts(json, (why) => new InputFileError(`--org-accounts: ${shown(file)} is not an account list:\n${why}`));
    const ous = [...accounts.keys()];
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
    return new Map([...accounts].map(([ou, list]) => [ou, list.map((a) => ({ id: a.Id, state: a.State }))]));
}
