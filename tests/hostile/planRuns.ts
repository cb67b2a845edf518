// `npm run plan` once per argument list, all in this one process: the lists come as JSON in
// the first argument, and each run's exit code and output go to stdout as JSON. For runs
// that could block the process (special files), which tests must leave to a child they can
// kill, at the cost of one process start for all of them rather than one each.
import * as path from "node:path";
import { runPlan } from "../../plan/cli";

async function main(): Promise<void> {
    const runs = JSON.parse(process.argv[2]) as string[][];
    const results = [];
    for (const argv of runs) {
        let stdout = "";
        let stderr = "";
        const code = await runPlan(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, path.join(__dirname, "..", ".."));
        results.push({ argv, code, stdout, stderr });
    }
    process.stdout.write(JSON.stringify(results));
}

void main();
