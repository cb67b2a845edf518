// The AWS provider of one account. @pulumi/aws's Provider class wraps each of its ~40
// arguments in an Output, even the ones left unset, which made it cost five times a bare
// registration; with hundreds of accounts it was the largest part of the program's run.
// This registers the same provider directly: same type, name, inputs and options as the
// class (tests/engineView.test.ts compares the two registrations field by field,
// so an SDK upgrade that changes the class fails the tests).
import * as pulumi from "@pulumi/pulumi";
import { getVersion } from "@pulumi/aws/utilities";
import { DEPLOYMENT_SESSION_NAME } from "../constants";
import type { AwsAccountConfig } from "../config/types";

/** The provider's arguments for an account: pinned to it, in its region, with its credentials. */
export function awsProviderArgs(account: Pick<AwsAccountConfig, "accountId" | "region" | "credentials">) {
    const credentials =
        account.credentials.kind === "assumeRole"
            ? { assumeRoles: [{ roleArn: account.credentials.roleArn, sessionName: DEPLOYMENT_SESSION_NAME }] }
            : account.credentials.kind === "profile"
              ? { profile: account.credentials.profile }
              : {};
    // Refuses to act if the credentials resolve to any other account.
    return { region: account.region, allowedAccountIds: [account.accountId], ...credentials };
}

type ProviderArgs = ReturnType<typeof awsProviderArgs> & { assumeRoles?: unknown; profile?: string };

export class AwsAccountProvider extends pulumi.ProviderResource {
    constructor(name: string, args: ProviderArgs, opts?: pulumi.ResourceOptions) {
        // As the class sends them: structured arguments as JSON text, and its two defaults.
        const inputs = {
            allowedAccountIds: JSON.stringify(args.allowedAccountIds),
            assumeRoles: args.assumeRoles === undefined ? undefined : JSON.stringify(args.assumeRoles),
            profile: args.profile,
            region: args.region,
            skipCredentialsValidation: JSON.stringify(false),
            skipRegionValidation: JSON.stringify(true),
        };
        const options: pulumi.CustomResourceOptions = { ...opts, version: getVersion(), additionalSecretOutputs: ["accessKey", "secretKey", "token"] };
        super("aws", name, inputs, options);
    }
}
