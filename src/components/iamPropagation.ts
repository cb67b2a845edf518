// IAM is eventually consistent, and Sentinel assumes a role as soon as its connector is
// created: the role's ARN is handed on only after its permissions exist and a wait.
import * as pulumi from "@pulumi/pulumi";
import type * as iam from "@pulumi/aws/iam";
import * as time from "@pulumiverse/time";

export interface PropagationWaitArgs {
    /** What creates the roles or their permissions. */
    readonly after: pulumi.Resource;
    /** What identifies it: the wait is re-created (and waited on again) only when one of these changes. */
    readonly triggers: Readonly<Record<string, pulumi.Input<string>>>;
    readonly seconds: number;
}

/** A wait of `seconds` once `after` exists, named `<name>-iam-propagation`. */
export function propagationWait(name: string, args: PropagationWaitArgs, parent: pulumi.Resource): time.Sleep {
    return new time.Sleep(`${name}-iam-propagation`, { createDuration: `${args.seconds}s`, triggers: args.triggers }, { parent, dependsOn: [args.after] });
}

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
    const propagated = propagationWait(
        name,
        { after: args.grant, triggers: { roleUniqueId: args.role.uniqueId, ...args.trigger }, seconds: args.seconds },
        parent,
    );
    return pulumi.all([args.role.arn, args.grant.id, propagated.id]).apply(([arn]) => arn);
}
