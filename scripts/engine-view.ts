// `npm run engine-view`: writes tests/fixtures/engine-view.dev.json, what the engine receives
// for the sample stack (Pulumi.dev.yaml), which tests/engineView.test.ts holds the program to.
// Run it only for a change that is meant to show in `pulumi preview`; see tests/fixtures/README.md.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { runPlan } from "../plan/cli";

const ROOT = path.resolve(__dirname, "..");
export const ENGINE_VIEW_FIXTURE = path.join(ROOT, "tests", "fixtures", "engine-view.dev.json");

type PlanResource = { type: string; name: string; urn: string; provider?: string; parent?: string; protect: boolean; dependsOn: string[]; inputs: unknown };

/** Of each resource, what identifies it to the engine and what it asks of it. */
export async function engineView(): Promise<{ stack: string; resources: unknown[] }> {
    let json = "";
    const code = await runPlan(["--stack", "dev", "--json"], { stdout: (t) => (json += t), stderr: (t) => process.stderr.write(t) }, ROOT);
    if (code !== 0) throw new Error(`npm run plan -- --stack dev exited ${code}`);
    const plan = JSON.parse(json) as { stack: string; resources: PlanResource[] };
    return {
        stack: plan.stack,
        resources: plan.resources.map(({ type, name, urn, provider, parent, protect, dependsOn, inputs }) => ({
            type,
            name,
            urn,
            provider: provider ?? null,
            parent: parent ?? null,
            protect,
            dependsOn,
            inputs,
        })),
    };
}

if (require.main === module) {
    engineView()
        .then((view) => writeFileSync(ENGINE_VIEW_FIXTURE, `${JSON.stringify(view, null, 2)}\n`))
        .catch((err: unknown) => {
            process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
            process.exitCode = 1;
        });
}
