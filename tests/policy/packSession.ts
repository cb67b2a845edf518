// One running policy pack per process, shared by its test files (a mocha worker runs several
// one after the other), asked about plans as the engine asks it. Each start costs about 4 s of
// CPU (the pack type-checks itself with ts-node, as the Pulumi CLI runs it). Every question
// configures the stack and the pack afresh, so no file sees another's settings.
import type { Plan } from "../../plan/record";
import { PolicyCheck, Violation } from "../../plan/policyCheck";
import type { PackConfigFile } from "../../plan/policyPack/packConfig";

/** Registers the mocha hooks; the returned function gives the running pack, once the hooks have started it. */
let shared: Promise<PolicyCheck> | undefined;

export function runningPolicyPack(): () => PolicyCheck {
    let check: PolicyCheck | undefined;
    before(async () => {
        shared ??= PolicyCheck.start().then((started) => started.endWithThisProcess());
        check = await shared;
    });
    return () => {
        if (!check) throw new Error("the policy pack is started in a before hook: ask it from a test");
        return check;
    };
}

/** Registers the mocha hooks; the returned function gives the pack's findings on a plan, and its `pack` the pack itself. */
export function usePolicyPack(): ((plan: Plan, packConfig?: PackConfigFile) => Promise<readonly Violation[]>) & { readonly pack: () => PolicyCheck } {
    const pack = runningPolicyPack();
    return Object.assign(async (plan: Plan, packConfig?: PackConfigFile) => (await pack().evaluate(plan, {}, packConfig)).violations, { pack });
}

export const mandatory = (vs: readonly Violation[]) => vs.filter((v) => v.enforcementLevel === "mandatory");
export const of = (vs: readonly Violation[], policy: string) => vs.filter((v) => v.policy === policy);
