// The roles Sentinel's connectors assume: each traced to a role of this stack (or one
// declared as external), and each allowed to read CloudTrail and nothing more.
import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { asList, Statement, statementsOf } from "../iamDocument";
import { CLOUDTRAIL_READ_ACTION, CLOUDTRAIL_READ_ONLY_POLICIES, CONNECTOR_ROLE_PROPERTY, S3_CONNECTOR_KIND, S3_CONNECTOR_READ_ACTION, TYPES } from "../types";

interface ConnectorRole {
    readonly connector: PolicyResource;
    /** Whether it is the S3 connector, whose role reads queues and buckets rather than CloudTrail. */
    readonly s3: boolean;
    /** The role of this stack whose ARN the connector takes, if any. */
    readonly role?: PolicyResource;
    /** The ARN, when known (after deployment, or when the config names it). */
    readonly arn?: string;
}

/** A value that is not known yet: in a preview, whatever the cloud assigns and whatever is made from it. */
const UNKNOWN = Symbol("unknown");

/**
 * Reads `resource.props` along `path`. The engine hands stack rules a proxy that throws
 * when a rule touches a value unknown in a preview (which would turn the whole rule into
 * advice); reading through here gives UNKNOWN instead, so a rule judges what is known.
 */
function read(resource: PolicyResource, ...path: string[]): unknown {
    try {
        let value: unknown = resource.props;
        for (const key of path) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
        return value;
    } catch {
        return UNKNOWN;
    }
}

/** A property's value, or undefined when it is not set or not known yet. */
function known(resource: PolicyResource, ...path: string[]): unknown {
    const value = read(resource, ...path);
    return value === UNKNOWN ? undefined : value;
}

/**
 * The role each connector uses: the role its role-ARN property depends on (known even in a
 * preview), or the role whose `arn` equals it.
 */
function connectorRoles(resources: readonly PolicyResource[]): ConnectorRole[] {
    const roles = resources.filter((r) => r.type === TYPES.role);
    return resources.flatMap((connector): ConnectorRole[] => {
        // The S3 connector as a generic ARM resource keeps the ARN inside `properties`.
        const generic = connector.type === TYPES.armResource && known(connector, "kind") === S3_CONNECTOR_KIND;
        const property = generic ? "properties" : CONNECTOR_ROLE_PROPERTY[connector.type];
        if (property === undefined) return [];
        const arn = generic ? known(connector, property, "roleArn") : known(connector, property);
        const fromDependencies = (connector.propertyDependencies[property] ?? []).filter((d) => d.type === TYPES.role);
        const byValue = typeof arn === "string" ? roles.filter((r) => known(r, "arn") === arn) : [];
        const role = [...fromDependencies, ...byValue][0];
        return [{ connector, s3: generic || connector.type === TYPES.s3Connector, role, arn: typeof arn === "string" ? arn : undefined }];
    });
}

/**
 * Whether a resource refers to `role` through `property`: by dependency when the engine
 * recorded one, else by the role's name in the same account (same provider). Role names
 * repeat across accounts (every account gets the same default), so a name alone is not enough.
 */
function refersTo(resource: PolicyResource, property: string, role: PolicyResource): boolean {
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
        if (s.Effect !== "Allow") return [];
        if (s.NotAction !== undefined) return ["NotAction in an Allow statement"];
        const actions = asList(s.Action).map(String).filter((a) => !allowance.action.test(a));
        const everywhere = allowance.scoped && (s.NotResource !== undefined || asList(s.Resource).includes("*")) ? [`${asList(s.Action).join(", ")} on every resource`] : [];
        return [...actions, ...everywhere];
    });
}

/** Every permission given to `role` beyond the allowance, described for the user. */
function excessPermissions(role: PolicyResource, resources: readonly PolicyResource[], allowance: Allowance): string[] {
    const found: string[] = [];
    const checkArn = (arn: unknown, via: string) => {
        if (typeof arn === "string" && !allowance.managedPolicy?.test(arn)) found.push(`${arn} (${via})`);
    };
    const checkDocument = (policy: unknown, via: string) => {
        // Made from values the cloud assigns (queue and bucket ARNs): judged once they are known.
        if (policy === UNKNOWN) return;
        const statements = statementsOf(policy);
        if (statements === undefined) found.push(`an unreadable policy document (${via})`);
        else for (const extra of beyond(statements, allowance)) found.push(`${extra} (${via})`);
    };

    for (const arn of asList(known(role, "managedPolicyArns"))) checkArn(arn, "the role's managedPolicyArns");
    asList(known(role, "inlinePolicies")).forEach((_, i) => {
        const policy = read(role, "inlinePolicies", String(i), "policy");
        const name = known(role, "inlinePolicies", String(i), "name");
        if (policy !== undefined && policy !== "") checkDocument(policy, `inline policy ${typeof name === "string" ? name : "(unnamed)"} on the role`);
    });
    for (const r of resources) {
        if (r.type === TYPES.rolePolicyAttachment && refersTo(r, "role", role)) checkArn(known(r, "policyArn"), r.name);
        if (r.type === TYPES.policyAttachment && refersTo(r, "roles", role)) checkArn(known(r, "policyArn"), r.name);
        if (r.type === TYPES.rolePolicy && refersTo(r, "role", role)) checkDocument(read(r, "policy"), r.name);
    }
    return found;
}

/** A rule that the roles of one connector kind get nothing beyond their allowance. */
function rolesLimitedTo(s3: boolean, allowance: Allowance, what: string): StackValidationPolicy["validateStack"] {
    return (args, reportViolation: ReportViolation) => {
        const seen = new Set<string>();
        for (const { role, connector, s3: isS3 } of connectorRoles(args.resources)) {
            if (role === undefined || isS3 !== s3 || seen.has(role.urn)) continue;
            seen.add(role.urn);
            const excess = excessPermissions(role, args.resources, allowance);
            if (excess.length > 0) {
                reportViolation(
                    `Role ${role.name}, assumed by the Sentinel connector ${connector.name}, is given more than ${what}: ${excess.join("; ")}. ` +
                        `Sentinel holds this role's credentials; keep it to ${what}.`,
                    role.urn,
                );
            }
        }
    };
}

export const sentinelRolesReadCloudTrailOnly: StackValidationPolicy = {
    name: "sentinel-role-reads-cloudtrail-only",
    description: "A role that a Sentinel data connector assumes may only read CloudTrail: AWSCloudTrail_ReadOnlyAccess, or policies allowing cloudtrail:Get*, Describe*, List* and LookupEvents.",
    enforcementLevel: "mandatory",
    validateStack: rolesLimitedTo(false, CLOUDTRAIL_READ, "read-only CloudTrail access"),
};

export const sentinelS3RolesReadLogsOnly: StackValidationPolicy = {
    name: "sentinel-s3-role-reads-logs-only",
    description: "A role that Sentinel's S3 connector assumes may only receive and delete its queue messages, get and list its log objects and decrypt them, each on named resources, never on \"*\".",
    enforcementLevel: "mandatory",
    validateStack: rolesLimitedTo(true, S3_LOG_READ, "reading its queues and log objects"),
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
