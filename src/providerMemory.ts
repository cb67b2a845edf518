// What the AWS provider processes of a real `pulumi up` need in memory, and the warning a
// stack of many listed accounts gets: each listed account has a provider of its own.
import { AWS_PROVIDER_PROCESS_MB, LISTED_ACCOUNTS_WARNING_THRESHOLD } from "./constants";

/** Memory of that many AWS provider processes, in GB, over the measured range per process. */
export function awsProviderMemoryGb(processes: number): { readonly low: number; readonly high: number } {
    return { low: (processes * AWS_PROVIDER_PROCESS_MB.low) / 1000, high: (processes * AWS_PROVIDER_PROCESS_MB.high) / 1000 };
}

/** A warning, not a refusal: a large runner can still deploy them. */
export function listedAccountsWarning(listed: number): string | undefined {
    if (listed <= LISTED_ACCOUNTS_WARNING_THRESHOLD) return undefined;
    const gb = awsProviderMemoryGb(listed);
    return (
        `sentinel-aws:awsAccounts lists ${listed} accounts, each with an AWS provider of its own: \`pulumi up\` runs ` +
        `${listed} provider processes at once, about ${gb.low.toFixed(1)}-${gb.high.toFixed(1)} GB of memory ` +
        `(${AWS_PROVIDER_PROCESS_MB.low}-${AWS_PROVIDER_PROCESS_MB.high} MB each). Accounts of an AWS Organization ` +
        `can be connected with sentinel-aws:organization instead, through one provider (docs/organizations.md).`
    );
}
