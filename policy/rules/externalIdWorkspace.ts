// Which external ID a cross-account trust requires: the workspace's, not just any. Microsoft
// Sentinel presents the workspace ID (customerId) as the external ID, so a role requiring
// another value is either broken or open to whoever presents that value. Part of the
// cross-account-trust-requires-external-id rule (trust.ts).
//
// Every foreign principal's external ID is held to the workspace, not only Microsoft's
// account: the pack judges this project's stacks, whose only cross-account trusts are
// Sentinel's, and the program lets the Microsoft account be configured (microsoftAccountId),
// which the pack could only guess.
import type { PolicyResource, ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { isMemberAccount, parameterRef, templateRolesAsWritten } from "../cloudFormation";
import { accountOf, allows, conditionValues, Placeholder, principalsOf, Statement, statementsOf } from "../iamDocument";
import { TYPES } from "../types";
import { stringList } from "./config";
import { read } from "./props";

/** The template parameter the program names STACKSET_WORKSPACE_PARAMETER (src/policies/stackSetTemplate.ts); tests hold the two equal. */
export const WORKSPACE_PARAMETER_DEFAULT = "WorkspaceId";

/** The role's own account, from its provider's `allowedAccountIds` (the engine passes provider inputs as JSON text). */
export function ownAccountOf(resource: Pick<ResourceValidationArgs, "provider">): string | undefined {
    let allowed: unknown = resource.provider?.props?.allowedAccountIds;
    if (typeof allowed === "string") {
        try {
            allowed = JSON.parse(allowed);
        } catch {
            return undefined;
        }
    }
    return Array.isArray(allowed) && allowed.length === 1 ? String(allowed[0]) : undefined;
}

/** The external IDs a statement requires of foreign principals: none when it lets no foreign AWS principal assume the role, or requires none (another check reports that). */
function foreignExternalIds(statement: Statement, isOwn: (principal: string) => boolean): unknown[] {
    if (!allows(statement, "sts:AssumeRole")) return [];
    if (!principalsOf(statement).some((p) => p.kind === "AWS" && !isOwn(p.value))) return [];
    return conditionValues(statement, "StringEquals", "sts:ExternalId") ?? [];
}

const where = (s: Statement) => (s.Sid ? `statement ${s.Sid}` : "a statement");

/**
 * In a StackSet's template: each external ID must be `{"Ref": <workspaceParameter>}`, read
 * from the template as written (a constant equal to today's workspace ID is still a constant).
 */
export function checkTemplateExternalIds(args: ResourceValidationArgs, workspaceParameter: string, reportViolation: ReportViolation): void {
    if (args.type !== TYPES.stackSet) return;
    // An unreadable template is reported by trust.ts; a template not known yet throws here, as there (advice).
    const roles = templateRolesAsWritten(args.props.templateBody) ?? [];
    const expected = parameterRef(workspaceParameter);
    for (const role of roles) {
        for (const statement of statementsOf(role.trustPolicy) ?? []) {
            const wrong = foreignExternalIds(statement, isMemberAccount).filter((v) => !(v instanceof Placeholder && v.text === expected));
            if (wrong.length === 0) continue;
            reportViolation(
                `The trust policy of role ${role.logicalId} in the template of StackSet ${args.name} (${where(statement)}) requires the external ID ${wrong.map((v) => JSON.stringify(v instanceof Placeholder ? JSON.parse(v.text) : v)).join(", ")}, ` +
                    `not ${expected}, the template's workspace parameter. Require the parameter, which the StackSet feeds with the workspace ID Sentinel presents.`,
            );
        }
    }
}

/**
 * For each IAM role of the stack: each external ID it requires of another account must be a
 * workspace ID the stack knows: the customerId of a workspace it creates, or one listed in
 * `workspaceIds` (an existing workspace is only looked up). With neither, any is accepted,
 * as sentinel-web-identity-trust does. A workspace ID not known yet (a first preview) is
 * read through the engine's proxy, which turns this check into advice until `pulumi up`.
 */
export function checkRoleExternalIds(args: { resources: PolicyResource[]; getConfig<T extends object>(): T }, reportViolation: ReportViolation): void {
    const workspaces = args.resources.filter((r) => r.type === TYPES.workspace);
    const listed = stringList(args, "workspaceIds");
    if (workspaces.length === 0 && listed.length === 0) return;
    const roles = args.resources.filter((r) => r.type === TYPES.role);
    const judged = roles.flatMap((role) => {
        const statements = statementsOf(read(role, "assumeRolePolicy")) ?? [];
        const own = ownAccountOf(role);
        const isOwn = (p: string) => own !== undefined && (accountOf(p) ?? p) === own;
        return statements.map((statement) => ({ role, statement, ids: foreignExternalIds(statement, isOwn) })).filter((j) => j.ids.length > 0);
    });
    if (judged.length === 0) return;
    // Read through the proxy on purpose: an unknown customerId throws, and the engine reports the rule as advice.
    const created = workspaces.map((w) => (w.props as { customerId?: unknown }).customerId).filter((id): id is string => typeof id === "string");
    const known = new Set([...listed, ...created]);
    for (const { role, statement, ids } of judged) {
        const wrong = ids.filter((id) => typeof id !== "string" || !known.has(id));
        if (wrong.length === 0) continue;
        reportViolation(
            `The trust policy of role ${role.name} (${where(statement)}) requires the external ID ${wrong.map(String).join(", ")}, which is not this stack's workspace ID (${[...known].join(", ")}). ` +
                "Sentinel presents the workspace ID (customerId) of the workspace it collects into; list an existing workspace's ID in this rule's workspaceIds.",
            role.urn,
        );
    }
}
