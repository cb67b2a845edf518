// Plans are deterministic (tests/planCli.test.ts checks it byte for byte, across processes),
// so each mocha worker plans a distinct request once, and every test file that asks again
// gets the same plan. Frozen: a test that changed a shared plan would throw, not pass its
// change on to another test. A failed plan is not kept: each asker sees its own failure.
import { planEntryPoint, PlanRequest } from "../plan/cli";
import { FakeCloud } from "../plan/fakeCloud";
import type { OrgAccounts } from "../plan/orgAccounts";
import { Plan, recordPlan } from "../plan/record";
import { loadStackConfig } from "../src/config/load";
import { sentinelAwsStack } from "../src/program";

const plans = new Map<string, Promise<Plan>>();

function deepFreeze<T>(value: T): T {
    if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const inner of Object.values(value)) deepFreeze(inner);
    }
    return value;
}

function once(key: unknown[], plan: () => Promise<Plan>): Promise<Plan> {
    const id = JSON.stringify(key);
    let planned = plans.get(id);
    if (planned === undefined) {
        planned = plan().then(deepFreeze);
        plans.set(id, planned);
        planned.catch(() => plans.delete(id));
    }
    return planned;
}

const accountsKey = (orgAccounts: OrgAccounts | undefined) => (orgAccounts ? [...orgAccounts] : null);

/** The CLI's plan of the project's entry point (runPlan's `record`). */
export const entryPointOnce = (request: PlanRequest): Promise<Plan> =>
    once(["entry", request.stack, request.config, request.entry, accountsKey(request.orgAccounts), request.contentCatalogue ?? null], () =>
        planEntryPoint(request),
    );

/** What the fake cloud answers (FakeCloud's options). */
export type CloudOptions = ConstructorParameters<typeof FakeCloud>[0] & {};

/** The program planned from a flat config, against the fake cloud made with `cloud`. */
export const programOnce = (stack: string, config: Readonly<Record<string, string>>, cloud: CloudOptions = {}): Promise<Plan> =>
    once(["program", stack, config, cloud.preview ?? false, accountsKey(cloud.orgAccounts), cloud.contentCatalogue ?? null], () =>
        recordPlan(stack, config, () => sentinelAwsStack(loadStackConfig(config, stack)), new FakeCloud(cloud)),
    );
