// IAM decisions as AWS would make them, by a real policy evaluator
// (@cloud-copilot/iam-simulate). Test-only: the evaluator is AGPL-licensed and must never
// reach the program's runtime dependencies.
import { anonymousPrincipal, runSimulation, Simulation } from "@cloud-copilot/iam-simulate";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";
export { anonymousPrincipal };

type Principal = Simulation["request"]["principal"];
type Policy = unknown;

/** Lets the calling principal do anything on its own side, so that only the policy under test decides. */
const ALLOW_EVERYTHING = [
    { name: "caller-allows-everything", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } },
];

async function decide(simulation: Simulation): Promise<Decision> {
    const result = await runSimulation(simulation, {});
    if (result.resultType === "error") {
        // A request the evaluator cannot check (bad action, resource or key) must fail the test, not pass it.
        throw new Error(`the simulator refused the request: ${JSON.stringify(result.errors)}`);
    }
    return result.overallResult as Decision;
}

/** Whether `principal` may call `action` on the role, under the role's trust policy. */
export function trustDecision(
    trustPolicy: Policy,
    roleArn: string,
    principal: Principal,
    action: string,
    context: Record<string, string> = {},
): Promise<Decision> {
    const accountId = roleArn.split(":")[4];
    return decide({
        request: { principal, action, resource: { resource: roleArn, accountId }, contextVariables: context },
        identityPolicies: principal === anonymousPrincipal ? [] : ALLOW_EVERYTHING,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: trustPolicy,
    });
}

/** Whether a session of the role may call `action` on `resource`, under the role's permission policies. */
export function permissionDecision(permissionPolicies: readonly Policy[], roleArn: string, action: string, resource: string): Promise<Decision> {
    const accountId = roleArn.split(":")[4];
    return decide({
        request: { principal: roleArn, action, resource: { resource, accountId }, contextVariables: {} },
        identityPolicies: permissionPolicies.map((policy, i) => ({ name: `policy-${i}`, policy })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
    });
}

/** A request against a resource policy (a bucket or queue policy), with the caller's own policies. */
export function resourceDecision(request: {
    principal: string;
    action: string;
    resource: string;
    accountId: string;
    context?: Record<string, string>;
    resourcePolicy: Policy;
    identityPolicies?: readonly Policy[];
}): Promise<Decision> {
    return decide({
        request: {
            principal: request.principal,
            action: request.action,
            resource: { resource: request.resource, accountId: request.accountId },
            contextVariables: request.context ?? {},
        },
        identityPolicies: (request.identityPolicies ?? []).map((policy, i) => ({ name: `policy-${i}`, policy })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: request.resourcePolicy,
    });
}

/** A policy with one condition key renamed, wherever it appears. */
const renamedKey = (policy: Policy, from: string, to: string): Policy => JSON.parse(JSON.stringify(policy).split(from).join(to));

/** Like `decide`, but a context key the evaluator ignores fails the test: every condition on it would fail and prove nothing. */
async function decideEveryKey(simulation: Simulation): Promise<Decision> {
    const result = await runSimulation(simulation, {});
    if (result.resultType === "error") throw new Error(`the simulator refused the request: ${JSON.stringify(result.errors)}`);
    const ignored = result.resultType === "single" ? (result.result.ignoredContextKeys ?? []) : [];
    if (ignored.length > 0) throw new Error(`the simulator ignored the context keys ${ignored.join(", ")}`);
    return result.overallResult as Decision;
}

/**
 * Whether a web-identity token (from `providerArn`, with `audience` and `sessionName`) may
 * assume the role. The evaluator takes only the condition keys AWS's service reference lists
 * for the action, and Entra ID's (`sts.windows.net/<tenant>/:aud`) is not among them: it is
 * renamed to a listed `:aud` key in the trust policy and in the request alike, which leaves
 * the string comparison the evaluator makes as it was. A key it would still ignore fails the test.
 */
export function webIdentityDecision(
    trustPolicy: Policy,
    roleArn: string,
    providerArn: string,
    token: { issuer: string; audience: string; sessionName: string },
    action = "sts:AssumeRoleWithWebIdentity",
): Promise<Decision> {
    const alias = "cognito-identity.amazonaws.com";
    const accountId = roleArn.split(":")[4];
    return decideEveryKey({
        request: {
            principal: providerArn,
            action,
            resource: { resource: roleArn, accountId },
            contextVariables: { [`${alias}:aud`]: token.audience, "sts:RoleSessionName": token.sessionName },
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: renamedKey(trustPolicy, `${token.issuer}:aud`, `${alias}:aud`),
    });
}

/**
 * Whether a service may use a KMS key under its key policy, with an encryption context. The
 * evaluator matches the variable key `kms:EncryptionContext:<name>` only when a name has a
 * slash, so the context key is renamed to another string key it knows for KMS
 * (`kms:ViaService`) in the key policy and in the request alike; any key still ignored fails the test.
 */
export function keyDecision(request: {
    principal: string;
    action: string;
    keyArn: string;
    context: Record<string, string>;
    encryptionContext?: Record<string, string>;
    keyPolicy: Policy;
}): Promise<Decision> {
    const alias = "kms:ViaService";
    const [name, value] = Object.entries(request.encryptionContext ?? {})[0] ?? [];
    if (Object.keys(request.encryptionContext ?? {}).length > 1) throw new Error("one encryption-context key per request: each is renamed to the same alias");
    const key = name === undefined ? undefined : `kms:EncryptionContext:${name}`;
    return decideEveryKey({
        request: {
            principal: request.principal,
            action: request.action,
            resource: { resource: request.keyArn, accountId: request.keyArn.split(":")[4] },
            contextVariables: { ...request.context, ...(key === undefined ? {} : { [alias]: value }) },
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: key === undefined ? request.keyPolicy : renamedKey(request.keyPolicy, key, alias),
    });
}
