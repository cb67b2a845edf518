// Reading IAM policy documents the way AWS does, as far as the rules need: statements as a
// list, actions matched with IAM wildcards, principals reduced to their AWS accounts.
// Pure functions, so that the rules can be checked without any engine.

export interface Statement {
    readonly Sid?: string;
    readonly Effect?: string;
    readonly Principal?: unknown;
    readonly NotPrincipal?: unknown;
    readonly Action?: unknown;
    readonly NotAction?: unknown;
    readonly Resource?: unknown;
    readonly NotResource?: unknown;
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** A single value or a list, as IAM allows for most elements, as a list. */
export const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/**
 * The statements of a policy given as JSON text (how Pulumi's AWS provider takes it) or as
 * an object; undefined when it is neither, so that a rule can say so instead of passing.
 */
export function statementsOf(policy: unknown): Statement[] | undefined {
    let doc = policy;
    if (typeof policy === "string") {
        try {
            doc = JSON.parse(policy);
        } catch {
            return undefined;
        }
    }
    if (typeof doc !== "object" || doc === null || !("Statement" in doc)) return undefined;
    return asList((doc as { Statement: unknown }).Statement).filter((s): s is Statement => typeof s === "object" && s !== null);
}

/** IAM action matching: case-insensitive, `*` any run of characters, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
    const regex = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${regex}$`, "i").test(action);
}

/** Whether an Allow statement grants `action` (through Action, or through NotAction that does not exclude it). */
export function allows(statement: Statement, action: string): boolean {
    if (statement.Effect !== "Allow") return false;
    if (statement.NotAction !== undefined) return !asList(statement.NotAction).some((p) => typeof p === "string" && actionMatches(p, action));
    return asList(statement.Action).some((p) => typeof p === "string" && actionMatches(p, action));
}

/** Every principal value of a statement (`"*"` for a bare wildcard), by kind. */
export function principalsOf(statement: Statement): { kind: string; value: string }[] {
    const principal = statement.Principal;
    if (principal === "*") return [{ kind: "*", value: "*" }];
    if (typeof principal !== "object" || principal === null) return [];
    return Object.entries(principal).flatMap(([kind, values]) => asList(values).map((value) => ({ kind, value: String(value) })));
}

/** The AWS account a principal (`123456789012` or an ARN in any partition) belongs to. */
export function accountOf(principal: string): string | undefined {
    if (/^\d{12}$/.test(principal)) return principal;
    return /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** Condition values for `key` under `operator`; condition keys are case-insensitive. */
export function conditionValues(statement: Statement, operator: string, key: string): unknown[] | undefined {
    const block = statement.Condition?.[operator];
    if (!block) return undefined;
    const found = Object.keys(block).find((k) => k.toLowerCase() === key.toLowerCase());
    return found === undefined ? undefined : asList(block[found]);
}
