// The trust policy of the role Sentinel's S3 connector assumes with an OpenID Connect token.
import { DEFENDER_SESSION_PREFIX, oidcIssuerHost, SENTINEL_SESSION_PREFIX, SentinelOidc } from "../s3Facts";
import { PolicyDocument, policyDocument } from "./policyDocument";
import { requireWorkspaceId } from "./sentinelTrust";

/**
 * The session names the role accepts for this workspace: Microsoft's one, exactly as its
 * templates write it (a single value), or also the Defender for Cloud one when asked.
 */
function sentinelSessionNames(workspaceId: string, acceptDefenderSessionName: boolean): string | string[] {
    const sentinel = `${SENTINEL_SESSION_PREFIX}${workspaceId}`;
    return acceptDefenderSessionName ? [sentinel, `${DEFENDER_SESSION_PREFIX}${workspaceId}`] : sentinel;
}

/**
 * Lets a token from Sentinel's Entra ID tenant assume the role through the given IAM OIDC
 * provider, and only when it is for Sentinel's audience and the session is named for this
 * workspace: a token Sentinel obtains for another customer's workspace is refused, which is
 * what the external ID does for the CloudTrail API connector.
 */
export function sentinelOidcTrustPolicy(providerArn: string, oidc: SentinelOidc, workspaceId: string, acceptDefenderSessionName: boolean): PolicyDocument {
    requireWorkspaceId(workspaceId);
    const issuer = oidcIssuerHost(oidc.url);
    return policyDocument({
        Sid: "MicrosoftSentinelS3Connector",
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
            StringEquals: {
                [`${issuer}:aud`]: oidc.audience,
                "sts:RoleSessionName": sentinelSessionNames(workspaceId, acceptDefenderSessionName),
            },
        },
    });
}
