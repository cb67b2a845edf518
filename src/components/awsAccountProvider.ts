// The AWS provider of one account: @pulumi/aws's own Provider class, pinned to the account.
// (Registering it by hand saved about 1.5x under the mock engine only; a real deployment
// pays one plugin process per provider either way, which organisation mode avoids.)
import { Provider } from "@pulumi/aws/provider";
import type * as pulumi from "@pulumi/pulumi";
import { DEPLOYMENT_SESSION_NAME } from "../constants";
import type { AwsAccountConfig } from "../config/types";

/** The provider's arguments for an account: pinned to it, in its region, with its credentials. */
function awsProviderArgs(account: Pick<AwsAccountConfig, "accountId" | "region" | "credentials">) {
    const credentials =
        account.credentials.kind === "assumeRole"
            ? { assumeRoles: [{ roleArn: account.credentials.roleArn, sessionName: DEPLOYMENT_SESSION_NAME }] }
            : account.credentials.kind === "profile"
              ? { profile: account.credentials.profile }
              : {};
    // Refuses to act if the credentials resolve to any other account.
    return { region: account.region, allowedAccountIds: [account.accountId], ...credentials };
}

/** A provider that acts in `account` only, as its config says to sign in. */
export function awsAccountProvider(
    name: string,
    account: Pick<AwsAccountConfig, "accountId" | "region" | "credentials">,
    opts?: pulumi.ResourceOptions,
): Provider {
    return new Provider(name, awsProviderArgs(account), opts);
}
