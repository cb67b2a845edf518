// IAM policy documents as plain typed values, kept apart from the resources that use them
// so that they can be built and checked without any engine.

/** A CloudFormation parameter reference, resolved to a string when a stack is created. */
export interface CfnRef {
    readonly Ref: string;
}

/** Condition values are strings, or (`V`) references in a CloudFormation template. */
export type ConditionBlock<V = string> = Readonly<Record<string, Readonly<Record<string, V | readonly V[]>>>>;

export interface PolicyStatement<V = string> {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal?: "*" | Readonly<Record<string, string | readonly string[]>>;
    readonly Action: string | readonly string[];
    readonly Resource?: string | readonly string[];
    readonly Condition?: ConditionBlock<V>;
}

export interface PolicyDocument<V = string> {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement<V>[];
}

/** A policy document of `statements`, in the only policy language version there is. */
export function policyDocument<V = string>(...statements: readonly PolicyStatement<V>[]): PolicyDocument<V> {
    return { Version: "2012-10-17", Statement: statements };
}
