// The trust policy of the role Sentinel's CloudTrail connector assumes.
import type { PolicyDocument } from "./policyDocument";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses anything but a workspace ID (a GUID), so that no trust is written with a missing or guessable one. */
export function requireWorkspaceId(workspaceId: string): void {
    if (!GUID.test(workspaceId)) throw new Error(`the external ID and session names must be the workspace ID, a GUID; got ${JSON.stringify(workspaceId)}`);
}

/** The principal ARN of an AWS account as a whole (`arn:aws:iam::<id>:root`). */
export function accountRootPrincipal(accountId: string): string {
    if (!/^\d{12}$/.test(accountId)) throw new Error(`not an AWS account ID: ${JSON.stringify(accountId)}`);
    return `arn:aws:iam::${accountId}:root`;
}

/**
 * Lets Microsoft's Sentinel account assume the role, and only when it presents this
 * workspace's ID as the external ID, which stops another Sentinel customer from pointing
 * their connector at this role (the confused-deputy problem). The external ID is the
 * Log Analytics workspace ID (`customerId`), a GUID; anything else is refused here so that
 * no role can be created with a missing or guessable external ID.
 */
export function sentinelCloudTrailTrustPolicy(microsoftAccountId: string, workspaceId: string): PolicyDocument {
    requireWorkspaceId(workspaceId);
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "MicrosoftSentinelCloudTrailConnector",
                Effect: "Allow",
                Principal: { AWS: accountRootPrincipal(microsoftAccountId) },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "sts:ExternalId": workspaceId } },
            },
        ],
    };
}
