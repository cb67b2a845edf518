// The roles Sentinel's connectors assume: each traced to a role of this stack (an IAM role,
// or a role a StackSet's template creates in the member accounts, or one declared as
// external), and each allowed to read CloudTrail and nothing more.
import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { TemplateRole, templateRoles } from "../cloudFormation";
import { asList, isAllow, Placeholder, Statement, statementsOf } from "../iamDocument";
import { CLOUDTRAIL_READ_ACTION, CLOUDTRAIL_READ_ONLY_POLICIES, CONNECTOR_ROLE_PROPERTY, S3_CONNECTOR_KIND, S3_CONNECTOR_READ_ACTION, TYPES } from "../types";
import { stringList, stringListSetting } from "./config";
import { known, read, stackSetParameter, UNKNOWN } from "./props";

/** A StackSet a connector's role comes from, and what its template says. */
interface StackSetRoles {
    readonly stackSet: PolicyResource;
    /** The template's roles the connector may use; undefined when the template is not known yet (a preview) or cannot be read. */
    readonly roles?: readonly TemplateRole[];
    /** Whether the template cannot be read (as opposed to not known yet). */
    readonly unreadable: boolean;
}

export interface ConnectorRole {
    readonly connector: PolicyResource;
    /** Whether it is the S3 connector, whose role reads queues and buckets rather than CloudTrail. */
    readonly s3: boolean;
    /** The role of this stack whose ARN the connector takes, if any. */
    readonly role?: PolicyResource;
    /** StackSets whose template creates the role in the member account, when the ARN comes from a stack instance. */
    readonly stackSets: readonly StackSetRoles[];
    /** The ARN, when known (after deployment, or when the config names it). */
    readonly arn?: string;
}

/** The role name in a role ARN (`arn:aws:iam::123456789012:role/path/name` → `name`). */
const roleNameOf = (arn: string) => /^arn:aws[a-z-]*:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];

/**
 * The roles of a StackSet's template a connector may use: the only one; or, of several,
 * the one named like the ARN's role (when the ARN is known), else those whose name the
 * template leaves to CloudFormation or to a value not known; all of them when the ARN is
 * not known yet.
 */
function candidates(roles: readonly TemplateRole[], arn: string | undefined): readonly TemplateRole[] {
    if (roles.length <= 1) return roles;
    const name = arn === undefined ? undefined : roleNameOf(arn);
    if (name === undefined) return roles;
    const named = roles.filter((r) => r.roleName === name);
    return named.length > 0 ? named : roles.filter((r) => typeof r.roleName !== "string");
}

/**
 * The StackSets a connector's role-ARN property depends on: directly, or through a stack
 * instance (whose `stackSetName` depends on its StackSet, or names it).
 */
function stackSetsOf(dependencies: readonly PolicyResource[], resources: readonly PolicyResource[]): PolicyResource[] {
    const found = dependencies.flatMap((d) => {
        if (d.type === TYPES.stackSet) return [d];
        if (d.type !== TYPES.stackSetInstance) return [];
        const byDependency = (d.propertyDependencies.stackSetName ?? []).filter((s) => s.type === TYPES.stackSet);
        if (byDependency.length > 0) return byDependency;
        const name = known(d, "stackSetName");
        return name === undefined ? [] : resources.filter((s) => s.type === TYPES.stackSet && known(s, "name") === name);
    });
    return [...new Map(found.map((s) => [s.urn, s])).values()];
}

function stackSetRoles(stackSet: PolicyResource, arn: string | undefined): StackSetRoles {
    const body = read(stackSet, "templateBody");
    // Made from values not known yet: judged once they are.
    if (body === UNKNOWN) return { stackSet, unreadable: false };
    const roles = templateRoles(body, stackSetParameter(stackSet));
    return roles === undefined ? { stackSet, unreadable: true } : { stackSet, roles: candidates(roles, arn), unreadable: false };
}

/**
 * The role each connector uses: the role its role-ARN property depends on (known even in a
 * preview), or the role whose `arn` equals it; or the roles of the StackSet it depends on.
 */
export function connectorRoles(resources: readonly PolicyResource[]): ConnectorRole[] {
    const roles = resources.filter((r) => r.type === TYPES.role);
    return resources.flatMap((connector): ConnectorRole[] => {
        // The S3 connector as a generic ARM resource keeps the ARN inside `properties`.
        const generic = connector.type === TYPES.armResource && known(connector, "kind") === S3_CONNECTOR_KIND;
        const property = generic ? "properties" : CONNECTOR_ROLE_PROPERTY[connector.type];
        if (property === undefined) return [];
        const value = generic ? known(connector, property, "roleArn") : known(connector, property);
        const arn = typeof value === "string" ? value : undefined;
        const dependencies = connector.propertyDependencies[property] ?? [];
        const byValue = arn !== undefined ? roles.filter((r) => known(r, "arn") === arn) : [];
        const role = [...dependencies.filter((d) => d.type === TYPES.role), ...byValue][0];
        const stackSets = stackSetsOf(dependencies, resources).map((s) => stackSetRoles(s, arn));
        return [{ connector, s3: generic || connector.type === TYPES.s3Connector, role, stackSets, arn }];
    });
}

/** Whether a connector's role is traced: to a role of this stack, or to a StackSet that (as far as is known) creates it. */
const traced = (c: ConnectorRole) => c.role !== undefined || c.stackSets.some((s) => s.roles === undefined || s.roles.length > 0);

/**
 * Whether a resource refers to `role` through `property`: by dependency when the engine
 * recorded one, else by the role's name in the same account (same provider). Role names
 * repeat across accounts (every account gets the same default), so a name alone is not enough.
 */
export function refersTo(resource: PolicyResource, property: string, role: PolicyResource): boolean {
    const dependencies = resource.propertyDependencies[property] ?? [];
    if (dependencies.length > 0) return dependencies.some((d) => d.urn === role.urn);
    const name = known(role, "name");
    return name !== undefined && resource.provider?.urn === role.provider?.urn && asList(known(resource, property)).includes(name);
}

/** What a role of one connector kind may be given. */
interface Allowance {
    readonly action: RegExp;
    /** Managed policies allowed by ARN; none for the S3 connector. */
    readonly managedPolicy?: RegExp;
    /** Whether every allowed action must name its resources (the S3 role reads its own queues and bucket only). */
    readonly scoped: boolean;
}

const CLOUDTRAIL_READ: Allowance = { action: CLOUDTRAIL_READ_ACTION, managedPolicy: CLOUDTRAIL_READ_ONLY_POLICIES, scoped: false };
const S3_LOG_READ: Allowance = { action: S3_CONNECTOR_READ_ACTION, scoped: true };

/** What in a policy document goes beyond the allowance. */
function beyond(statements: readonly Statement[], allowance: Allowance): string[] {
    return statements.flatMap((s) => {
        if (!isAllow(s)) return [];
        if (s.NotAction !== undefined) return ["NotAction in an Allow statement"];
        const actions = asList(s.Action)
            .map(String)
            .filter((a) => !allowance.action.test(a));
        const anyResource = s.NotResource !== undefined || asList(s.Resource).some((r) => r === "*" || (r instanceof Placeholder && !r.literal));
        const everywhere = allowance.scoped && anyResource ? [`${asList(s.Action).join(", ")} on every resource`] : [];
        return [...actions, ...everywhere];
    });
}

/** Collects what policies give beyond the allowance, described for the user. */
function findings(allowance: Allowance) {
    const found: string[] = [];
    return {
        found,
        arn(arn: unknown, via: string) {
            if (arn instanceof Placeholder) found.push(`${arn}, a managed policy ARN that cannot be read (${via})`);
            else if (typeof arn === "string" && !allowance.managedPolicy?.test(arn)) found.push(`${arn} (${via})`);
        },
        document(policy: unknown, via: string) {
            // Made from values the cloud assigns (queue and bucket ARNs): judged once they are known.
            if (policy === UNKNOWN) return;
            const statements = statementsOf(policy);
            if (statements === undefined) found.push(`an unreadable policy document (${via})`);
            else for (const extra of beyond(statements, allowance)) found.push(`${extra} (${via})`);
        },
    };
}

/** Every permission given to `role` beyond the allowance, described for the user. */
function excessPermissions(role: PolicyResource, resources: readonly PolicyResource[], allowance: Allowance): string[] {
    const check = findings(allowance);
    for (const arn of asList(known(role, "managedPolicyArns"))) check.arn(arn, "the role's managedPolicyArns");
    asList(known(role, "inlinePolicies")).forEach((_, i) => {
        const policy = read(role, "inlinePolicies", String(i), "policy");
        const name = known(role, "inlinePolicies", String(i), "name");
        if (policy !== undefined && policy !== "") check.document(policy, `inline policy ${typeof name === "string" ? name : "(unnamed)"} on the role`);
    });
    for (const r of resources) {
        if (r.type === TYPES.rolePolicyAttachment && refersTo(r, "role", role)) check.arn(known(r, "policyArn"), r.name);
        if (r.type === TYPES.policyAttachment && refersTo(r, "roles", role)) check.arn(known(r, "policyArn"), r.name);
        if (r.type === TYPES.rolePolicy && refersTo(r, "role", role)) check.document(read(r, "policy"), r.name);
    }
    return check.found;
}

/** Every permission a StackSet template gives one of its roles beyond the allowance (its ManagedPolicyArns after Fn::Sub, its policies). */
function templateExcess(role: TemplateRole, allowance: Allowance): string[] {
    const check = findings(allowance);
    for (const arn of role.managedPolicyArns) check.arn(arn, `ManagedPolicyArns of ${role.logicalId}`);
    for (const policy of role.policies) check.document(policy.document, policy.via);
    return check.found;
}

/** A rule that the roles of one connector kind get nothing beyond their allowance. */
function rolesLimitedTo(s3: boolean, allowance: Allowance, what: string): StackValidationPolicy["validateStack"] {
    return (args, reportViolation: ReportViolation) => {
        const seen = new Set<string>();
        const once = (key: string) => !seen.has(key) && !!seen.add(key);
        const advice = `Sentinel holds this role's credentials; keep it to ${what}.`;
        for (const { role, stackSets, connector, s3: isS3 } of connectorRoles(args.resources)) {
            if (isS3 !== s3) continue;
            if (role !== undefined && once(role.urn)) {
                const excess = excessPermissions(role, args.resources, allowance);
                if (excess.length > 0) {
                    reportViolation(
                        `Role ${role.name}, assumed by the Sentinel connector ${connector.name}, is given more than ${what}: ${excess.join("; ")}. ${advice}`,
                        role.urn,
                    );
                }
            }
            // Each role of a StackSet's template once, reported on the StackSet.
            for (const { stackSet, roles, unreadable } of stackSets) {
                if (unreadable && once(stackSet.urn)) {
                    reportViolation(
                        `The template of StackSet ${stackSet.name}, whose role the Sentinel connector ${connector.name} assumes, is not a readable JSON CloudFormation template, so the role's permissions cannot be checked.`,
                        stackSet.urn,
                    );
                }
                for (const templateRole of roles ?? []) {
                    if (!once(`${stackSet.urn}#${templateRole.logicalId}`)) continue;
                    const excess = templateExcess(templateRole, allowance);
                    if (excess.length > 0) {
                        reportViolation(
                            `Role ${templateRole.logicalId} in the template of StackSet ${stackSet.name}, assumed by the Sentinel connector ${connector.name}, is given more than ${what}: ${excess.join("; ")}. ${advice}`,
                            stackSet.urn,
                        );
                    }
                }
            }
        }
    };
}

export const sentinelRolesReadCloudTrailOnly: StackValidationPolicy = {
    name: "sentinel-role-reads-cloudtrail-only",
    description:
        "A role that a Sentinel data connector assumes may only read CloudTrail: AWSCloudTrail_ReadOnlyAccess, or policies allowing cloudtrail:Get*, Describe*, List* and LookupEvents. " +
        "So may a role a StackSet's template creates, when the connector takes its role ARN from the StackSet's stack instance.",
    enforcementLevel: "mandatory",
    validateStack: rolesLimitedTo(false, CLOUDTRAIL_READ, "read-only CloudTrail access"),
};

export const sentinelS3RolesReadLogsOnly: StackValidationPolicy = {
    name: "sentinel-s3-role-reads-logs-only",
    description:
        "A role that Sentinel's S3 connector assumes (in this stack, or in a StackSet's template) may only receive and delete its queue messages, get and list its log objects and decrypt them, each on named resources, never on \"*\".",
    enforcementLevel: "mandatory",
    validateStack: rolesLimitedTo(true, S3_LOG_READ, "reading its queues and log objects"),
};

export const sentinelConnectorRoleKnown: StackValidationPolicy = {
    name: "sentinel-connector-role-known",
    description:
        "Every Sentinel AWS connector must take its role ARN from a role in this stack (an IAM role, or one a StackSet's template creates, through its stack instance), or from one listed in this policy's externalRoleArns.",
    enforcementLevel: "mandatory",
    configSchema: stringListSetting("externalRoleArns"),
    validateStack: (args, reportViolation: ReportViolation) => {
        const external = new Set(stringList(args, "externalRoleArns"));
        for (const c of connectorRoles(args.resources)) {
            const { connector, arn, stackSets } = c;
            if (traced(c) || (arn !== undefined && external.has(arn))) continue;
            const templates =
                stackSets.length > 0 ? ` (the template of StackSet ${stackSets.map((s) => s.stackSet.name).join(", ")} creates no role of that name)` : "";
            reportViolation(
                `The Sentinel connector ${connector.name} uses the role ${arn ?? "(an ARN not known yet)"}, which is neither a role in this stack${templates} nor listed in externalRoleArns. ` +
                    "Create the role in this stack, or declare it in the policy configuration after checking its trust and permissions.",
                connector.urn,
            );
        }
    },
};
