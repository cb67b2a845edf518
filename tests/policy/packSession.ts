// One running policy pack for a test file: started before its tests, stopped after, asked
// about plans as the engine asks it.
import type { Plan } from "../../plan/record";
import { PolicyCheck, Violation } from "../../plan/policyCheck";
import type { PackConfigFile } from "../../plan/policyPack/packConfig";

/** Registers the mocha hooks; the returned function gives the running pack, once the hooks have started it. */
export function runningPolicyPack(): () => PolicyCheck {
    let check: PolicyCheck | undefined;
    before(async () => {
        check = await PolicyCheck.start();
    });
    after(() => check?.stop());
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
