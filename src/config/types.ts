// The typed, validated config every part of the program takes. Nothing past the edge
// reads `pulumi.Config`.
import type { RolePermissions } from "../constants";

export type Tags = Readonly<Record<string, string>>;

export interface WorkspaceConfig {
    readonly name: string;
    readonly resourceGroupName: string;
    /** Set when this program creates the workspace; undefined for an existing one. */
    readonly retentionInDays?: number;
    readonly existing: boolean;
    readonly onboard: boolean;
    readonly protect: boolean;
}

export type DeploymentCredentials =
    | { readonly kind: "assumeRole"; readonly roleArn: string }
    | { readonly kind: "profile"; readonly profile: string }
    | { readonly kind: "ambient" };

export interface AwsAccountConfig {
    /** Unique label, part of every resource name of this account. */
    readonly name: string;
    readonly accountId: string;
    readonly region: string;
    readonly credentials: DeploymentCredentials;
    /** The role Sentinel assumes, resolved from config or the default. */
    readonly roleName: string;
    /** What the role may do: the account's own setting, else the stack-wide one. */
    readonly rolePermissions: RolePermissions;
    /** Stack-wide tags merged with this account's. */
    readonly tags: Tags;
}

export interface StackConfig {
    readonly stack: string;
    /** Azure region of a created resource group and workspace. */
    readonly location?: string;
    readonly workspace: WorkspaceConfig;
    readonly awsAccounts: readonly AwsAccountConfig[];
    readonly tags: Tags;
    readonly microsoftAccountId: string;
    readonly iamPropagationSeconds: number;
}
