// One temporary folder for the whole run, removed when mocha ends: tests write stack files,
// outputs and credentials under os.tmpdir(), and the workers mocha forks afterwards inherit
// TMPDIR, so nothing is left behind in /tmp.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

let scratch: string | undefined;

export function mochaGlobalSetup(): void {
    scratch = mkdtempSync(path.join(tmpdir(), "sentinel-aws-tests-"));
    process.env.TMPDIR = scratch;
}

export function mochaGlobalTeardown(): void {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
}
