// Who may assume a role through Sentinel's OpenID Connect issuer: only Sentinel, for this
// stack's workspace. A token of Microsoft's Entra ID tenant proves only that Microsoft issued
// it; the audience says it is for Sentinel, and the session name says for which workspace.
import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { allows, conditionValues, isLiteral, principalsOf, Statement, statementsOf } from "../iamDocument";
import { SENTINEL_ISSUERS, SENTINEL_SESSION_NAME, TYPES } from "../types";
import { stringList, stringListSetting } from "./config";
import { known, read, UNKNOWN } from "./props";
import { connectorRoles } from "./sentinelRoles";

const WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";

/** The issuer of an IAM OIDC provider ARN (`arn:aws:iam::<account>:oidc-provider/<issuer>`). */
const issuerOf = (providerArn: string) => /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/.exec(providerArn)?.[1];

/** The Federated principals of a statement that lets anyone assume the role with a web identity. */
const webIdentityProviders = (s: Statement): string[] =>
    allows(s, WEB_IDENTITY)
        ? principalsOf(s)
              .filter((p) => p.kind === "Federated")
              .map((p) => p.value)
        : [];

/** Everything wrong with one web-identity statement, for a Sentinel role of a stack whose workspaces are `workspaceIds`. */
function statementProblems(s: Statement, connectorRole: boolean, workspaceIds: ReadonlySet<string>): string[] {
    const where = s.Sid ? `statement ${s.Sid}` : "a statement";
    return webIdentityProviders(s).flatMap((provider): string[] => {
        const issuer = issuerOf(provider);
        const audience = issuer === undefined ? undefined : SENTINEL_ISSUERS[issuer];
        if (audience === undefined) {
            // Any other issuer on a role Sentinel assumes lets that issuer's tokens read the logs.
            return connectorRole
                ? [`${where} trusts ${provider}, which is not Microsoft Sentinel's issuer (${Object.keys(SENTINEL_ISSUERS).join(" or ")})`]
                : [];
        }
        const problems: string[] = [];
        const audiences = conditionValues(s, "StringEquals", `${issuer}:aud`);
        if (audiences === undefined || audiences.length === 0 || !audiences.every((a) => a === audience)) {
            problems.push(
                `${where} lets tokens of ${issuer} in without StringEquals ${issuer}:aud = ${audience}, Sentinel's audience: any application of that Entra ID tenant could assume the role`,
            );
        }
        const sessions = conditionValues(s, "StringEquals", "sts:RoleSessionName");
        if (sessions === undefined || sessions.length === 0) {
            problems.push(
                `${where} lets Sentinel in without StringEquals sts:RoleSessionName = MicrosoftSentinel_<workspace ID>: Sentinel acting for another customer's workspace could assume the role`,
            );
        } else {
            for (const session of sessions) {
                const id = isLiteral(session) && typeof session === "string" ? SENTINEL_SESSION_NAME.exec(session)?.[1] : undefined;
                if (id === undefined || (workspaceIds.size > 0 && !workspaceIds.has(id))) {
                    problems.push(
                        `${where} accepts the session name ${String(session)}, which is not MicrosoftSentinel_ (or MicrosoftDefenderForClouds_) and ${workspaceIds.size > 0 ? `this stack's workspace ID (${[...workspaceIds].join(", ")})` : "a workspace ID"}`,
                    );
                }
            }
        }
        return problems;
    });
}

/** The roles to judge: those Sentinel's S3 connectors assume, and any that trusts Sentinel's issuer. */
function sentinelRoles(resources: readonly PolicyResource[]): Map<string, { role: PolicyResource; connectorRole: boolean }> {
    const found = new Map<string, { role: PolicyResource; connectorRole: boolean }>();
    for (const { role, s3 } of connectorRoles(resources)) if (role !== undefined && s3) found.set(role.urn, { role, connectorRole: true });
    for (const role of resources.filter((r) => r.type === TYPES.role && !found.has(r.urn))) {
        const statements = statementsOf(read(role, "assumeRolePolicy")) ?? [];
        const trustsSentinel = statements.some((s) => webIdentityProviders(s).some((p) => SENTINEL_ISSUERS[issuerOf(p) ?? ""] !== undefined));
        if (trustsSentinel) found.set(role.urn, { role, connectorRole: false });
    }
    return found;
}

export const sentinelWebIdentityTrust: StackValidationPolicy = {
    name: "sentinel-web-identity-trust",
    description:
        "A role that Sentinel's S3 connector assumes, or that trusts Sentinel's OpenID Connect issuer, may let web identities in only from that issuer, with StringEquals on Sentinel's audience " +
        "and on the session name MicrosoftSentinel_ (or MicrosoftDefenderForClouds_) followed by the ID of this stack's workspace (or one listed in workspaceIds).",
    enforcementLevel: "mandatory",
    configSchema: stringListSetting("workspaceIds"),
    validateStack: (args, reportViolation: ReportViolation) => {
        // This stack's workspaces (an existing one is only looked up, so it may be listed in config).
        const listed = stringList(args, "workspaceIds");
        const created = args.resources.filter((r) => r.type === TYPES.workspace).map((w) => known(w, "customerId"));
        const workspaceIds = new Set([...listed, ...created.filter((id): id is string => typeof id === "string")]);
        for (const { role, connectorRole } of sentinelRoles(args.resources).values()) {
            const trust = read(role, "assumeRolePolicy");
            // Made from the workspace ID, which a first preview does not know: judged once it is.
            if (trust === UNKNOWN) continue;
            const statements = statementsOf(trust);
            if (statements === undefined) {
                reportViolation(
                    `The trust policy of role ${role.name}, which Sentinel assumes, is not a readable IAM policy document, so its web-identity trust cannot be checked.`,
                    role.urn,
                );
                continue;
            }
            const problems = statements.flatMap((s) => statementProblems(s, connectorRole, workspaceIds));
            if (problems.length > 0) {
                reportViolation(
                    `The trust policy of role ${role.name}: ${problems.join("; ")}. Require what Microsoft's templates require (docs/trust.md).`,
                    role.urn,
                );
            }
        }
    },
};
