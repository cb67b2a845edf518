// The identity side of the S3 connector in one account: the IAM OIDC provider for
// Sentinel's Entra ID issuer (created, or one that exists) and the role Sentinel assumes
// through it.
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import type { Tags } from "../../config/types";
import { SENTINEL_OIDC_THUMBPRINT, SentinelOidc } from "../../s3Facts";
import { sentinelOidcTrustPolicy } from "../../policies/sentinelOidcTrust";

export interface SentinelOidcRoleArgs {
    readonly roleName: string;
    readonly oidc: SentinelOidc;
    /** An existing provider for the same issuer; none is created then. */
    readonly existingProviderArn?: string;
    /** The Log Analytics workspace ID: part of the session name the trust requires. */
    readonly workspaceId: pulumi.Input<string>;
    /** Also accept the session name Sentinel sent for a while in 2025 (see s3Facts.ts). */
    readonly acceptDefenderSessionName: boolean;
    readonly tags: Tags;
}

export class SentinelOidcRole extends pulumi.ComponentResource {
    readonly role: iam.Role;
    readonly providerArn: pulumi.Output<string>;

    constructor(name: string, args: SentinelOidcRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:aws:SentinelOidcRole", name, {}, opts);

        this.providerArn =
            args.existingProviderArn === undefined
                ? new iam.OpenIdConnectProvider(
                      `${name}-oidc`,
                      { url: args.oidc.url, clientIdLists: [args.oidc.audience], thumbprintLists: [SENTINEL_OIDC_THUMBPRINT], tags: args.tags },
                      { parent: this },
                  ).arn
                : checkedProvider(args.existingProviderArn, args.oidc.audience, this);

        this.role = new iam.Role(
            name,
            {
                name: args.roleName,
                description: "Assumed by Microsoft Sentinel's S3 connector (OIDC) to read AWS logs from S3 and SQS. Managed by Pulumi (sentinel-aws).",
                assumeRolePolicy: pulumi
                    .all([this.providerArn, args.workspaceId])
                    .apply(([providerArn, workspaceId]) =>
                        JSON.stringify(sentinelOidcTrustPolicy(providerArn, args.oidc, workspaceId, args.acceptDefenderSessionName)),
                    ),
                tags: args.tags,
            },
            { parent: this },
        );
        this.registerOutputs({ providerArn: this.providerArn, roleArn: this.role.arn });
    }
}

/**
 * The existing provider's ARN, once it is read and found to accept Sentinel's audience. A
 * provider made by Defender for Cloud lists only its own audience until someone adds
 * Sentinel's; the role would then be unusable, so the deployment stops and says how to fix it.
 * The program never changes a provider it does not own.
 */
function checkedProvider(arn: string, audience: string, parent: pulumi.Resource): pulumi.Output<string> {
    return iam.getOpenIdConnectProviderOutput({ arn }, { parent }).apply((found) => {
        if (!found.clientIdLists.includes(audience)) {
            throw new pulumi.RunError(
                `The OIDC provider ${arn} does not accept Sentinel's audience ${audience} (it lists ${found.clientIdLists.join(", ") || "none"}). ` +
                    `Add it with: aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${arn} --client-id ${audience}`,
            );
        }
        return found.arn;
    });
}
