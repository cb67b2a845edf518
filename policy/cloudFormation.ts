// The IAM roles a CloudFormation template creates (a StackSet's `templateBody`), read the way
// CloudFormation would create them in a member account, so that the rules can judge them as
// they judge `aws:iam/role:Role`. Pure functions, like iamDocument.ts.
//
// Intrinsic functions are resolved as far as the template and the StackSet's parameter
// values allow:
// - `{"Ref": parameter}` becomes the StackSet's value of it; when that is not given, the
//   parameter's Default (CloudFormation's choice too).
// - `${AWS::Partition}` becomes `aws`: the rules judge ARNs in every partition alike.
// - `${AWS::AccountId}` (and `{"Ref": "AWS::AccountId"}`) stays as the text MEMBER_ACCOUNT:
//   the member account the stack instance runs in, whichever it is. (A template string
//   outside Fn::Sub holding that text literally is no valid principal: IAM refuses it.)
// - `Fn::Sub` and `Fn::Join` become strings when every part does.
// Whatever else (a parameter not known yet, `Fn::GetAtt`, `Fn::If`, `Fn::ImportValue`...)
// becomes a Placeholder, never a string, so that it cannot pass for a literal; see
// `vouches` for when a parameter's placeholder counts as a literal, non-empty value.
import { asList, Placeholder } from "./iamDocument";

/** A value not known yet: in a preview, whatever the cloud assigns and whatever is made from it. */
export const UNKNOWN: unique symbol = Symbol("unknown");

/** How `${AWS::AccountId}` reads once resolved: the member account the role is created in. */
export const MEMBER_ACCOUNT = "${AWS::AccountId}";

/** Whether a principal is the member account itself: `${AWS::AccountId}`, or its root or any of its identities by ARN. */
export const isMemberAccount = (principal: string): boolean =>
    principal === MEMBER_ACCOUNT || /^arn:aws[a-z-]*:(?:iam|sts)::\$\{AWS::AccountId\}:/.test(principal);

export const CFN_TYPES = {
    role: "AWS::IAM::Role",
    /** Policies attached to roles of the template from outside the role. */
    policy: "AWS::IAM::Policy",
    rolePolicy: "AWS::IAM::RolePolicy",
    managedPolicy: "AWS::IAM::ManagedPolicy",
} as const;

/** A policy document given to a template role, and where it comes from (for messages). */
export interface TemplatePolicy {
    readonly via: string;
    /** The resolved document: an object, or a Placeholder. */
    readonly document: unknown;
}

/** An `AWS::IAM::Role` of a template, resolved. */
export interface TemplateRole {
    readonly logicalId: string;
    /** RoleName: a string when known; a Placeholder, or undefined when CloudFormation names the role itself. */
    readonly roleName: unknown;
    /** AssumeRolePolicyDocument, resolved: an object to read with statementsOf. */
    readonly trustPolicy: unknown;
    /** ManagedPolicyArns, resolved: strings, or Placeholders for ARNs not known. Managed policies of the template itself are in `policies`. */
    readonly managedPolicyArns: readonly unknown[];
    /** Inline Policies, and the template's AWS::IAM::Policy, RolePolicy and ManagedPolicy resources given to the role. */
    readonly policies: readonly TemplatePolicy[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** CloudFormation's pseudo parameters other than AWS::Partition, AWS::AccountId and AWS::NoValue: never empty, never wildcards. */
const PSEUDO_LITERALS = new Set(["AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"]);

/**
 * Whether CloudFormation lets a String parameter take only non-empty values without
 * wildcards (`*`, `?`) or whitespace, so that a reference to it counts as a literal even
 * when its value is not known (a first preview) or not given. The rule, decided here:
 * - `AllowedValues` all such literals; or
 * - an `AllowedPattern` (which CloudFormation matches against the whole value, in Java regex
 *   syntax) that does not match the empty string and that is built only of: the characters
 *   A-Z a-z 0-9 _ - : / @ = , as literals; `.` and `+` only escaped; classes `[...]` of those
 *   characters and of ranges within A-Z, a-z or 0-9 (never negated); the escapes \d and \w;
 *   groups, alternation, anchors, quantifiers and \b. The GUID pattern of a workspace ID is
 *   such a pattern.
 * Anything else (`.`, `\S`, a negated class, a Type other than String, no constraint) does
 * not vouch: the pattern might let `*` or an empty value through, so the reference is not
 * a literal until its value is known.
 */
export function vouches(declaration: unknown): boolean {
    if (!isObject(declaration) || declaration.Type !== "String") return false;
    const { AllowedValues: values, AllowedPattern: pattern } = declaration;
    if (Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === "string" && v.trim() !== "" && !/[*?\s]/.test(v))) return true;
    if (typeof pattern !== "string" || !safePattern(pattern)) return false;
    try {
        return !new RegExp(`^(?:${pattern})$`).test("");
    } catch {
        return false;
    }
}

const SAFE_CHARACTER = /^[A-Za-z0-9_\-:/@=,]$/;
/** Punctuation that is literal when escaped (outside or inside a class) or inside a class. */
const SAFE_PUNCTUATION = /^[_\-:/@=,.+]$/;
const sameBlock = (from: string, to: string) => from <= to && [/[0-9]/, /[a-z]/, /[A-Z]/].some((block) => block.test(from) && block.test(to));

/** Whether a regular expression can only match characters that are safe in a literal (see `vouches`). */
function safePattern(pattern: string): boolean {
    let i = 0;
    while (i < pattern.length) {
        const c = pattern[i];
        if (c === "\\") {
            const next = pattern[i + 1] ?? "";
            if (!(/^[dwbB]$/.test(next) || SAFE_PUNCTUATION.test(next))) return false;
            i += 2;
        } else if (c === "[") {
            const end = classEnd(pattern, i + 1);
            if (end === undefined) return false;
            i = end + 1;
        } else if (c === "{") {
            const quantifier = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i));
            if (!quantifier) return false;
            i += quantifier[0].length;
        } else if ("()|^$*+?".includes(c) || SAFE_CHARACTER.test(c)) {
            i += 1;
        } else {
            return false;
        }
    }
    return true;
}

/** The index of the `]` closing a safe class whose members start at `start`, or undefined for a class that is not safe. */
function classEnd(pattern: string, start: number): number | undefined {
    if (pattern[start] === "^" || pattern[start] === "]") return undefined;
    let i = start;
    while (i < pattern.length && pattern[i] !== "]") {
        const c = pattern[i];
        if (c === "\\") {
            // \d and \w, or escaped punctuation; no ranges from escapes.
            if (!/^[dw]$/.test(pattern[i + 1] ?? "") && !SAFE_PUNCTUATION.test(pattern[i + 1] ?? "")) return undefined;
            i += 2;
        } else if (pattern[i + 1] === "-" && pattern[i + 2] !== undefined && pattern[i + 2] !== "]") {
            if (!sameBlock(c, pattern[i + 2])) return undefined;
            i += 3;
        } else if (SAFE_CHARACTER.test(c) || SAFE_PUNCTUATION.test(c)) {
            i += 1;
        } else {
            return undefined;
        }
    }
    return i < pattern.length ? i : undefined;
}

/** How template values resolve in one template, with one StackSet's parameter values. */
class Resolver {
    constructor(
        private readonly declared: Json,
        private readonly resources: Json,
        /** The StackSet's value of a parameter: a string, UNKNOWN, or undefined when not given. */
        private readonly parameter: (name: string) => unknown,
    ) {}

    resolve(value: unknown): unknown {
        if (Array.isArray(value)) return value.map((v) => this.resolve(v)).filter((v) => v !== NO_VALUE);
        if (!isObject(value)) return value;
        const keys = Object.keys(value);
        if (keys.length === 1 && (keys[0] === "Ref" || keys[0].startsWith("Fn::"))) return this.intrinsic(keys[0], value[keys[0]], value);
        return Object.fromEntries(
            keys.flatMap((k) => {
                const v = this.resolve(value[k]);
                return v === NO_VALUE ? [] : [[k, v]];
            }),
        );
    }

    private intrinsic(name: string, argument: unknown, whole: Json): unknown {
        const text = JSON.stringify(whole);
        switch (name) {
            case "Ref":
                return typeof argument === "string" ? this.ref(argument) : new Placeholder(text, false);
            case "Fn::Sub":
                return this.sub(argument, text);
            case "Fn::Join": {
                if (!Array.isArray(argument) || typeof argument[0] !== "string") return new Placeholder(text, false);
                const parts = this.resolve(argument[1]);
                return Array.isArray(parts) ? concatenate(parts, argument[0], text) : new Placeholder(text, false);
            }
            case "Fn::GetAtt":
                // An attribute the cloud assigns to a resource of the template (an ARN, an ID): never empty, never a wildcard.
                return new Placeholder(text, true);
            default:
                // Fn::If, Fn::Select, Fn::ImportValue, Fn::FindInMap...: could be anything.
                return new Placeholder(text, false);
        }
    }

    private ref(name: string): unknown {
        if (name === "AWS::Partition") return "aws";
        if (name === "AWS::AccountId") return MEMBER_ACCOUNT;
        if (name === "AWS::NoValue") return NO_VALUE;
        const text = JSON.stringify({ Ref: name });
        if (PSEUDO_LITERALS.has(name)) return new Placeholder(text, true);
        if (Object.hasOwn(this.declared, name)) {
            const declaration = this.declared[name];
            const given = this.parameter(name);
            const value = given === undefined && isObject(declaration) ? declaration.Default : given;
            if (value === UNKNOWN || value === undefined) return new Placeholder(text, vouches(declaration));
            if (isObject(declaration) && declaration.Type === "CommaDelimitedList") return String(value).split(",");
            return typeof value === "object" ? new Placeholder(text, false) : String(value);
        }
        // A resource's Ref: its name or ARN, which CloudFormation assigns.
        return new Placeholder(text, Object.hasOwn(this.resources, name));
    }

    private sub(argument: unknown, text: string): unknown {
        const [template, variables] = Array.isArray(argument) ? [argument[0], argument[1]] : [argument, {}];
        if (typeof template !== "string") return new Placeholder(text, false);
        const parts: unknown[] = [];
        let last = 0;
        for (const match of template.matchAll(/\$\{([^}]*)\}/g)) {
            parts.push(template.slice(last, match.index));
            last = match.index + match[0].length;
            const variable = match[1];
            if (variable.startsWith("!")) parts.push(`\${${variable.slice(1)}}`);
            else if (isObject(variables) && Object.hasOwn(variables, variable)) parts.push(this.resolve(variables[variable]));
            // `${Resource.Attribute}`: a Fn::GetAtt.
            else if (variable.includes(".") && !variable.startsWith("AWS::")) parts.push(new Placeholder(`\${${variable}}`, true));
            else parts.push(this.ref(variable));
        }
        parts.push(template.slice(last));
        return concatenate(parts, "", text);
    }
}

/** `AWS::NoValue`: the property or list item is left out. */
const NO_VALUE = Symbol("AWS::NoValue");

/** Parts joined: a string when all are, else a Placeholder, literal when some part is a literal placeholder and no part could add a wildcard. */
function concatenate(parts: readonly unknown[], delimiter: string, text: string): unknown {
    if (parts.every((p) => typeof p === "string")) return parts.join(delimiter);
    const literal =
        !/[*?]/.test(delimiter) &&
        parts.some((p) => p instanceof Placeholder && p.literal) &&
        parts.every((p) => (p instanceof Placeholder && p.literal) || (typeof p === "string" && !/[*?]/.test(p)));
    return new Placeholder(text, literal);
}

/**
 * Every `AWS::IAM::Role` of a template given as JSON text, resolved with the StackSet's
 * parameter values (`parameter(name)`: a string, UNKNOWN, or undefined when not given);
 * undefined when the text is not a JSON template with Resources (YAML included: the
 * program writes JSON), so that a rule can say so instead of passing.
 */
export function templateRoles(templateBody: unknown, parameter: (name: string) => unknown): TemplateRole[] | undefined {
    if (typeof templateBody !== "string") return undefined;
    let template: unknown;
    try {
        template = JSON.parse(templateBody);
    } catch {
        return undefined;
    }
    if (!isObject(template) || !isObject(template.Resources)) return undefined;
    const resources = template.Resources;
    const resolver = new Resolver(isObject(template.Parameters) ? template.Parameters : {}, resources, parameter);
    const entries = Object.entries(resources).filter((e): e is [string, Json] => isObject(e[1]));
    const props = (resource: Json): Json => {
        const resolved = resolver.resolve(resource.Properties ?? {});
        return isObject(resolved) ? resolved : {};
    };
    const managedPolicies = new Set(entries.filter(([, r]) => r.Type === CFN_TYPES.managedPolicy).map(([id]) => id));

    return entries
        .filter(([, r]) => r.Type === CFN_TYPES.role)
        .map(([logicalId, resource]): TemplateRole => {
            const role = props(resource);
            const raw = isObject(resource.Properties) ? resource.Properties : {};
            // The role, as another resource of the template names it: by Ref, or by its name.
            const names = (value: unknown) => (isObject(value) && value.Ref === logicalId) || (typeof role.RoleName === "string" && value === role.RoleName);
            const policies: TemplatePolicy[] = asList(role.Policies).map((p) => {
                const name = isObject(p) && typeof p.PolicyName === "string" ? p.PolicyName : "(unnamed)";
                return { via: `inline policy ${name} of ${logicalId}`, document: isObject(p) ? p.PolicyDocument : p };
            });
            // A Ref to a managed policy of the template is its ARN: its document is judged instead.
            const managedPolicyArns = asList(raw.ManagedPolicyArns).flatMap((arn) => {
                if (isObject(arn) && typeof arn.Ref === "string" && managedPolicies.has(arn.Ref)) return [];
                const resolved = resolver.resolve(arn);
                return resolved === NO_VALUE ? [] : asList(resolved);
            });
            for (const [id, other] of entries) {
                const given =
                    ((other.Type === CFN_TYPES.policy || other.Type === CFN_TYPES.managedPolicy) &&
                        isObject(other.Properties) &&
                        asList(other.Properties.Roles).some(names)) ||
                    (other.Type === CFN_TYPES.rolePolicy && isObject(other.Properties) && names(other.Properties.RoleName)) ||
                    (other.Type === CFN_TYPES.managedPolicy && asList(raw.ManagedPolicyArns).some((arn) => isObject(arn) && arn.Ref === id));
                if (given) policies.push({ via: `${other.Type} ${id}`, document: props(other).PolicyDocument });
            }
            return { logicalId, roleName: role.RoleName, trustPolicy: role.AssumeRolePolicyDocument, managedPolicyArns, policies };
        });
}

/**
 * The template's roles as written: every parameter left unresolved, as the placeholder
 * `{"Ref":"<name>"}`, so that a rule can tell which parameter a value comes from rather
 * than what the StackSet happens to give it now (a constant equal to today's workspace ID
 * would otherwise pass for a reference to the parameter).
 */
export const templateRolesAsWritten = (templateBody: unknown): TemplateRole[] | undefined => templateRoles(templateBody, () => UNKNOWN);

/** How a reference to a template parameter reads in a role `templateRolesAsWritten` gives. */
export const parameterRef = (name: string): string => JSON.stringify({ Ref: name });
