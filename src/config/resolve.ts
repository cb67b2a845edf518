// The config as the program takes it: the schema's output, checked across fields and with
// every default resolved (role names from the stack, stack-wide settings merged into each
// account). Its types (./types.ts) are inferred from here; none is kept by hand.
import type { z } from "zod";
import { RETENTION_DAYS } from "../constants";
import { defaultRoleName } from "../naming";
import { crossCheck, LOCATION_KEY, RawAccount, RawOrganization, roleNameOf, entryS3Settings, SUBSCRIPTION_KEY } from "./crossChecks";
import { partitionOf } from "./rules";
import { RawStackConfig, stackConfigSchema } from "./schema";
import { tagObject } from "./tagObject";

/** How the deployment signs in to an account: a role to assume, a named profile, or the ambient credentials. */
function credentialsOf(a: { assumeRoleArn?: string; profile?: string }) {
    if (a.assumeRoleArn) return { kind: "assumeRole" as const, roleArn: a.assumeRoleArn };
    if (a.profile) return { kind: "profile" as const, profile: a.profile };
    return { kind: "ambient" as const };
}

/** An adopted role's tags as resources take them; none when the entry names none. */
function adoptOf({ tags, ...adopt }: NonNullable<RawAccount["adopt"]>) {
    return { ...adopt, ...(tags && { tags: tagObject(tags) }) };
}

function accountOf(a: RawAccount, cfg: RawStackConfig, stack: string) {
    const common = {
        /** Unique label, part of every resource name of this account. */
        name: a.name,
        accountId: a.accountId,
        region: a.region,
        /** `aws` or `aws-us-gov`, from the region: every ARN this program writes uses it. */
        partition: partitionOf(a.region),
        credentials: credentialsOf(a),
        /** Stack-wide tags merged with this account's. */
        tags: tagObject(cfg.tags, a.tags),
    };
    if (a.connector === "s3") {
        return {
            ...common,
            connector: a.connector,
            /** The OIDC role Sentinel assumes: the entry's name, or the default for the stack. */
            roleName: roleNameOf(a, stack),
            /** What the S3 connector collects, and how. */
            s3: entryS3Settings(a),
        };
    }
    return {
        ...common,
        connector: a.connector,
        /** The role Sentinel assumes: the adopted one's, the entry's, or the default for the stack. */
        roleName: a.adopt?.roleName ?? roleNameOf(a, stack),
        /** What the role may do: the account's own setting, else the stack-wide one. */
        rolePermissions: a.rolePermissions ?? cfg.rolePermissions,
        /** The role and connector made by hand that this entry takes over. */
        adopt: a.adopt && adoptOf(a.adopt),
    };
}

function organizationOf(o: RawOrganization, cfg: RawStackConfig, stack: string) {
    return {
        /** Where the program signs in and the StackSet lives: the management account or the delegated administrator. */
        accountId: o.accountId,
        /** The management account: service-managed StackSets never deploy into it. */
        managementAccountId: o.managementAccountId ?? o.accountId,
        region: o.region,
        deployAs: o.deployAs,
        credentials: credentialsOf(o),
        organizationalUnitIds: o.organizationalUnitIds,
        excludeAccountIds: o.excludeAccountIds ?? [],
        /** Create the role in the management account directly, on the organisation's provider, and connect it. */
        connectManagementAccount: o.connectManagementAccount,
        roleName: o.roleName ?? defaultRoleName(stack),
        rolePermissions: o.rolePermissions ?? cfg.rolePermissions,
        /** Stack-wide tags merged with the organisation's. */
        tags: tagObject(cfg.tags, o.tags),
        maxConcurrentPercentage: o.maxConcurrentPercentage,
        failureTolerancePercentage: o.failureTolerancePercentage,
        /** How each StackSet operation runs: at the configured concurrency (soft), or held to the failure tolerance + 1 (strict). */
        concurrencyMode: o.concurrencyMode,
    };
}

function resolve(cfg: RawStackConfig, stack: string) {
    const { retentionInDays, ...workspace } = cfg.workspace;
    return {
        stack,
        /** Azure region of a created resource group and workspace. */
        location: cfg[LOCATION_KEY],
        /** A created workspace's retention is resolved; an existing workspace has none, as it is never changed. */
        workspace: { ...workspace, retentionInDays: workspace.existing ? undefined : (retentionInDays ?? RETENTION_DAYS.default) },
        /** Listed accounts; empty when only an organisation is connected. */
        awsAccounts: (cfg.awsAccounts ?? []).map((a) => accountOf(a, cfg, stack)),
        organization: cfg.organization && organizationOf(cfg.organization, cfg, stack),
        /** The Content Hub solution and its rules; the solution is installed by default only into a workspace this stack creates. */
        content: cfg.content && { ...cfg.content, solution: cfg.content.solution ?? !workspace.existing },
        tags: tagObject(cfg.tags),
        microsoftAccountId: cfg.microsoftAccountId,
        /** The Azure cloud of the workspace: it selects Sentinel's OIDC issuer and audience. */
        azureCloud: cfg.azureCloud,
        iamPropagationSeconds: cfg.iamPropagationSeconds,
        /** The Azure subscription, from `azure-native:subscriptionId`: set when anything on Azure is adopted. */
        subscriptionId: cfg[SUBSCRIPTION_KEY],
        /** Tags that policies outside this program set: their changes are ignored on every resource. */
        ignoreTagChanges: cfg.ignoreTagChanges,
        /** Leave the workspace and the log buckets (and keys) in the clouds when Pulumi deletes them. */
        retainOnDelete: cfg.retainOnDelete,
    };
}

/** The stack's whole config schema for `stack`: each field, then the rules across them, then the resolved value. */
export const resolvedStackConfigSchema = (stack: string) =>
    stackConfigSchema
        .superRefine((cfg, ctx) => {
            for (const p of crossCheck(cfg, stack)) ctx.addIssue({ code: "custom", path: [...p.path], message: p.message, input: p.value });
        })
        .transform((cfg) => resolve(cfg, stack));

export type StackConfig = z.output<ReturnType<typeof resolvedStackConfigSchema>>;
