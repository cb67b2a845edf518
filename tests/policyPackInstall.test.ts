// The policy pack is a workspace of the project, so that one `npm ci` installs it with the
// program; its start-up needs (TypeScript, which run-policy-pack always type-checks the pack
// with, and @pulumi/policy) are runtime dependencies, so a production install starts it too.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { PolicyCheck } from "../plan/policyCheck";
import { ROOT } from "./helpers";

const npm = (args: string[], cwd: string) =>
    spawnSync("npm", args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_fund: "false", npm_config_audit: "false" } });

describe("policy pack installation", () => {
    it("is part of the project's one install, with its start-up needs as runtime dependencies", () => {
        const { stdout, status } = npm(["ls", "--omit=dev", "--json", "--workspace", "policy"], ROOT);
        expect(status).to.equal(0);
        const pack = JSON.parse(stdout).dependencies["sentinel-aws-policy"];
        expect(pack.resolved).to.equal("file:../policy");
        expect(pack.dependencies).to.include.keys("@pulumi/policy", "@pulumi/pulumi", "typescript");
        // The vendored TypeScript 3.8 that run-policy-pack falls back to cannot read the pack's tsconfig.
        expect(Number(pack.dependencies.typescript.version.split(".")[0])).to.be.within(5, 6);
    });

    it("starts from a production install of a fresh copy (npm ci --omit=dev)", async function () {
        this.timeout(180_000);
        const copy = mkdtempSync(path.join(tmpdir(), "sentinel-aws-install-"));
        try {
            for (const file of ["package.json", "package-lock.json"]) cpSync(path.join(ROOT, file), path.join(copy, file));
            cpSync(path.join(ROOT, "policy"), path.join(copy, "policy"), { recursive: true, filter: (f) => !f.includes("node_modules") });
            const install = npm(["ci", "--omit=dev", "--ignore-scripts", "--prefer-offline"], copy);
            expect(install.status, install.stderr).to.equal(0);
            const check = await PolicyCheck.start(path.join(copy, "policy"));
            try {
                expect(check.analyzerInfo.getPoliciesList().length).to.be.greaterThan(0);
            } finally {
                check.stop();
            }
        } finally {
            rmSync(copy, { recursive: true, force: true });
        }
    });
});
