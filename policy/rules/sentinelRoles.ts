// The roles Sentinel's connectors assume: each traced to a role of this stack (or one
// declared as external), and each allowed to read CloudTrail and nothing more.
import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { asList, Statement, statementsOf } from "../iamDocument";
import { CLOUDTRAIL_READ_ACTION, CLOUDTRAIL_READ_ONLY_POLICIES, CONNECTOR_ROLE_PROPERTY, TYPES } from "../types";

interface ConnectorRole {
    readonly connector: PolicyResource;
    /** The role of this stack whose ARN the connector takes, if any. */
    readonly role?: PolicyResource;
    /** The ARN, when known (after deployment, or when the config names it). */
    readonly arn?: string;
}

/** Reads a property that may be unknown during a preview; undefined then. */
function known(resource: PolicyResource, property: string): unknown {
    try {
        return resource.props[property];
    } catch {
        return undefined;
    }
}

/**
 * The role each connector uses: the role its role-ARN property depends on (known even in a
 * preview), or the role whose `arn` equals it.
 */
function connectorRoles(resources: readonly PolicyResource[]): ConnectorRole[] {
    const roles = resources.filter((r) => r.type === TYPES.role);
    return resources.flatMap((connector): ConnectorRole[] => {
        const property = CONNECTOR_ROLE_PROPERTY[connector.type];
        if (property === undefined) return [];
        const arn = known(connector, property);
        const fromDependencies = (connector.propertyDependencies[property] ?? []).filter((d) => d.type === TYPES.role);
        const byValue = typeof arn === "string" ? roles.filter((r) => known(r, "arn") === arn) : [];
        const role = [...fromDependencies, ...byValue][0];
        return [{ connector, role, arn: typeof arn === "string" ? arn : undefined }];
    });
}

/** Whether a resource refers to `role` through `property`: by dependency, or by the role's name. */
function refersTo(resource: PolicyResource, property: string, role: PolicyResource): boolean {
    if ((resource.propertyDependencies[property] ?? []).some((d) => d.urn === role.urn)) return true;
    const name = known(role, "name");
    return name !== undefined && asList(known(resource, property)).includes(name);
}

/** What in a policy document goes beyond reading CloudTrail. */
function beyondCloudTrailRead(statements: readonly Statement[]): string[] {
    return statements.flatMap((s) => {
        if (s.Effect !== "Allow") return [];
        if (s.NotAction !== undefined) return ["NotAction in an Allow statement"];
        return asList(s.Action)
            .map(String)
            .filter((a) => !CLOUDTRAIL_READ_ACTION.test(a));
    });
}

/** Every permission given to `role` that is not read-only CloudTrail, described for the user. */
function excessPermissions(role: PolicyResource, resources: readonly PolicyResource[]): string[] {
    const found: string[] = [];
    const checkArn = (arn: unknown, via: string) => {
        if (typeof arn === "string" && !CLOUDTRAIL_READ_ONLY_POLICIES.test(arn)) found.push(`${arn} (${via})`);
    };
    const checkDocument = (policy: unknown, via: string) => {
        const statements = statementsOf(policy);
        if (statements === undefined) found.push(`an unreadable policy document (${via})`);
        else for (const extra of beyondCloudTrailRead(statements)) found.push(`${extra} (${via})`);
    };

    for (const arn of asList(known(role, "managedPolicyArns"))) checkArn(arn, "the role's managedPolicyArns");
    for (const inline of asList(known(role, "inlinePolicies"))) {
        const { name, policy } = (inline ?? {}) as { name?: string; policy?: unknown };
        if (policy !== undefined && policy !== "") checkDocument(policy, `inline policy ${name ?? "(unnamed)"} on the role`);
    }
    for (const r of resources) {
        if (r.type === TYPES.rolePolicyAttachment && refersTo(r, "role", role)) checkArn(known(r, "policyArn"), r.name);
        if (r.type === TYPES.policyAttachment && refersTo(r, "roles", role)) checkArn(known(r, "policyArn"), r.name);
        if (r.type === TYPES.rolePolicy && refersTo(r, "role", role)) checkDocument(known(r, "policy"), r.name);
    }
    return found;
}

export const sentinelRolesReadCloudTrailOnly: StackValidationPolicy = {
    name: "sentinel-role-reads-cloudtrail-only",
    description: "A role that a Sentinel data connector assumes may only read CloudTrail: AWSCloudTrail_ReadOnlyAccess, or policies allowing cloudtrail:Get*, Describe*, List* and LookupEvents.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation: ReportViolation) => {
        const seen = new Set<string>();
        for (const { role, connector } of connectorRoles(args.resources)) {
            if (role === undefined || seen.has(role.urn)) continue;
            seen.add(role.urn);
            const excess = excessPermissions(role, args.resources);
            if (excess.length > 0) {
                reportViolation(
                    `Role ${role.name}, assumed by the Sentinel connector ${connector.name}, is given more than read-only CloudTrail access: ${excess.join("; ")}. ` +
                        "Sentinel holds this role's credentials; keep it to reading CloudTrail.",
                    role.urn,
                );
            }
        }
    },
};

export const sentinelConnectorRoleKnown: StackValidationPolicy = {
    name: "sentinel-connector-role-known",
    description: "Every Sentinel AWS connector must take its role ARN from a role in this stack, or from one listed in this policy's externalRoleArns.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            externalRoleArns: { type: "array", items: { type: "string" }, default: [] },
        },
    },
    validateStack: (args, reportViolation: ReportViolation) => {
        const external = new Set(args.getConfig<{ externalRoleArns?: string[] }>().externalRoleArns ?? []);
        for (const { connector, role, arn } of connectorRoles(args.resources)) {
            if (role !== undefined || (arn !== undefined && external.has(arn))) continue;
            reportViolation(
                `The Sentinel connector ${connector.name} uses the role ${arn ?? "(an ARN not known yet)"}, which is neither a role in this stack nor listed in externalRoleArns. ` +
                    "Create the role in this stack, or declare it in the policy configuration after checking its trust and permissions.",
                connector.urn,
            );
        }
    },
};
