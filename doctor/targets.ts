// What to check in each account: what the stack outputs say was deployed, and how to sign
// in there, as the stack config says (the same way `pulumi up` does).
import type { AdoptConfig, DeploymentCredentials, StackConfig } from "../src";
import { CLOUDTRAIL_READ_ONLY_POLICY_ARN, LOOKUP_EVENTS_POLICY_NAME, RolePermissions, S3LogType, SENTINEL_OIDC } from "../src/facts";
import type { CloudWatchFunction } from "./cloudWatchFunction";
import { QUEUE_URL, StackOutputs } from "./outputs";

export type SignIn =
    /** The account's own sign-in from the stack config (or the ambient credentials, for an entry the config no longer lists). */
    | { readonly kind: "stack"; readonly credentials: DeploymentCredentials; readonly inConfig: boolean }
    /** An organisation member: through the organisation's sign-in, then `--member-role` in the member. */
    | { readonly kind: "member"; readonly organization: DeploymentCredentials; readonly roleArn: string }
    /** No way in: the AWS side is reported as not checked. */
    | { readonly kind: "none"; readonly reason: string; readonly fix: string };

export interface S3Log {
    readonly logType: S3LogType;
    readonly queueUrl: string;
    readonly connectorId: string;
}

interface Common {
    /** The label in the outputs, or `organization`. */
    readonly label: string;
    readonly accountId: string;
    /** The role Sentinel assumes. */
    readonly roleArn: string;
    /** Where STS and IAM are called (IAM is global; the region picks the partition's endpoint). */
    readonly region: string;
    readonly signIn: SignIn;
}

/** A policy the role must carry: a managed policy's ARN, or an inline policy's name. */
export type RolePolicy = { readonly managed: string } | { readonly inline: string };

export type Target =
    | (Common & {
          readonly connector: "cloudTrailApi";
          readonly connectorId: string;
          /** What the role must carry, as the stack config says; undefined when the config does not list the account. */
          readonly policy?: RolePolicy;
      })
    | (Common & {
          readonly connector: "s3";
          readonly oidcProviderArn: string;
          /** The token audience Sentinel presents in the stack's Azure cloud. */
          readonly audience: string;
          readonly logs: readonly S3Log[];
          /** The CloudWatch Logs function, when the account collects cloudWatch. */
          readonly cloudWatchFunction?: CloudWatchFunction;
      });

/** The CloudTrail API connector role's policy: an adopted role keeps the one it was made with until tightened. */
function cloudTrailPolicy(permissions: RolePermissions, adopt?: AdoptConfig): RolePolicy {
    if (adopt !== undefined && !adopt.tighten) return { managed: adopt.policyArn };
    return permissions === "lookupEventsOnly" ? { inline: LOOKUP_EVENTS_POLICY_NAME } : { managed: CLOUDTRAIL_READ_ONLY_POLICY_ARN };
}

/** A region of the role's partition, for an account the config does not name. */
const partitionRegion = (arn: string) => (arn.startsWith("arn:aws-us-gov:") ? "us-gov-west-1" : "us-east-1");

function listedTargets(outputs: StackOutputs, config: StackConfig): Target[] {
    return Object.entries(outputs.awsAccounts).map(([label, account]): Target => {
        const entry = config.awsAccounts.find((a) => a.name === label && a.accountId === account.accountId && a.connector === account.connector);
        const signIn: SignIn = { kind: "stack", credentials: entry?.credentials ?? { kind: "ambient" }, inConfig: entry !== undefined };
        const common = { label, accountId: account.accountId, roleArn: account.roleArn, signIn };
        if (account.connector === "cloudTrailApi") {
            const policy = entry?.connector === "cloudTrailApi" ? cloudTrailPolicy(entry.rolePermissions, entry.adopt) : undefined;
            return {
                ...common,
                connector: "cloudTrailApi",
                region: entry?.region ?? partitionRegion(account.roleArn),
                connectorId: account.connectorId,
                policy,
            };
        }
        const logs = Object.entries(account.queueUrls).map(([logType, queueUrl]) => ({
            logType: logType as S3LogType,
            queueUrl,
            connectorId: account.connectorIds[logType as S3LogType]!,
        }));
        // The queues live in the account's region: the outputs say where, if the config no longer does.
        const region = entry?.region ?? logs[0]?.queueUrl.match(QUEUE_URL)![1] ?? partitionRegion(account.roleArn);
        return {
            ...common,
            connector: "s3",
            region,
            oidcProviderArn: account.oidcProviderArn,
            audience: SENTINEL_OIDC[config.azureCloud].audience,
            logs,
            ...(account.cloudWatchFunction ? { cloudWatchFunction: account.cloudWatchFunction } : {}),
        };
    });
}

function organizationTargets(outputs: StackOutputs, config: StackConfig, memberRole: string | undefined): Target[] {
    const org = config.organization;
    return Object.entries(outputs.organization?.accounts ?? {}).map(([accountId, member]): Target => {
        const partition = member.roleArn.split(":")[1];
        let signIn: SignIn;
        if (org === undefined) {
            signIn = {
                kind: "none",
                reason: "the stack config has no sentinel-aws:organization, so there is no way in",
                fix: "check the outputs against the stack's current config (pulumi up may be due)",
            };
        } else if (accountId === org.accountId) {
            // The management account's own role (connectManagementAccount) is where the organisation signs in.
            signIn = { kind: "stack", credentials: org.credentials, inConfig: true };
        } else if (memberRole !== undefined) {
            signIn = { kind: "member", organization: org.credentials, roleArn: `arn:${partition}:iam::${accountId}:role/${memberRole}` };
        } else {
            signIn = {
                kind: "none",
                reason: "an organisation member: its role is checked only with --member-role",
                fix: "pass --member-role NAME: a role in every member that the organisation's sign-in may assume (e.g. OrganizationAccountAccessRole)",
            };
        }
        return {
            label: "organization",
            accountId,
            roleArn: member.roleArn,
            region: org?.region ?? partitionRegion(member.roleArn),
            signIn,
            connector: "cloudTrailApi",
            connectorId: member.connectorId,
            policy: org && cloudTrailPolicy(org.rolePermissions),
        };
    });
}

/** Every account the outputs name: the listed ones in their order, then the organisation's by account ID. */
export function targetsOf(outputs: StackOutputs, config: StackConfig, memberRole: string | undefined): Target[] {
    return [...listedTargets(outputs, config), ...organizationTargets(outputs, config, memberRole).sort((a, b) => a.accountId.localeCompare(b.accountId))];
}
