// The trust policy of the role Sentinel's CloudTrail connector assumes.
import { CfnRef, PolicyDocument, policyDocument } from "./policyDocument";

/** A GUID in either case, as a string so that a CloudFormation `AllowedPattern` can use the same rule. */
export const WORKSPACE_ID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
const GUID = new RegExp(WORKSPACE_ID_PATTERN);

/** Refuses anything but a workspace ID (a GUID), so that no trust is written with a missing or guessable one. */
export function requireWorkspaceId(workspaceId: string): void {
    if (!GUID.test(workspaceId)) throw new Error(`the external ID and session names must be the workspace ID, a GUID; got ${JSON.stringify(workspaceId)}`);
}

/** Refuses anything but a 12-digit AWS account ID. */
export function requireAccountId(accountId: string): void {
    if (!/^\d{12}$/.test(accountId)) throw new Error(`not an AWS account ID: ${JSON.stringify(accountId)}`);
}

/** The principal ARN of an AWS account as a whole (`arn:<partition>:iam::<id>:root`). */
export function accountRootPrincipal(accountId: string, partition = "aws"): string {
    requireAccountId(accountId);
    return `arn:${partition}:iam::${accountId}:root`;
}

/**
 * Lets Microsoft's Sentinel account assume the role, and only when it presents this
 * workspace's ID as the external ID, which stops another Sentinel customer from pointing
 * their connector at this role (the confused-deputy problem). The external ID is the
 * Log Analytics workspace ID (`customerId`), a GUID; anything else is refused here so that
 * no role can be created with a missing or guessable external ID. In a CloudFormation
 * template the external ID is a parameter reference, checked by the parameter's
 * `AllowedPattern` (WORKSPACE_ID_PATTERN) when the stack is created.
 */
export function sentinelCloudTrailTrustPolicy(microsoftAccountId: string, workspaceId: string): PolicyDocument;
export function sentinelCloudTrailTrustPolicy(microsoftAccountId: string, workspaceId: CfnRef): PolicyDocument<CfnRef>;
export function sentinelCloudTrailTrustPolicy(microsoftAccountId: string, workspaceId: string | CfnRef): PolicyDocument<string | CfnRef> {
    if (typeof workspaceId === "string") requireWorkspaceId(workspaceId);
    return policyDocument({
        Sid: "MicrosoftSentinelCloudTrailConnector",
        Effect: "Allow",
        Principal: { AWS: accountRootPrincipal(microsoftAccountId) },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": workspaceId } },
    });
}

/**
 * The trust a role made by hand with Microsoft's steps has (IAM console, "Another AWS
 * account" with "Require external ID"): the same grant, without the statement ID. An adopted
 * role is imported with it, since Pulumi refuses an import whose inputs differ.
 */
export function documentedCloudTrailTrustPolicy(microsoftAccountId: string, workspaceId: string): PolicyDocument {
    const { Statement, ...document } = sentinelCloudTrailTrustPolicy(microsoftAccountId, workspaceId);
    return { ...document, Statement: Statement.map(({ Sid: _sid, ...statement }) => statement) };
}
