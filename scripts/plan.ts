// `npm run plan`: what `pulumi up` would create for a stack, without credentials or the
// Pulumi CLI: the real program run under the Pulumi SDK's mock engine.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../src/config/load";
import { recordPlan } from "../src/plan/record";
import { planToJson, planToText } from "../src/plan/render";
import { readProjectDefaults, readStackConfig, StackFileError } from "../src/plan/stackFile";

const ROOT = path.resolve(__dirname, "..");
const USAGE = `Usage: npm run plan -- [--stack NAME | --config-file PATH] [--json]

  --stack NAME        plan Pulumi.NAME.yaml beside Pulumi.yaml (default: dev)
  --config-file PATH  plan any stack config file; the stack is named after it
  --json              print the plan as JSON instead of text
  --help              show this help

Exit codes: 0 planned; 2 bad arguments, stack file or config; 1 anything else.`;

/** `Pulumi.prod.yaml` → `prod`; anything else is named after the file. */
function stackNameOf(file: string): string {
    return path.basename(file).replace(/^Pulumi\./, "").replace(/\.ya?ml$/, "");
}

function fail(code: number, message: string): never {
    process.stderr.write(`${message}\n`);
    process.exit(code);
}

async function main(): Promise<void> {
    let args;
    try {
        args = parseArgs({
            options: {
                stack: { type: "string" },
                "config-file": { type: "string" },
                json: { type: "boolean", default: false },
                help: { type: "boolean", default: false },
            },
            strict: true,
        }).values;
    } catch (err) {
        fail(2, `${(err as Error).message}\n\n${USAGE}`);
    }
    if (args.help) {
        process.stdout.write(`${USAGE}\n`);
        return;
    }
    if (args.stack !== undefined && args["config-file"] !== undefined) fail(2, `--stack and --config-file exclude each other\n\n${USAGE}`);
    const stack = args.stack ?? (args["config-file"] ? stackNameOf(args["config-file"]) : "dev");
    if (!/^[\w.-]{1,100}$/.test(stack)) fail(2, `--stack: ${JSON.stringify(stack)} is not a stack name (letters, digits, _ . -)`);
    const file = args["config-file"] ? path.resolve(args["config-file"]) : path.join(ROOT, `Pulumi.${stack}.yaml`);
    if (!existsSync(file)) fail(2, `no stack config file at ${file}`);

    const config = readStackConfig(file, readProjectDefaults(path.join(ROOT, "Pulumi.yaml")));
    // The real entry point, exactly as `pulumi up` loads it.
    const plan = await recordPlan(stack, config, () => require(path.join(ROOT, "index.ts")));
    process.stdout.write(args.json ? `${JSON.stringify(planToJson(plan), null, 2)}\n` : planToText(plan));
}

main().catch((err: unknown) => {
    if (err instanceof ConfigError || err instanceof StackFileError) fail(2, err.message);
    fail(1, `plan failed: ${err instanceof Error ? err.message : String(err)}`);
});
