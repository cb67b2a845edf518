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
