// Who may assume a role: another AWS account only with an external ID, and never anyone.
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { accountOf, allows, conditionValues, principalsOf, Statement, statementsOf } from "../iamDocument";
import { TYPES } from "../types";

/** The role's own account, from its provider's `allowedAccountIds` (the engine passes provider inputs as JSON text). */
function ownAccountOf(args: ResourceValidationArgs): string | undefined {
    let allowed: unknown = args.provider?.props?.allowedAccountIds;
    if (typeof allowed === "string") {
        try {
            allowed = JSON.parse(allowed);
        } catch {
            return undefined;
        }
    }
    return Array.isArray(allowed) && allowed.length === 1 ? String(allowed[0]) : undefined;
}

/** An external ID condition that AWS enforces exactly: StringEquals with non-empty, literal values. */
function requiresExternalId(statement: Statement): boolean {
    const values = conditionValues(statement, "StringEquals", "sts:ExternalId");
    return values !== undefined && values.length > 0 && values.every((v) => typeof v === "string" && v.trim() !== "" && !/[*?]/.test(v));
}

/** The trust statements of a role, or a violation when its trust policy cannot be read. */
function trustStatements(args: ResourceValidationArgs, report: (message: string) => void): Statement[] {
    const statements = statementsOf(args.props.assumeRolePolicy);
    if (statements === undefined) report("The trust policy (assumeRolePolicy) is not a readable IAM policy document, so it cannot be checked.");
    return statements ?? [];
}

export const crossAccountTrustRequiresExternalId: ResourceValidationPolicy = {
    name: "cross-account-trust-requires-external-id",
    description: "An IAM role that another AWS account may assume must require sts:ExternalId (StringEquals), so that a service acting for many customers cannot be steered to it by another customer.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.role) return;
        const own = ownAccountOf(args);
        for (const statement of trustStatements(args, reportViolation)) {
            if (!allows(statement, "sts:AssumeRole")) continue;
            const foreign = principalsOf(statement)
                .filter((p) => p.kind === "AWS")
                .map((p) => accountOf(p.value) ?? p.value)
                .filter((account) => account !== own);
            if (foreign.length > 0 && !requiresExternalId(statement)) {
                const where = statement.Sid ? `statement ${statement.Sid}` : "a statement";
                reportViolation(
                    `The trust policy (${where}) lets ${foreign.join(", ")} assume this role without a StringEquals condition on sts:ExternalId. ` +
                        "Require the external ID the service gives you (for Microsoft Sentinel: the Log Analytics workspace ID).",
                );
            }
        }
    },
};

export const noWildcardTrust: ResourceValidationPolicy = {
    name: "no-wildcard-trust-principal",
    description: "No IAM role may be assumable by a wildcard principal (\"*\") or through NotPrincipal.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.role) return;
        for (const statement of trustStatements(args, reportViolation)) {
            if (statement.Effect !== "Allow") continue;
            if (statement.NotPrincipal !== undefined) {
                reportViolation("The trust policy uses NotPrincipal in an Allow statement, which lets every principal not listed assume this role. Name the principals that may.");
            }
            const wildcards = principalsOf(statement).filter((p) => p.value.includes("*"));
            if (wildcards.length > 0) {
                reportViolation(
                    `The trust policy allows a wildcard principal (${wildcards.map((p) => (p.kind === "*" ? "*" : `${p.kind}: ${p.value}`)).join(", ")}); ` +
                        "any AWS identity could assume this role if its conditions are met. Name the account or role that may.",
                );
            }
        }
    },
};
