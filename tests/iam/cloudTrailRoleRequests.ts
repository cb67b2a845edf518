// The requests every CloudTrail API connector role is checked against, wherever the role
// comes from (a planned Pulumi role, or the StackSet template resolved in a member account).
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { CLOUDTRAIL_READ_ONLY_POLICY_ARN } from "../../src/constants";
import { anonymousPrincipal, Decision, trustDecision } from "./simulator";

export const MICROSOFT = "197857026523";
/** A role in Microsoft's account, standing for the Sentinel service that assumes the role. */
export const SENTINEL_CALLER = `arn:aws:iam::${MICROSOFT}:role/MSSentinelConnector`;

/** Managed policies are attached by ARN; their text is kept as fixtures, with sources. */
const MANAGED_POLICIES: Record<string, unknown> = {
    [CLOUDTRAIL_READ_ONLY_POLICY_ARN]: JSON.parse(readFileSync(path.join(__dirname, "..", "fixtures", "AWSCloudTrail_ReadOnlyAccess.json"), "utf8")),
};

/** The document of a managed policy, from its fixture. */
export function managedPolicy(arn: string): unknown {
    const document = MANAGED_POLICIES[arn];
    if (!document) throw new Error(`no fixture for the managed policy ${arn}`);
    return document;
}

/** A role as the proofs see it: its trust policy and every permission policy given to it. */
export interface RoleUnderTest {
    readonly arn: string;
    readonly accountId: string;
    readonly trust: unknown;
    readonly permissions: readonly unknown[];
}

export type TrustRequest = (role: RoleUnderTest, workspaceId: string, otherWorkspaceId: string) => Promise<Decision>;

/** Who may assume each role: only Sentinel, presenting this workspace's ID, with sts:AssumeRole. */
export const TRUST_REQUESTS: [string, Decision, TrustRequest][] = [
    ["Sentinel with this workspace's ID", "Allowed", (r, ws) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": ws })],
    [
        "Microsoft's account root with this workspace's ID",
        "Allowed",
        (r, ws) => trustDecision(r.trust, r.arn, `arn:aws:iam::${MICROSOFT}:root`, "sts:AssumeRole", { "sts:ExternalId": ws }),
    ],
    [
        "Sentinel with another workspace's ID (the confused deputy)",
        "ImplicitlyDenied",
        (r, _ws, other) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": other }),
    ],
    [
        "Sentinel with a made-up external ID",
        "ImplicitlyDenied",
        (r) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": "11111111-2222-3333-4444-555555555555" }),
    ],
    [
        "Sentinel with an empty external ID",
        "ImplicitlyDenied",
        (r) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": "" }),
    ],
    [
        "Sentinel with the workspace ID in upper case",
        "ImplicitlyDenied",
        (r, ws) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": ws.toUpperCase() }),
    ],
    [
        "Sentinel with the workspace ID and a trailing space",
        "ImplicitlyDenied",
        (r, ws) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole", { "sts:ExternalId": `${ws} ` }),
    ],
    ["Sentinel without an external ID", "ImplicitlyDenied", (r) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, "sts:AssumeRole")],
    [
        "another AWS account with this workspace's ID",
        "ImplicitlyDenied",
        (r, ws) => trustDecision(r.trust, r.arn, "arn:aws:iam::999988887777:role/attacker", "sts:AssumeRole", { "sts:ExternalId": ws }),
    ],
    [
        "an anonymous caller with this workspace's ID",
        "ImplicitlyDenied",
        (r, ws) => trustDecision(r.trust, r.arn, anonymousPrincipal, "sts:AssumeRole", { "sts:ExternalId": ws }),
    ],
    [
        "an administrator of the role's own account",
        "ImplicitlyDenied",
        (r, ws) => trustDecision(r.trust, r.arn, `arn:aws:iam::${r.accountId}:role/Admin`, "sts:AssumeRole", { "sts:ExternalId": ws }),
    ],
    // Sentinel with the right external ID, but an STS action other than AssumeRole.
    ...(
        [
            ["Sentinel through sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithWebIdentity"],
            ["Sentinel through sts:AssumeRoleWithSAML", "sts:AssumeRoleWithSAML"],
            ["Sentinel tagging its session (sts:TagSession)", "sts:TagSession"],
            ["Sentinel setting a source identity (sts:SetSourceIdentity)", "sts:SetSourceIdentity"],
        ] as const
    ).map(([who, action]): [string, Decision, TrustRequest] => [
        who,
        "ImplicitlyDenied",
        (r, ws) => trustDecision(r.trust, r.arn, SENTINEL_CALLER, action, { "sts:ExternalId": ws }),
    ]),
];

export type PermissionRequest = [action: string, resource: (accountId: string) => string];
export const TRAIL = (a: string) => `arn:aws:cloudtrail:us-east-1:${a}:trail/organization-trail`;

/** What a session of the role must never do, whatever `rolePermissions` says. */
export const NEVER_ALLOWED: PermissionRequest[] = [
    ["cloudtrail:StopLogging", TRAIL],
    ["cloudtrail:DeleteTrail", TRAIL],
    ["cloudtrail:PutEventSelectors", TRAIL],
    ["cloudtrail:UpdateTrail", TRAIL],
    ["cloudtrail:CreateTrail", TRAIL],
    ["iam:CreateUser", (a) => `arn:aws:iam::${a}:user/backdoor`],
    ["iam:AttachRolePolicy", (a) => `arn:aws:iam::${a}:role/MicrosoftSentinelCloudTrail-test`],
    ["iam:PassRole", (a) => `arn:aws:iam::${a}:role/Admin`],
    ["sts:AssumeRole", (a) => `arn:aws:iam::${a}:role/Admin`],
    ["s3:GetObject", () => "arn:aws:s3:::cloudtrail-logs/AWSLogs/o-example/trail.json.gz"],
    ["s3:PutObject", () => "arn:aws:s3:::cloudtrail-logs/AWSLogs/o-example/trail.json.gz"],
    ["s3:DeleteBucket", () => "arn:aws:s3:::cloudtrail-logs"],
];
/** Reads the managed read-only policy allows; the LookupEvents-only policy does not. */
export const MANAGED_READS: PermissionRequest[] = [
    ["cloudtrail:DescribeTrails", () => "*"],
    ["cloudtrail:GetTrailStatus", TRAIL],
];
