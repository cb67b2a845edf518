// scripts/lazyClosureModules.cjs, which the TypeScript loader installs: @pulumi/pulumi starts
// without TypeScript's compiler and npm's arborist, and closure serialization, which needs
// them, still works. Checked in a process of its own, as a plan starts.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/** Run in the child: which heavy packages are loaded after each step. */
const PROBE = `
const heavy = () => [...new Set(Object.keys(require.cache).map((f) => /node_modules\\/(typescript|@npmcli\\/arborist|pacote|sigstore)\\//.exec(f)?.[1]).filter(Boolean))].sort();
const pulumi = require("@pulumi/pulumi");
const atStart = heavy();
(async () => {
    const closure = await pulumi.runtime.serializeFunction(() => 40 + 2);
    const afterClosure = heavy();
    const codePaths = await pulumi.runtime.computeCodePaths();
    console.log(JSON.stringify({ atStart, afterClosure, closure: closure.text, codePaths: codePaths.size, afterCodePaths: heavy() }));
})();
`;

describe("the SDK's closure modules, deferred", () => {
    let probe: { atStart: string[]; afterClosure: string[]; closure: string; codePaths: number; afterCodePaths: string[] };
    before(() => {
        const run = spawnSync(process.execPath, ["--require", path.join(ROOT, "typescript-loader.cjs"), "-e", PROBE], { cwd: ROOT, encoding: "utf8" });
        expect(run.status, run.stderr).to.equal(0);
        probe = JSON.parse(run.stdout);
    });

    it("are not loaded when @pulumi/pulumi starts", () => {
        expect(probe.atStart).to.deep.equal([]);
    });

    it("load TypeScript's compiler when a function is serialized, which then works", () => {
        expect(probe.afterClosure).to.deep.equal(["typescript"]);
        expect(probe.closure).to.include("40 + 2");
    });

    it("load arborist when code paths are computed, which then works", () => {
        expect(probe.afterCodePaths).to.include("@npmcli/arborist");
        expect(probe.codePaths).to.be.greaterThan(0);
    });
});
