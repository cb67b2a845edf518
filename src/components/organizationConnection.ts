// Every account of an AWS Organization's OUs connected to Sentinel with one AWS provider:
// a service-managed CloudFormation StackSet puts the role in each member account (and in
// accounts that join later), one stack instance per OU, less the excluded accounts; the
// accounts are read from Organizations at deploy time, and each gets its CloudTrail connector.
// How it deploys, and why so: docs/stacksets.md.
import * as pulumi from "@pulumi/pulumi";
import * as cloudformation from "@pulumi/aws/cloudformation";
import * as organizations from "@pulumi/aws/organizations";
import { ConcurrencyMode, DeployAs, IAM_PROPAGATION_SECONDS, MICROSOFT_SENTINEL_AWS_ACCOUNT_ID, RolePermissions, STACKSET_DEFAULTS } from "../constants";
import { organizationConnectorId } from "../naming";
import { deploymentTargetsOf } from "../organization/deploymentTargets";
import { membersOf, Member } from "../organization/members";
import { sentinelRoleTemplate, STACKSET_WORKSPACE_PARAMETER, templateBody } from "../policies/stackSetTemplate";
import { cloudTrailConnector } from "./cloudTrailConnector";
import { CloudTrailReaderRole, CloudTrailReaderRoleArgs } from "./cloudTrailReaderRole";
import { propagationWait } from "./iamPropagation";
import type { WorkspaceLink } from "./workspaceLink";

export interface OrganizationConnectionArgs {
    /** The workspace whose ID becomes every role's external ID (a StackSet parameter) and which receives the connectors. */
    readonly workspace: WorkspaceLink;
    /** The StackSet's name. */
    readonly stackSetName: string;
    /** The organisational units (or the root) whose accounts are connected, now and when they join. */
    readonly organizationalUnitIds: string[];
    /** The management account: service-managed StackSets never deploy into it. */
    readonly managementAccountId: string;
    /** Where the provider signs in: management (the management account) or delegatedAdmin (a delegated administrator). Default management. */
    readonly deployAs?: DeployAs;
    /** The region of the stack instances. */
    readonly region: string;
    /** The name of the role in every account. */
    readonly roleName: string;
    /** What the roles may do: readOnly (AWS's CloudTrail read-only policy) or lookupEventsOnly. Default readOnly. */
    readonly rolePermissions?: RolePermissions;
    /** Accounts of those OUs not to connect: no connector, and no role (each instance whose OU holds one filters it out). */
    readonly excludeAccountIds?: string[];
    /** Connect the management account too, with a role created directly on the same provider. Default false. */
    readonly connectManagementAccount?: boolean;
    /** Accounts connected elsewhere (by their account ID, the name to show for it): refused here, never connected twice. */
    readonly connectedElsewhere?: Record<string, string>;
    /** The AWS account Sentinel assumes roles from. Default Microsoft's. */
    readonly microsoftAccountId?: string;
    /** Seconds to wait for IAM to propagate after each OU's roles. Default 30. */
    readonly iamPropagationSeconds?: number;
    /** Percentage of accounts a StackSet operation deploys to at once. Default 25. */
    readonly maxConcurrentPercentage?: number;
    /** Percentage of accounts a StackSet operation may fail in before it stops. Default 10. */
    readonly failureTolerancePercentage?: number;
    /**
     * How a stack instance operation runs: SOFT_FAILURE_TOLERANCE deploys to maxConcurrentPercentage of the OU at once;
     * STRICT_FAILURE_TOLERANCE (AWS's default) to at most failureTolerancePercentage + 1 account. Default SOFT_FAILURE_TOLERANCE.
     */
    readonly concurrencyMode?: ConcurrencyMode;
    /** Tags of the StackSet and the roles. */
    readonly tags?: Record<string, string>;
}

/** One connected account of the organisation. */
export interface OrganizationAccount {
    /** The OU whose stack instance gave it its role, or `management`. */
    readonly organizationalUnitId: string;
    /** The role Sentinel assumes there. */
    readonly roleArn: string;
    /** Its data connector's ID. */
    readonly connectorId: string;
}

/** Stack instances and their waits may take long: thousands of accounts roll out in waves. */
const INSTANCE_TIMEOUTS = { create: "120m", update: "120m", delete: "120m" };

/**
 * What the engine never changes on an instance that exists, as the provider cannot change it
 * safely (sources: docs/stacksets.md, "Replacement safety"):
 * - the account filter is ForceNew in terraform-provider-aws (`stack_set_instance.go`): a new
 *   excluded account would replace the instance, and its delete runs DeleteStackInstances on
 *   the whole OU, taking the role from every account there; an exclusion added later is
 *   applied by hand, with the command the doc gives;
 * - the operation preferences: an update sends the OU ID as an account ID and fails
 *   (terraform-provider-aws issues 39393, 40675, 45510), so a new preference applies to new instances.
 */
const INSTANCE_IGNORED_CHANGES = ["deploymentTargets.accountFilterType", "deploymentTargets.accounts", "operationPreferences"];

/** The role the StackSet creates in a member account: its name is the same in every account. */
const memberRoleArn = (accountId: string, roleName: string) => `arn:aws:iam::${accountId}:role/${roleName}`;

export class OrganizationConnection extends pulumi.ComponentResource {
    /** The type token the engine (and the component package) knows it by. */
    static readonly TYPE = "sentinel-aws:index:OrganizationConnection";
    /** The StackSet that puts the role in every member account. */
    readonly stackSetName: pulumi.Output<string>;
    /** Per connected account ID: its OU (or `management`), role ARN and connector ID. */
    readonly accounts: pulumi.Output<Record<string, OrganizationAccount>>;

    constructor(name: string, args: OrganizationConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super(OrganizationConnection.TYPE, name, {}, opts);
        const { workspace } = args;
        const roleName = args.roleName;
        const role = {
            trustedAccountId: args.microsoftAccountId ?? MICROSOFT_SENTINEL_AWS_ACCOUNT_ID,
            permissions: args.rolePermissions ?? RolePermissions.readOnly,
            tags: args.tags ?? {},
            propagationSeconds: args.iamPropagationSeconds ?? IAM_PROPAGATION_SECONDS.default,
        };
        const callAs = args.deployAs === "delegatedAdmin" ? "DELEGATED_ADMIN" : "SELF";
        const preferences = {
            maxConcurrentPercentage: args.maxConcurrentPercentage ?? STACKSET_DEFAULTS.maxConcurrentPercentage,
            failureTolerancePercentage: args.failureTolerancePercentage ?? STACKSET_DEFAULTS.failureTolerancePercentage,
        };
        const concurrencyMode = args.concurrencyMode ?? STACKSET_DEFAULTS.concurrencyMode;
        const excludeAccountIds = args.excludeAccountIds ?? [];

        // What Organizations lists under each OU, nested OUs included: it says which excluded
        // accounts each instance filters out, and which members get a connector.
        const descendants = Promise.all(
            args.organizationalUnitIds.map(async (ou) => ({
                organizationalUnitId: ou,
                accounts: (await organizations.getOrganizationalUnitDescendantAccounts({ parentId: ou }, { parent: this })).accounts,
            })),
        );

        const stackSet = new cloudformation.StackSet(
            `${name}-roles`,
            {
                name: args.stackSetName,
                description:
                    "The role Microsoft Sentinel's CloudTrail connector assumes, in every account of the organisation's OUs. Managed by Pulumi (sentinel-aws).",
                permissionModel: "SERVICE_MANAGED",
                callAs,
                // Set at creation: changing it later replaces the StackSet (terraform-provider-aws).
                autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
                capabilities: ["CAPABILITY_NAMED_IAM"],
                // CloudFormation queues operations instead of refusing them while one runs.
                managedExecution: { active: true },
                templateBody: templateBody(
                    sentinelRoleTemplate({
                        roleName,
                        microsoftAccountId: role.trustedAccountId,
                        permissions: role.permissions,
                        tags: role.tags,
                    }),
                ),
                // A parameter, not an override: accounts that join later get the StackSet's values.
                parameters: { [STACKSET_WORKSPACE_PARAMETER]: workspace.workspaceId },
                // Used when the template or the workspace ID changes (UpdateStackSet); creation uses the instances' own.
                // No concurrencyMode: @pulumi/aws 7.48 has none on the StackSet (terraform-provider-aws issue 41357),
                // so such an update runs STRICT_FAILURE_TOLERANCE (docs/stacksets.md).
                operationPreferences: preferences,
                tags: role.tags,
            },
            { parent: this },
        );

        // One instance per OU: the OUs are ForceNew on an instance (terraform-provider-aws), so one
        // instance for all of them would be replaced, its roles deleted everywhere, when an OU is
        // added or removed. None waits for another: with managed execution CloudFormation queues
        // what conflicts and runs the rest (API reference, ManagedExecution), and an OU that
        // fails no longer holds back the OUs after it (docs/stacksets.md, "Order of instances").
        const instances = new Map<string, cloudformation.StackSetInstance>();
        for (const ou of args.organizationalUnitIds) {
            const deploymentTargets = descendants.then((all) =>
                deploymentTargetsOf(ou, all.find((d) => d.organizationalUnitId === ou)!.accounts, {
                    excludeAccountIds,
                    managementAccountId: args.managementAccountId,
                }),
            );
            const instance = new cloudformation.StackSetInstance(
                `${name}-${ou}`,
                {
                    stackSetName: stackSet.name,
                    deploymentTargets,
                    stackSetInstanceRegion: args.region,
                    callAs,
                    operationPreferences: { ...preferences, concurrencyMode },
                },
                { parent: this, customTimeouts: INSTANCE_TIMEOUTS, ignoreChanges: INSTANCE_IGNORED_CHANGES },
            );
            instances.set(ou, instance);
        }

        // A role may be assumable a little after its stack instance reports success.
        // One Output per OU that resolves once its roles can be assumed; each member's role ARN
        // is made from it, so the SDK records that OU's instance as where the ARN comes from.
        const ready = new Map(
            [...instances].map(([ou, instance]) => {
                const wait = propagationWait(
                    `${name}-${ou}`,
                    { after: instance, triggers: { instanceId: instance.id }, seconds: role.propagationSeconds },
                    this,
                );
                return [ou, pulumi.all([instance.id, wait.id])];
            }),
        );
        const roleArnOf = (member: Member) => ready.get(member.organizationalUnitId)!.apply(() => memberRoleArn(member.accountId, roleName));

        const members = descendants.then((all) =>
            membersOf(all, {
                managementAccountId: args.managementAccountId,
                excludeAccountIds,
                listed: new Map(Object.entries(args.connectedElsewhere ?? {})),
            }),
        );

        // The output is plain values, known from the account list: thousands of members must
        // not cost thousands more Outputs (see docs/performance.md).
        const connected = members.then((list) => {
            const accounts: Record<string, pulumi.Input<OrganizationAccount>> = {};
            for (const member of list) {
                const connectorId = organizationConnectorId(member.accountId);
                cloudTrailConnector(`${name}-${member.accountId}`, { connectorId, workspace, roleArn: roleArnOf(member) }, { parent: this });
                accounts[member.accountId] = {
                    organizationalUnitId: member.organizationalUnitId,
                    roleArn: memberRoleArn(member.accountId, roleName),
                    connectorId,
                };
            }
            if (args.connectManagementAccount)
                accounts[args.managementAccountId] = this.connectManagementAccount(name, { ...role, roleName }, workspace, args.managementAccountId);
            return accounts;
        });

        this.stackSetName = stackSet.name;
        this.accounts = pulumi.output(connected);
        this.registerOutputs({ stackSetName: this.stackSetName, accounts: this.accounts });
    }

    /** The management account gets no stack instance: its role is created here, on the same provider. */
    private connectManagementAccount(
        name: string,
        role: Omit<CloudTrailReaderRoleArgs, "workspaceId">,
        workspace: WorkspaceLink,
        accountId: string,
    ): pulumi.Output<OrganizationAccount> {
        const created = new CloudTrailReaderRole(`${name}-management-sentinel-role`, { ...role, workspaceId: workspace.workspaceId }, { parent: this });
        const connectorId = organizationConnectorId(accountId);
        const connector = cloudTrailConnector(`${name}-${accountId}`, { connectorId, workspace, roleArn: created.arn }, { parent: this });
        return pulumi.output({ organizationalUnitId: "management", roleArn: created.arn, connectorId: connector.name });
    }
}
