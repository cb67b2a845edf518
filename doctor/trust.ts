// Reads a role's trust policy as IAM returns it, and says whether Sentinel, and only this
// workspace's Sentinel, may assume the role. The policy may have been edited by hand, so
// it is read as any valid policy may be written (single values or lists, keys in any case).
import { shown } from "../plan/inputFile";
import { DEFENDER_SESSION_PREFIX, SENTINEL_SESSION_PREFIX } from "../src/facts";
import { meets } from "./conditionMatch";
import { fail, Finding, ok, warn } from "./report";

const CHECK = "trust";
const RESTORE =
    "run pulumi up: it writes the trust back as the program declares it (the trust was changed outside Pulumi, or these outputs are from another stack)";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
/** IAM writes one value bare and several as a list. */
const valuesOf = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");
/** Condition keys are case-insensitive in IAM; element names are looked up the same way, harmlessly, as IAM stores one spelling. */
const entry = (object: unknown, key: string): unknown =>
    isObject(object) ? Object.entries(object).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1] : undefined;

/** The statements of a policy document, or undefined when it is not one. */
function statements(document: string): Json[] | undefined {
    let policy: unknown;
    try {
        // GetRole returns the document URL-encoded (IAM API reference, Role.AssumeRolePolicyDocument).
        policy = JSON.parse(decodeURIComponent(document));
    } catch {
        return undefined;
    }
    const list = entry(policy, "Statement");
    return (Array.isArray(list) ? list : [list]).filter(isObject);
}

/** Allow statements of `action` (or a wildcard covering it). */
const allowing = (list: Json[], action: string) =>
    list.filter(
        (s) => entry(s, "Effect") === "Allow" && valuesOf(entry(s, "Action")).some((a) => ["*", "sts:*", action.toLowerCase()].includes(a.toLowerCase())),
    );

/** Allow statements that grant `action` to a principal of `principalType` among `principals`. */
const grants = (list: Json[], action: string, principalType: string, principals: readonly string[]) =>
    allowing(list, action).filter((s) => valuesOf(entry(entry(s, "Principal"), principalType)).some((p) => principals.includes(p)));

/** Whether `action` is granted to everyone (`"Principal": "*"`, or `{"AWS": "*"}`). */
const grantsAnyone = (list: Json[], action: string) =>
    allowing(list, action).some((s) => entry(s, "Principal") === "*" || valuesOf(entry(entry(s, "Principal"), "AWS")).includes("*"));

const ANYONE = "the trust lets any AWS principal assume the role";

/** Values the statement's condition requires of `key`, under any of the operators. */
function conditionValues(statement: Json, operators: readonly string[], key: string): string[] | undefined {
    const found = constraints(statement, operators, key);
    return found.length === 0 ? undefined : found.flatMap((c) => c.values);
}

type Operator = "StringEquals" | "StringLike";

/** Each of `operators` that constrains `key` in the statement, with its values: IAM requires all of them to hold. */
function constraints<O extends string>(statement: Json, operators: readonly O[], key: string): { operator: O; values: string[] }[] {
    return operators.flatMap((operator) => {
        const values = entry(entry(entry(statement, "Condition"), operator), key);
        return values === undefined ? [] : [{ operator, values: valuesOf(values) }];
    });
}

const list = (values: readonly string[]) => values.map((v) => shown(v)).join(", ");

/**
 * The CloudTrail API connector: Microsoft's account (as `arn:aws:iam::ID:root` or the bare
 * ID) may `sts:AssumeRole` only with the workspace ID as `sts:ExternalId`.
 */
export function cloudTrailTrust(document: string, trustedPrincipal: string, workspaceId: string): Finding {
    const all = statements(document);
    if (all === undefined) return fail(CHECK, "the trust policy is not valid JSON", RESTORE);
    const microsoftAccount = trustedPrincipal.split(":")[4];
    if (grantsAnyone(all, "sts:AssumeRole")) return fail(CHECK, ANYONE, RESTORE);
    const trusting = grants(all, "sts:AssumeRole", "AWS", [trustedPrincipal, microsoftAccount]);
    if (trusting.length === 0)
        return fail(CHECK, `Microsoft Sentinel's account ${microsoftAccount} may not assume the role: no statement allows it sts:AssumeRole`, RESTORE);
    const externalIds = trusting.map((s) => conditionValues(s, ["StringEquals"], "sts:ExternalId"));
    if (externalIds.some((ids) => ids === undefined)) {
        return fail(
            CHECK,
            `Microsoft Sentinel's account ${microsoftAccount} may assume the role without an external ID: any Sentinel workspace, anyone's, can read this account's CloudTrail`,
            RESTORE,
        );
    }
    const ids = [...new Set(externalIds.flatMap((x) => x!))];
    if (!ids.includes(workspaceId))
        return fail(CHECK, `the trust requires external ID ${list(ids)}, not this workspace's ID ${workspaceId}: Sentinel cannot assume the role`, RESTORE);
    const others = ids.filter((id) => id !== workspaceId);
    if (others.length > 0)
        return warn(
            CHECK,
            `besides this workspace's ID, the trust accepts external ID ${list(others)}: another workspace can read this account's CloudTrail`,
            RESTORE,
        );
    return ok(CHECK, `Microsoft Sentinel's account ${microsoftAccount} with external ID ${workspaceId} (this workspace's ID)`);
}

/**
 * The S3 connector: tokens through this account's OIDC provider for Entra ID may
 * `sts:AssumeRoleWithWebIdentity` only for Sentinel's audience, and only in sessions named
 * for this workspace (`MicrosoftSentinel_<workspace ID>`).
 */
export function oidcTrust(document: string, oidcProviderArn: string, audience: string, workspaceId: string): Finding {
    const all = statements(document);
    if (all === undefined) return fail(CHECK, "the trust policy is not valid JSON", RESTORE);
    if (grantsAnyone(all, "sts:AssumeRoleWithWebIdentity")) return fail(CHECK, ANYONE, RESTORE);
    const trusting = grants(all, "sts:AssumeRoleWithWebIdentity", "Federated", [oidcProviderArn]);
    if (trusting.length === 0)
        return fail(CHECK, `no statement lets tokens through ${shown(oidcProviderArn)} assume the role with sts:AssumeRoleWithWebIdentity`, RESTORE);
    const issuer = oidcProviderArn.split(":oidc-provider/")[1];
    const audiences = trusting.map((s) => conditionValues(s, ["StringEquals"], `${issuer}:aud`));
    if (audiences.some((a) => a === undefined)) {
        return fail(
            CHECK,
            `the trust does not require an audience (${shown(issuer)}:aud): any application of the issuer's tenant could assume the role`,
            RESTORE,
        );
    }
    if (!audiences.flatMap((a) => a!).includes(audience))
        return fail(
            CHECK,
            `the trust requires audience ${list(audiences.flatMap((a) => a!))}, not Sentinel's ${audience}: Sentinel cannot assume the role`,
            RESTORE,
        );
    const expected = `${SENTINEL_SESSION_PREFIX}${workspaceId}`;
    const names = trusting.map((s) => constraints<Operator>(s, ["StringEquals", "StringLike"], "sts:RoleSessionName"));
    if (names.some((n) => n.length === 0))
        return fail(CHECK, "the trust does not require a session name: any Sentinel workspace could assume the role", RESTORE);
    const accepted = [...new Set(names.flatMap((n) => n.flatMap((c) => c.values)))];
    // A statement admits the name when every operator on the key does (IAM ANDs a condition's operators).
    if (!names.some((n) => n.every((c) => meets(c.operator, c.values, expected))))
        return fail(CHECK, `the trust requires session name ${list(accepted)}, not ${expected} (this workspace's): Sentinel cannot assume the role`, RESTORE);
    // The Defender for Cloud prefix for this same workspace is an opt-in of the config (s3.acceptDefenderSessionName).
    const ours = [expected, `${DEFENDER_SESSION_PREFIX}${workspaceId}`];
    const others = accepted.filter((name) => !ours.includes(name));
    if (others.length > 0)
        return warn(CHECK, `besides this workspace's session name, the trust accepts ${list(others)}: another workspace may read these logs`, RESTORE);
    return ok(CHECK, `tokens through ${shown(oidcProviderArn)} in sessions named ${expected} (this workspace's)`);
}
