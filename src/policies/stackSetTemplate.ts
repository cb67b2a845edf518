// The CloudFormation template a service-managed StackSet deploys into every member account
// of an organisation: the same role as a listed account's, built from the same policies,
// with the workspace ID as a stack parameter.
import { CLOUDTRAIL_READ_ONLY_POLICY_ARN, LOOKUP_EVENTS_POLICY_NAME, RolePermissions } from "../constants";
import { IAM_ROLE_NAME } from "../config/rules";
import { lookupEventsOnlyPolicy } from "./cloudTrailRead";
import type { CfnRef, PolicyDocument } from "./policyDocument";
import { requireAccountId, sentinelCloudTrailTrustPolicy, WORKSPACE_ID_PATTERN } from "./sentinelTrust";

export const STACKSET_WORKSPACE_PARAMETER = "WorkspaceId";

/** CloudFormation's limit on a `TemplateBody` passed inline, in bytes. */
const TEMPLATE_BODY_MAX_BYTES = 51_200;

/** The wording CloudTrailReaderRole gives the role too (tests/stackSetTemplate.test.ts checks they agree). */
export const SENTINEL_ROLE_DESCRIPTION =
    "Assumed by Microsoft Sentinel's AWS CloudTrail connector to read CloudTrail events. Managed by Pulumi (sentinel-aws).";

/** The managed policy in whatever partition the member account is in. */
const CLOUDTRAIL_READ_ONLY_POLICY_SUB = CLOUDTRAIL_READ_ONLY_POLICY_ARN.replace(/^arn:aws:/, "arn:${AWS::Partition}:");

export interface CfnSub {
    readonly "Fn::Sub": string;
}

export interface SentinelRoleTemplateProps {
    readonly roleName: string;
    readonly microsoftAccountId: string;
    readonly permissions: RolePermissions;
    readonly tags: Readonly<Record<string, string>>;
}

interface RoleProperties {
    readonly RoleName: string;
    readonly Description: string;
    readonly AssumeRolePolicyDocument: PolicyDocument<CfnRef>;
    readonly ManagedPolicyArns?: readonly CfnSub[];
    readonly Policies?: readonly { readonly PolicyName: string; readonly PolicyDocument: PolicyDocument }[];
    readonly Tags?: readonly { readonly Key: string; readonly Value: string }[];
}

export interface CloudFormationTemplate {
    readonly AWSTemplateFormatVersion: "2010-09-09";
    readonly Description: string;
    readonly Parameters: {
        readonly [STACKSET_WORKSPACE_PARAMETER]: {
            readonly Type: "String";
            readonly AllowedPattern: string;
            readonly ConstraintDescription: string;
            readonly Description: string;
        };
    };
    readonly Resources: { readonly SentinelRole: { readonly Type: "AWS::IAM::Role"; readonly Properties: RoleProperties } };
    readonly Outputs: { readonly RoleArn: { readonly Value: { readonly "Fn::GetAtt": readonly ["SentinelRole", "Arn"] } } };
}

/** The template of the StackSet; the workspace ID is left to the `WorkspaceId` parameter. */
export function sentinelRoleTemplate(props: SentinelRoleTemplateProps): CloudFormationTemplate {
    if (!IAM_ROLE_NAME.test(props.roleName)) {
        throw new Error(`not a valid IAM role name (1-64 of letters, digits and +=,.@_-): ${JSON.stringify(props.roleName)}`);
    }
    const trust = sentinelCloudTrailTrustPolicy(props.microsoftAccountId, { Ref: STACKSET_WORKSPACE_PARAMETER });
    const grant: Pick<RoleProperties, "ManagedPolicyArns" | "Policies"> =
        props.permissions === "lookupEventsOnly"
            ? { Policies: [{ PolicyName: LOOKUP_EVENTS_POLICY_NAME, PolicyDocument: lookupEventsOnlyPolicy() }] }
            : { ManagedPolicyArns: [{ "Fn::Sub": CLOUDTRAIL_READ_ONLY_POLICY_SUB }] };
    const tags = Object.keys(props.tags)
        .sort()
        .map((Key) => ({ Key, Value: props.tags[Key] }));
    return {
        AWSTemplateFormatVersion: "2010-09-09",
        Description: "The IAM role Microsoft Sentinel's AWS CloudTrail connector assumes in this account. Managed by Pulumi (sentinel-aws).",
        Parameters: {
            [STACKSET_WORKSPACE_PARAMETER]: {
                Type: "String",
                AllowedPattern: WORKSPACE_ID_PATTERN,
                ConstraintDescription: "must be the Log Analytics workspace ID, a GUID",
                Description: "The Log Analytics workspace ID (customerId), which Sentinel presents as the external ID.",
            },
        },
        Resources: {
            SentinelRole: {
                Type: "AWS::IAM::Role",
                Properties: {
                    RoleName: props.roleName,
                    Description: SENTINEL_ROLE_DESCRIPTION,
                    AssumeRolePolicyDocument: trust,
                    ...grant,
                    ...(tags.length > 0 ? { Tags: tags } : {}),
                },
            },
        },
        Outputs: { RoleArn: { Value: { "Fn::GetAtt": ["SentinelRole", "Arn"] } } },
    };
}

/** The template as CloudFormation's `TemplateBody`: compact JSON, refused when over CloudFormation's limit. */
export function templateBody(template: CloudFormationTemplate): string {
    const body = JSON.stringify(template);
    const bytes = Buffer.byteLength(body, "utf8");
    if (bytes > TEMPLATE_BODY_MAX_BYTES) {
        throw new Error(
            `the StackSet template is ${bytes} bytes, over CloudFormation's TemplateBody limit of ${TEMPLATE_BODY_MAX_BYTES}: use fewer or shorter tags`,
        );
    }
    return body;
}

/** A template value with every `Ref` and `Fn::Sub` replaced by the string it resolves to. */
type Resolved<T> = T extends CfnRef | CfnSub
    ? string
    : T extends readonly (infer E)[]
      ? Resolved<E>[]
      : T extends object
        ? { -readonly [K in keyof T]: Resolved<T[K]> }
        : T;

/**
 * The role CloudFormation would create from the template in one member account: parameter
 * references and `${AWS::Partition}`/`${AWS::AccountId}` substituted, as CloudFormation does.
 */
export function resolveTemplateRole(
    template: CloudFormationTemplate,
    parameters: Readonly<Record<string, string>>,
    accountId: string,
    partition = "aws",
): { roleName: string; trustPolicy: PolicyDocument; managedPolicyArns: string[]; inlinePolicies: PolicyDocument[] } {
    requireAccountId(accountId);
    const values = new Map<string, string>([
        ["AWS::Partition", partition],
        ["AWS::AccountId", accountId],
    ]);
    for (const [name, declared] of Object.entries(template.Parameters)) {
        const value = parameters[name];
        if (value === undefined) throw new Error(`the template parameter ${name} has no value`);
        // CloudFormation refuses the stack when a value does not match the pattern.
        if (!new RegExp(declared.AllowedPattern).test(value))
            throw new Error(`the value of ${name} does not match its AllowedPattern: ${JSON.stringify(value)}`);
        values.set(name, value);
    }
    const lookup = (name: string): string => {
        const value = values.get(name);
        if (value === undefined) throw new Error(`the template refers to ${name}, which is neither a parameter nor a pseudo parameter`);
        return value;
    };
    const resolve = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(resolve);
        if (value === null || typeof value !== "object") return value;
        const entries = Object.entries(value);
        if (entries.length === 1 && entries[0][0] === "Ref") return lookup(String(entries[0][1]));
        if (entries.length === 1 && entries[0][0] === "Fn::Sub") return String(entries[0][1]).replace(/\$\{([^}]+)\}/g, (_, name: string) => lookup(name));
        return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v)]));
    };
    const role = resolve(template.Resources.SentinelRole.Properties) as Resolved<RoleProperties>;
    return {
        roleName: role.RoleName,
        trustPolicy: role.AssumeRolePolicyDocument,
        managedPolicyArns: role.ManagedPolicyArns ?? [],
        inlinePolicies: (role.Policies ?? []).map((p) => p.PolicyDocument),
    };
}
