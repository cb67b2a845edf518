// The AWS side of the trust: the role Sentinel assumes to read CloudTrail in one account.
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import { CLOUDTRAIL_READ_ONLY_POLICY_ARN, LOOKUP_EVENTS_POLICY_NAME, RolePermissions } from "../constants";
import type { AdoptConfig, Tags } from "../config/types";
import { lookupEventsOnlyPolicy } from "../policies/cloudTrailRead";
import { documentedCloudTrailTrustPolicy, sentinelCloudTrailTrustPolicy } from "../policies/sentinelTrust";
import { SENTINEL_ROLE_DESCRIPTION } from "../policies/stackSetTemplate";
import { arnAfterPropagation } from "./iamPropagation";

export interface CloudTrailReaderRoleArgs {
    /** IAM role name. */
    readonly roleName: string;
    /** The AWS account Sentinel assumes the role from. */
    readonly trustedAccountId: string;
    /** The Log Analytics workspace ID, required as the external ID. */
    readonly workspaceId: pulumi.Input<string>;
    /** How long to wait after the role is created or replaced, for IAM to propagate. */
    readonly propagationSeconds: number;
    /** The managed read-only policy, or an inline policy allowing `cloudtrail:LookupEvents` only. */
    readonly permissions: RolePermissions;
    readonly tags: Tags;
    /** A role made by hand: imported as it is until `tighten`, then given these inputs. */
    readonly adopt?: AdoptConfig;
}

export class CloudTrailReaderRole extends pulumi.ComponentResource {
    /**
     * The role ARN, resolved only once the read-only policy is attached and IAM has had
     * time to propagate: whoever consumes it (the connector) waits for all of that.
     */
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: CloudTrailReaderRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:aws:CloudTrailReaderRole", name, {}, opts);

        // Until tightened, an adopted role is described as a manual setup left it: Pulumi imports only what matches.
        const asIs = args.adopt !== undefined && !args.adopt.tighten ? args.adopt : undefined;
        const trust = asIs ? documentedCloudTrailTrustPolicy : sentinelCloudTrailTrustPolicy;
        const role = new iam.Role(
            `${name}`,
            {
                name: args.roleName,
                description: asIs ? asIs.description : SENTINEL_ROLE_DESCRIPTION,
                assumeRolePolicy: pulumi.output(args.workspaceId).apply((workspaceId) => JSON.stringify(trust(args.trustedAccountId, workspaceId))),
                tags: asIs ? asIs.tags : args.tags,
            },
            { parent: this, import: asIs && args.roleName },
        );
        const grant = asIs ? this.attach(name, role, asIs.policyArn, `${args.roleName}/${asIs.policyArn}`) : this.grant(name, role, args.permissions);
        this.arn = arnAfterPropagation(name, { role, grant: grant.resource, trigger: grant.trigger, seconds: args.propagationSeconds }, this);
        this.registerOutputs({ arn: this.arn });
    }

    /** The role's permissions, and what identifies them for the propagation wait. */
    private grant(
        name: string,
        role: iam.Role,
        permissions: RolePermissions,
    ): { resource: pulumi.CustomResource; trigger: Record<string, pulumi.Output<string>> } {
        if (permissions === "lookupEventsOnly") {
            const inline = new iam.RolePolicy(
                `${name}-lookup-events`,
                { role: role.name, name: LOOKUP_EVENTS_POLICY_NAME, policy: JSON.stringify(lookupEventsOnlyPolicy()) },
                { parent: this },
            );
            return { resource: inline, trigger: { inlinePolicyId: inline.id } };
        }
        return this.attach(name, role, CLOUDTRAIL_READ_ONLY_POLICY_ARN);
    }

    /** A managed policy on the role; `importId` (role/policy ARN) adopts an attachment made by hand. */
    private attach(name: string, role: iam.Role, policyArn: string, importId?: string) {
        const attachment = new iam.RolePolicyAttachment(`${name}-cloudtrail-read`, { role: role.name, policyArn }, { parent: this, import: importId });
        return { resource: attachment, trigger: { policyArn: attachment.policyArn } };
    }
}
