// `npm run plan`: see plan/cli.ts and docs/plan.md.
import * as path from "node:path";
import { runPlan } from "../plan/cli";

runPlan(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }, path.resolve(__dirname, "..")).then(
    (code) => {
        process.exitCode = code;
    },
);
