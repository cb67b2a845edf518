// Reading IAM policy documents the way AWS does, as far as the rules need: statements as a
// list, actions matched with IAM wildcards, principals reduced to their AWS accounts.
// Pure functions, so that the rules can be checked without any engine.

/**
 * A value a document leaves to be filled in when it is deployed: a CloudFormation parameter
 * not known yet, an attribute of another resource. `text` shows it (`{"Ref":"WorkspaceId"}`);
 * `literal` says what is known of it: whatever it becomes is a non-empty string without
 * wildcards (`*`, `?`) or whitespace. Anything else about it is unknown, so the readers below
 * assume the worst of it: it may grant any action, and, unless literal, be a wildcard.
 */
export class Placeholder {
    constructor(
        readonly text: string,
        readonly literal: boolean,
    ) {}

    toString(): string {
        return this.text;
    }
}

export interface Statement {
    readonly Sid?: string;
    readonly Effect?: unknown;
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
    if (typeof doc !== "object" || doc === null || doc instanceof Placeholder || !("Statement" in doc)) return undefined;
    const statements = asList((doc as { Statement: unknown }).Statement);
    // A statement left to be filled in could say anything: the document cannot be read.
    if (statements.some((s) => s instanceof Placeholder)) return undefined;
    return statements.filter((s): s is Statement => typeof s === "object" && s !== null);
}

/** Whether a statement allows (a placeholder Effect might). */
export const isAllow = (statement: Statement): boolean => statement.Effect === "Allow" || statement.Effect instanceof Placeholder;

/** A single literal, non-empty value without wildcards: what StringEquals matches exactly. */
export function isLiteral(value: unknown): boolean {
    if (value instanceof Placeholder) return value.literal;
    return typeof value === "string" && value.trim() !== "" && !/[*?]/.test(value);
}

/** IAM action matching: case-insensitive, `*` any run of characters, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
    const regex = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${regex}$`, "i").test(action);
}

/** Whether an Allow statement grants `action` (through Action, or through NotAction that does not exclude it; a placeholder action might be it). */
export function allows(statement: Statement, action: string): boolean {
    if (!isAllow(statement)) return false;
    if (statement.NotAction !== undefined) return !asList(statement.NotAction).some((p) => typeof p === "string" && actionMatches(p, action));
    return asList(statement.Action).some((p) => p instanceof Placeholder || (typeof p === "string" && actionMatches(p, action)));
}

export interface Principal {
    readonly kind: string;
    readonly value: string;
    /** Whether it is a wildcard, or a placeholder that could become one. */
    readonly wildcard: boolean;
}

const principal = (kind: string, value: unknown): Principal => ({
    kind,
    value: String(value),
    wildcard: value instanceof Placeholder ? !value.literal : String(value).includes("*"),
});

/** Every principal value of a statement (`"*"` for a bare wildcard), by kind. */
export function principalsOf(statement: Statement): Principal[] {
    const value = statement.Principal;
    if (value === "*") return [principal("*", "*")];
    // A whole principal left to be filled in: read as the strictest kind, another AWS account's.
    if (value instanceof Placeholder) return [principal("AWS", value)];
    if (typeof value !== "object" || value === null) return [];
    return Object.entries(value).flatMap(([kind, values]) => asList(values).map((v) => principal(kind, v)));
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
