// Where one OU's stack instance deploys the role: the whole OU, less the excluded accounts
// Organizations lists under it. Pure, so that the filter can be tested without any cloud.
import type { DescendantAccount } from "./members";

/** A stack instance's `deploymentTargets`, in the provider's own property names (the plan JSON shows them so). */
export interface OuDeploymentTargets {
    readonly organizationalUnitIds: [string];
    /** DIFFERENCE: every account of the OU (and its child OUs) except `accounts` (API reference, DeploymentTargets). */
    readonly accountFilterType?: "DIFFERENCE";
    readonly accounts?: string[];
}

/**
 * The targets of the instance of `organizationalUnitId`, whose descendants are `accounts`: the
 * excluded accounts found there are filtered out, whatever their state (a suspended account
 * may come back), sorted so that the list does not change with Organizations' order. The
 * management account is left out of the filter: service-managed StackSets never deploy there.
 */
export function deploymentTargetsOf(
    organizationalUnitId: string,
    accounts: readonly DescendantAccount[],
    rules: { readonly excludeAccountIds: readonly string[]; readonly managementAccountId: string },
): OuDeploymentTargets {
    const excluded = new Set(rules.excludeAccountIds);
    excluded.delete(rules.managementAccountId);
    const filtered = [...new Set(accounts.map((a) => a.id).filter((id) => excluded.has(id)))].sort();
    if (filtered.length === 0) return { organizationalUnitIds: [organizationalUnitId] };
    return { organizationalUnitIds: [organizationalUnitId], accountFilterType: "DIFFERENCE", accounts: filtered };
}
