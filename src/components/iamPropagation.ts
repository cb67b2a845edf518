// IAM is eventually consistent, and Sentinel assumes a role as soon as its connector is
// created: the role's ARN is handed on only after its permissions exist and a wait.
import * as pulumi from "@pulumi/pulumi";
import type * as iam from "@pulumi/aws/iam";
import * as time from "@pulumiverse/time";

export interface IamPropagationArgs {
    readonly role: iam.Role;
    /** What gives the role its permissions. */
    readonly grant: pulumi.CustomResource;
    /** What identifies the grant: the wait is re-created (and waited on again) only when it or the role is replaced. */
    readonly trigger: Readonly<Record<string, pulumi.Input<string>>>;
    readonly seconds: number;
}

/** The role's ARN, resolved once the grant exists and IAM has had `seconds` to propagate. */
export function arnAfterPropagation(name: string, args: IamPropagationArgs, parent: pulumi.Resource): pulumi.Output<string> {
    const propagated = new time.Sleep(
        `${name}-iam-propagation`,
        { createDuration: `${args.seconds}s`, triggers: { roleUniqueId: args.role.uniqueId, ...args.trigger } },
        { parent, dependsOn: [args.grant] },
    );
    return pulumi.all([args.role.arn, args.grant.id, propagated.id]).apply(([arn]) => arn);
}
