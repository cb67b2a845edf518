// IAM decisions as AWS would make them, by a real policy evaluator
// (@cloud-copilot/iam-simulate). Test-only: the evaluator is AGPL-licensed and must never
// reach the program's runtime dependencies.
import { anonymousPrincipal, runSimulation, Simulation } from "@cloud-copilot/iam-simulate";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";
export { anonymousPrincipal };

type Principal = Simulation["request"]["principal"];
type Policy = unknown;

/** Lets the calling principal do anything on its own side, so that only the policy under test decides. */
const ALLOW_EVERYTHING = [{ name: "caller-allows-everything", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }];

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
        request: { principal: request.principal, action: request.action, resource: { resource: request.resource, accountId: request.accountId }, contextVariables: request.context ?? {} },
        identityPolicies: (request.identityPolicies ?? []).map((policy, i) => ({ name: `policy-${i}`, policy })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: request.resourcePolicy,
    });
}

/**
 * Whether a web-identity token (from `providerArn`, with `audience` and `sessionName`) may
 * assume the role. The evaluator takes only the condition keys AWS's service reference lists
 * for the action, and Entra ID's (`sts.windows.net/<tenant>/:aud`) is not among them: it is
 * renamed to a listed `:aud` key in the trust policy and in the request alike, which leaves
 * the string comparison the evaluator makes as it was. A key it would still ignore fails the test.
 */
export async function webIdentityDecision(
    trustPolicy: Policy,
    roleArn: string,
    providerArn: string,
    token: { issuer: string; audience: string; sessionName: string },
    action = "sts:AssumeRoleWithWebIdentity",
): Promise<Decision> {
    const alias = "cognito-identity.amazonaws.com";
    const renamed = JSON.parse(JSON.stringify(trustPolicy).split(`${token.issuer}:aud`).join(`${alias}:aud`));
    const accountId = roleArn.split(":")[4];
    const simulation: Simulation = {
        request: {
            principal: providerArn,
            action,
            resource: { resource: roleArn, accountId },
            contextVariables: { [`${alias}:aud`]: token.audience, "sts:RoleSessionName": token.sessionName },
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: renamed,
    };
    const result = await runSimulation(simulation, {});
    if (result.resultType === "error") throw new Error(`the simulator refused the request: ${JSON.stringify(result.errors)}`);
    // A key the evaluator ignores would fail every condition on it and prove nothing.
    const ignored = result.resultType === "single" ? result.result.ignoredContextKeys ?? [] : [];
    if (ignored.length > 0) throw new Error(`the simulator ignored the context keys ${ignored.join(", ")}`);
    return result.overallResult as Decision;
}
