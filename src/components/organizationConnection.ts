// Every account of an AWS Organization's OUs connected to Sentinel with one AWS provider:
// a service-managed CloudFormation StackSet puts the role in each member account (and in
// accounts that join later), one stack instance per OU; the accounts are read from
// Organizations at deploy time, and each gets its CloudTrail connector.
import * as pulumi from "@pulumi/pulumi";
import * as cloudformation from "@pulumi/aws/cloudformation";
import * as organizations from "@pulumi/aws/organizations";
import type { OrganizationConfig } from "../config/types";
import { organizationConnectorId, stackSetName } from "../naming";
import { membersOf, Member } from "../organization/members";
import { sentinelRoleTemplate, STACKSET_WORKSPACE_PARAMETER, templateBody } from "../policies/stackSetTemplate";
import { awsAccountProvider } from "./awsAccountProvider";
import { cloudTrailConnector } from "./cloudTrailConnector";
import { CloudTrailReaderRole } from "./cloudTrailReaderRole";
import { propagationWait } from "./iamPropagation";
import type { SentinelWorkspace } from "./sentinelWorkspace";

export interface OrganizationConnectionArgs {
    readonly organization: OrganizationConfig;
    readonly stack: string;
    /** The workspace whose ID becomes every role's external ID (a StackSet parameter) and which receives the connectors. */
    readonly workspace: SentinelWorkspace;
    readonly microsoftAccountId: string;
    readonly iamPropagationSeconds: number;
    /** Accounts `awsAccounts` connects with the CloudTrail API connector, by key path: never connected twice. */
    readonly listed: ReadonlyMap<string, string>;
}

export interface OrganizationAccount {
    readonly organizationalUnitId: string;
    readonly roleArn: string;
    readonly connectorId: string;
}

/** Stack instances and their waits may take long: thousands of accounts roll out in waves. */
const INSTANCE_TIMEOUTS = { create: "120m", update: "120m", delete: "120m" };

/** The role the StackSet creates in a member account: its name is the same in every account. */
const memberRoleArn = (accountId: string, roleName: string) => `arn:aws:iam::${accountId}:role/${roleName}`;

export class OrganizationConnection extends pulumi.ComponentResource {
    readonly stackSetName: pulumi.Output<string>;
    /** Per connected account ID: its OU (or `management`), role ARN and connector ID. */
    readonly accounts: pulumi.Output<Record<string, OrganizationAccount>>;

    constructor(name: string, args: OrganizationConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("sentinel-aws:index:OrganizationConnection", name, {}, opts);
        const { organization: org, workspace } = args;
        const provider = awsAccountProvider(`${name}-aws`, org, { parent: this });
        const inAccount = { parent: this, provider };
        const callAs = org.deployAs === "delegatedAdmin" ? "DELEGATED_ADMIN" : "SELF";
        const preferences = { maxConcurrentPercentage: org.maxConcurrentPercentage, failureTolerancePercentage: org.failureTolerancePercentage };

        const stackSet = new cloudformation.StackSet(
            `${name}-roles`,
            {
                name: stackSetName(args.stack),
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
                        roleName: org.roleName,
                        microsoftAccountId: args.microsoftAccountId,
                        permissions: org.rolePermissions,
                        tags: org.tags,
                    }),
                ),
                // A parameter, not an override: accounts that join later get the StackSet's values.
                parameters: { [STACKSET_WORKSPACE_PARAMETER]: workspace.workspaceId },
                // Used when the template or the workspace ID changes (UpdateStackSet); creation uses the instances' own.
                operationPreferences: preferences,
                tags: org.tags,
            },
            inAccount,
        );

        // One instance per OU, so that adding or removing an OU never replaces another's;
        // each after the one before, as CloudFormation runs one operation per StackSet at a time.
        const instances = new Map<string, cloudformation.StackSetInstance>();
        let previous: cloudformation.StackSetInstance | undefined;
        for (const ou of org.organizationalUnitIds) {
            previous = new cloudformation.StackSetInstance(
                `${name}-${ou}`,
                {
                    stackSetName: stackSet.name,
                    deploymentTargets: { organizationalUnitIds: [ou] },
                    stackSetInstanceRegion: org.region,
                    callAs,
                    operationPreferences: preferences,
                },
                { ...inAccount, dependsOn: previous ? [previous] : [], customTimeouts: INSTANCE_TIMEOUTS },
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
                    { after: instance, triggers: { instanceId: instance.id }, seconds: args.iamPropagationSeconds },
                    this,
                );
                return [ou, pulumi.all([instance.id, wait.id])];
            }),
        );
        const roleArnOf = (member: Member) => ready.get(member.organizationalUnitId)!.apply(() => memberRoleArn(member.accountId, org.roleName));

        const members = Promise.all(
            org.organizationalUnitIds.map(async (ou) => ({
                organizationalUnitId: ou,
                accounts: (await organizations.getOrganizationalUnitDescendantAccounts({ parentId: ou }, { parent: this, provider })).accounts,
            })),
        ).then((descendants) =>
            membersOf(descendants, { managementAccountId: org.managementAccountId, excludeAccountIds: org.excludeAccountIds, listed: args.listed }),
        );

        // The output is plain values, known from the account list: thousands of members must
        // not cost thousands more Outputs (see the README, Performance).
        const connected = members.then((list) => {
            const accounts: Record<string, pulumi.Input<OrganizationAccount>> = {};
            for (const member of list) {
                const connectorId = organizationConnectorId(member.accountId);
                cloudTrailConnector(`${name}-${member.accountId}`, { connectorId, workspace, roleArn: roleArnOf(member) }, { parent: this });
                accounts[member.accountId] = {
                    organizationalUnitId: member.organizationalUnitId,
                    roleArn: memberRoleArn(member.accountId, org.roleName),
                    connectorId,
                };
            }
            if (org.connectManagementAccount) accounts[org.managementAccountId] = this.connectManagementAccount(name, args, inAccount);
            return accounts;
        });

        this.stackSetName = stackSet.name;
        this.accounts = pulumi.output(connected);
        this.registerOutputs({ stackSetName: this.stackSetName, accounts: this.accounts });
    }

    /** The management account gets no stack instance: its role is created here, on the same provider. */
    private connectManagementAccount(
        name: string,
        args: OrganizationConnectionArgs,
        inAccount: pulumi.ComponentResourceOptions,
    ): pulumi.Output<OrganizationAccount> {
        const { organization: org, workspace } = args;
        const role = new CloudTrailReaderRole(
            `${name}-management-sentinel-role`,
            {
                roleName: org.roleName,
                trustedAccountId: args.microsoftAccountId,
                workspaceId: workspace.workspaceId,
                propagationSeconds: args.iamPropagationSeconds,
                permissions: org.rolePermissions,
                tags: org.tags,
            },
            inAccount,
        );
        const connector = cloudTrailConnector(
            `${name}-${org.managementAccountId}`,
            { connectorId: organizationConnectorId(org.managementAccountId), workspace, roleArn: role.arn },
            { parent: this },
        );
        return pulumi.output({ organizationalUnitId: "management", roleArn: role.arn, connectorId: connector.name });
    }
}
