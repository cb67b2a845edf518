// `npm run doctor`: see doctor/cli.ts and docs/health-check.md.
import * as path from "node:path";
import { runDoctor } from "../doctor/cli";
import { realClouds } from "../doctor/clouds";

const io = { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t), stderrIsTTY: process.stderr.isTTY === true };
runDoctor(process.argv.slice(2), io, path.resolve(__dirname, ".."), realClouds()).then(
    (code) => {
        process.exitCode = code;
    },
    (err: unknown) => {
        process.stderr.write(`doctor failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 1;
    },
);
