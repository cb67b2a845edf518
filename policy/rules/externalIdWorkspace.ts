// Which external ID a cross-account trust requires: the workspace's, not just any. Microsoft
// Sentinel presents the workspace ID (customerId) as the external ID, so a role requiring
// another value is either broken or open to whoever presents that value. Part of the
// cross-account-trust-requires-external-id rule (trust.ts).
//
// Every foreign principal's external ID is held to the workspace, not only Microsoft's
// account: the pack judges this project's stacks, whose only cross-account trusts are
// Sentinel's, and the program lets the Microsoft account be configured (microsoftAccountId),
// which the pack could only guess.
import type { PolicyResource, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { isMemberAccount, parameterRef, templateRolesAsWritten } from "../cloudFormation";
import { allows, conditionValues, Placeholder, principalsOf, Statement, statementsOf } from "../iamDocument";
import { TYPES } from "../types";
import { stringList } from "./config";
import { isOwnAccount, read, UNKNOWN } from "./props";

/** The template parameter the program names STACKSET_WORKSPACE_PARAMETER (src/policies/stackSetTemplate.ts); tests hold the two equal. */
export const WORKSPACE_PARAMETER_DEFAULT = "WorkspaceId";

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
                `The trust policy of role ${role.logicalId} in the template of StackSet ${args.name} (${where(statement)}) requires the external ID ${wrong.map((v) => (v instanceof Placeholder ? v.text : JSON.stringify(v))).join(", ")}, ` +
                    `not ${expected}, the template's workspace parameter. Require the parameter, which the StackSet feeds with the workspace ID Sentinel presents.`,
            );
        }
    }
}

/**
 * Each external ID a role of the stack requires of another account, and each StackSet's
 * value of the workspace parameter, must be a workspace ID the stack knows: the customerId
 * of a workspace it creates, or one listed in `workspaceIds` (an existing workspace is only
 * looked up). With neither, any is accepted, as sentinel-web-identity-trust does. A value
 * not known yet (made from the workspace ID in a first preview) is judged once it is; a
 * workspace ID not known yet is read through the engine's proxy, which turns this check
 * into advice until `pulumi up`.
 */
export function checkWorkspaceExternalIds(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const workspaces = args.resources.filter((r) => r.type === TYPES.workspace);
    const listed = stringList(args, "workspaceIds");
    if (workspaces.length === 0 && listed.length === 0) return;
    const { workspaceParameter = WORKSPACE_PARAMETER_DEFAULT } = args.getConfig<{ workspaceParameter?: string }>();
    const judged: { resource: PolicyResource; subject: string; ids: unknown[] }[] = [];
    for (const role of args.resources.filter((r) => r.type === TYPES.role)) {
        for (const statement of statementsOf(read(role, "assumeRolePolicy")) ?? []) {
            const ids = foreignExternalIds(statement, isOwnAccount(role));
            if (ids.length > 0)
                judged.push({ resource: role, subject: `The trust policy of role ${role.name} (${where(statement)}) requires the external ID`, ids });
        }
    }
    for (const stackSet of args.resources.filter((r) => r.type === TYPES.stackSet)) {
        const value = read(stackSet, "parameters", workspaceParameter);
        if (value !== undefined && value !== UNKNOWN) {
            judged.push({
                resource: stackSet,
                subject: `StackSet ${stackSet.name} gives its template's ${workspaceParameter} (the roles' external ID) the value`,
                ids: [value],
            });
        }
    }
    if (judged.length === 0) return;
    // Read through the proxy on purpose: a customerId not known yet throws, and the engine reports the rule as advice.
    const ids = workspaces.map((w): unknown => w.props.customerId);
    const created = ids.filter((id): id is string => typeof id === "string");
    // A workspace without its ID at all (an engine that leaves computed outputs out of a preview): judged at `pulumi up`.
    if (created.length < ids.length) return;
    const known = new Set([...listed, ...created]);
    for (const { resource, subject, ids } of judged) {
        const wrong = ids.filter((id) => typeof id !== "string" || !known.has(id));
        if (wrong.length === 0) continue;
        reportViolation(
            `${subject} ${wrong.map(String).join(", ")}, which is not this stack's workspace ID (${[...known].join(", ")}). ` +
                "Sentinel presents the workspace ID (customerId) of the workspace it collects into; list an existing workspace's ID in this rule's workspaceIds.",
            resource.urn,
        );
    }
}
