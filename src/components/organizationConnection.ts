// Every account of an AWS Organization's OUs connected to Sentinel with one AWS provider:
// a service-managed CloudFormation StackSet puts the role in each member account (and in
// accounts that join later), one stack instance per OU; the accounts are read from
// Organizations at deploy time, and each gets its CloudTrail connector.
import * as pulumi from "@pulumi/pulumi";
import * as cloudformation from "@pulumi/aws/cloudformation";
import * as organizations from "@pulumi/aws/organizations";
import { DeployAs, IAM_PROPAGATION_SECONDS, MICROSOFT_SENTINEL_AWS_ACCOUNT_ID, RolePermissions, STACKSET_DEFAULTS } from "../constants";
import { organizationConnectorId } from "../naming";
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
    /** Accounts of those OUs not to connect. */
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
                operationPreferences: preferences,
                tags: role.tags,
            },
            { parent: this },
        );

        // One instance per OU, so that adding or removing an OU never replaces another's;
        // each after the one before, as CloudFormation runs one operation per StackSet at a time.
        const instances = new Map<string, cloudformation.StackSetInstance>();
        let previous: cloudformation.StackSetInstance | undefined;
        for (const ou of args.organizationalUnitIds) {
            previous = new cloudformation.StackSetInstance(
                `${name}-${ou}`,
                {
                    stackSetName: stackSet.name,
                    deploymentTargets: { organizationalUnitIds: [ou] },
                    stackSetInstanceRegion: args.region,
                    callAs,
                    operationPreferences: preferences,
                },
                { parent: this, dependsOn: previous ? [previous] : [], customTimeouts: INSTANCE_TIMEOUTS },
            );
            instances.set(ou, previous);
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

        const members = Promise.all(
            args.organizationalUnitIds.map(async (ou) => ({
                organizationalUnitId: ou,
                accounts: (await organizations.getOrganizationalUnitDescendantAccounts({ parentId: ou }, { parent: this })).accounts,
            })),
        ).then((descendants) =>
            membersOf(descendants, {
                managementAccountId: args.managementAccountId,
                excludeAccountIds: args.excludeAccountIds ?? [],
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
