// One running policy pack for a test file: started before its tests, stopped after, asked
// about plans as the engine asks it.
import type { Plan } from "../../plan/record";
import { PolicyCheck, Violation } from "../../plan/policyCheck";
import type { PackConfigFile } from "../../plan/policyPack/packConfig";

/** Registers the mocha hooks; the returned function gives the pack's findings on a plan. */
export function usePolicyPack(): (plan: Plan, packConfig?: PackConfigFile) => Promise<readonly Violation[]> {
    let check: PolicyCheck;
    before(async () => {
        check = await PolicyCheck.start();
    });
    after(() => check.stop());
    return async (plan, packConfig) => (await check.evaluate(plan, {}, packConfig)).violations;
}

export const mandatory = (vs: readonly Violation[]) => vs.filter((v) => v.enforcementLevel === "mandatory");
export const of = (vs: readonly Violation[], policy: string) => vs.filter((v) => v.policy === policy);
