// Who may assume a role: another AWS account only with an external ID, and never anyone.
// Judged for every `aws:iam/role:Role`, and for every AWS::IAM::Role in a StackSet's template.
import type { PolicyConfigSchema, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isMemberAccount, templateRoles } from "../cloudFormation";
import { accountOf, allows, conditionValues, isAllow, isLiteral, principalsOf, Statement, statementsOf } from "../iamDocument";
import { TYPES } from "../types";
import { checkWorkspaceExternalIds, checkTemplateExternalIds, WORKSPACE_PARAMETER_DEFAULT } from "./externalIdWorkspace";
import { isOwnAccount, stackSetParameter } from "./props";

/**
 * An external ID condition that AWS enforces exactly: StringEquals with non-empty, literal
 * values (a template parameter counts when its AllowedPattern vouches for it: see
 * cloudFormation.ts `vouches`).
 */
function requiresExternalId(statement: Statement): boolean {
    const values = conditionValues(statement, "StringEquals", "sts:ExternalId");
    return values !== undefined && values.length > 0 && values.every(isLiteral);
}

/** One role's trust, as the checks below read it. */
interface Trust {
    readonly statements: readonly Statement[];
    /** Whether a principal is the role's own account, which needs no external ID. */
    readonly isOwn: (principal: string) => boolean;
    /** How messages name the trust policy: "The trust policy", or which template role's. */
    readonly subject: string;
}

/**
 * The trusts a resource defines: a role's, or those of each role in a StackSet's template;
 * a violation for each that cannot be read. A template not known yet (a preview) is read
 * through the engine's proxy, which makes the rule advice, as for a role's trust policy; its
 * parameters are read as known or not, so that the template itself is judged in a preview.
 */
function trustsOf(args: ResourceValidationArgs, report: (message: string) => void): Trust[] {
    if (args.type === TYPES.role) {
        const statements = statementsOf(args.props.assumeRolePolicy);
        if (statements === undefined) report("The trust policy (assumeRolePolicy) is not a readable IAM policy document, so it cannot be checked.");
        return [{ statements: statements ?? [], isOwn: isOwnAccount(args), subject: "The trust policy" }];
    }
    if (args.type !== TYPES.stackSet) return [];
    const body: unknown = args.props.templateBody;
    const roles = templateRoles(body, stackSetParameter(args));
    if (roles === undefined) {
        report(
            body === undefined
                ? `StackSet ${args.name} has no templateBody (the pack does not fetch a templateUrl), so the trust of the roles it creates cannot be checked. Give the template as templateBody.`
                : `The template of StackSet ${args.name} (templateBody) is not a readable JSON CloudFormation template, so the trust of the roles it creates cannot be checked.`,
        );
        return [];
    }
    return roles.flatMap((role): Trust[] => {
        const where = `of role ${role.logicalId} in the template of StackSet ${args.name}`;
        const statements = statementsOf(role.trustPolicy);
        if (statements === undefined) {
            report(`The trust policy (AssumeRolePolicyDocument) ${where} is not a readable IAM policy document, so it cannot be checked.`);
            return [];
        }
        // Each stack instance creates the role in its member account: ${AWS::AccountId}.
        return [{ statements, isOwn: isMemberAccount, subject: `The trust policy ${where}` }];
    });
}

/** The AWS principals of an Allow statement for sts:AssumeRole that are not the role's own account, when it requires no external ID. */
function foreignWithoutExternalId(statement: Statement, isOwn: (principal: string) => boolean): string[] {
    if (!allows(statement, "sts:AssumeRole") || requiresExternalId(statement)) return [];
    return principalsOf(statement)
        .filter((p) => p.kind === "AWS" && !isOwn(p.value))
        .map((p) => accountOf(p.value) ?? p.value);
}

/** What lets anyone assume the role: NotPrincipal, and principals that are (or could become) wildcards. */
function wildcardTrust(statement: Statement): { notPrincipal: boolean; wildcards: string[] } {
    if (!isAllow(statement)) return { notPrincipal: false, wildcards: [] };
    return {
        notPrincipal: statement.NotPrincipal !== undefined,
        wildcards: principalsOf(statement)
            .filter((p) => p.wildcard)
            .map((p) => (p.kind === "*" ? "*" : `${p.kind}: ${p.value}${p.value.includes("*") ? "" : ", which may be *"}`)),
    };
}

/** The rule's settings: the template parameter a StackSet's roles must take the external ID from, and the IDs of existing workspaces. */
const externalIdConfig: PolicyConfigSchema = {
    properties: {
        workspaceParameter: { type: "string", default: WORKSPACE_PARAMETER_DEFAULT },
        workspaceIds: { type: "array", items: { type: "string" }, default: [] },
    },
};

/**
 * Judged per resource (every role's trust, and a StackSet template's roles against the
 * workspace parameter) and per stack (a role's external ID against the workspace the stack
 * creates, which only the whole stack shows).
 */
export const crossAccountTrustRequiresExternalId: ResourceValidationPolicy & Pick<StackValidationPolicy, "validateStack"> = {
    name: "cross-account-trust-requires-external-id",
    description:
        "An IAM role that another AWS account may assume must require sts:ExternalId (StringEquals), so that a service acting for many customers cannot be steered to it by another customer. " +
        "Roles in a StackSet's template too, where ${AWS::AccountId} is the member account's own. The external ID must be the workspace's: " +
        "in a StackSet's template a Ref of the workspace parameter (workspaceParameter), on a role the customerId of the stack's workspace or one listed in workspaceIds.",
    enforcementLevel: "mandatory",
    configSchema: externalIdConfig,
    validateResource: (args, reportViolation) => {
        for (const { statements, isOwn, subject } of trustsOf(args, reportViolation)) {
            for (const statement of statements) {
                const foreign = foreignWithoutExternalId(statement, isOwn);
                if (foreign.length === 0) continue;
                const where = statement.Sid ? `statement ${statement.Sid}` : "a statement";
                reportViolation(
                    `${subject} (${where}) lets ${foreign.join(", ")} assume this role without a StringEquals condition on sts:ExternalId. ` +
                        "Require the external ID the service gives you (for Microsoft Sentinel: the Log Analytics workspace ID).",
                );
            }
        }
        const { workspaceParameter } = args.getConfig<{ workspaceParameter?: string }>();
        checkTemplateExternalIds(args, workspaceParameter ?? WORKSPACE_PARAMETER_DEFAULT, reportViolation);
    },
    validateStack: checkWorkspaceExternalIds,
};

export const noWildcardTrust: ResourceValidationPolicy = {
    name: "no-wildcard-trust-principal",
    description: 'No IAM role, in this stack or in a StackSet\'s template, may be assumable by a wildcard principal ("*") or through NotPrincipal.',
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        for (const { statements, subject } of trustsOf(args, reportViolation)) {
            for (const statement of statements) {
                const { notPrincipal, wildcards } = wildcardTrust(statement);
                if (notPrincipal) {
                    reportViolation(
                        `${subject} uses NotPrincipal in an Allow statement, which lets every principal not listed assume this role. Name the principals that may.`,
                    );
                }
                if (wildcards.length > 0) {
                    reportViolation(
                        `${subject} allows a wildcard principal (${wildcards.join(", ")}); ` +
                            "any AWS identity could assume this role if its conditions are met. Name the account or role that may.",
                    );
                }
            }
        }
    },
};
