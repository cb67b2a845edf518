// Which accounts of the organisation get a connector, from what Organizations lists under
// each OU: pure, so that the rules can be tested without any cloud.

/** One account as `getOrganizationalUnitDescendantAccounts` (or `list-accounts-for-parent`) describes it. */
export interface DescendantAccount {
    readonly id: string;
    readonly state: string;
}

export interface Member {
    readonly accountId: string;
    /** The first configured OU it was found under: its connector waits for that OU's stack instance. */
    readonly organizationalUnitId: string;
}

export interface MemberRules {
    readonly managementAccountId: string;
    readonly excludeAccountIds: readonly string[];
    /** Accounts listed in `awsAccounts` with the CloudTrail API connector, by their key path, for the error. */
    readonly listed: ReadonlyMap<string, string>;
}

/** The organisation's account list repeats an account that `awsAccounts` connects too. */
export class MemberConflict extends Error {}

/**
 * The accounts that get a connector: active ones (closing accounts stay listed as SUSPENDED
 * or PENDING_CLOSURE for about 90 days, and StackSets skip them), not the management
 * account (service-managed StackSets never deploy there), not excluded, once each even
 * when nested OUs list them twice, in the order of the configured OUs.
 */
export function membersOf(
    descendants: ReadonlyArray<{ readonly organizationalUnitId: string; readonly accounts: readonly DescendantAccount[] }>,
    rules: MemberRules,
): Member[] {
    const excluded = new Set([rules.managementAccountId, ...rules.excludeAccountIds]);
    const seen = new Set<string>();
    const members: Member[] = [];
    for (const { organizationalUnitId, accounts } of descendants) {
        for (const account of accounts) {
            if (account.state !== "ACTIVE" || excluded.has(account.id) || seen.has(account.id)) continue;
            const listedAt = rules.listed.get(account.id);
            if (listedAt !== undefined) {
                throw new MemberConflict(
                    `${listedAt} (${account.id}) is also a member of ${organizationalUnitId}, which sentinel-aws:organization connects: ` +
                        "remove it from awsAccounts, or add it to organization.excludeAccountIds",
                );
            }
            seen.add(account.id);
            members.push({ accountId: account.id, organizationalUnitId });
        }
    }
    return members;
}
