// The policy pack from a production install of a fresh copy: what `npm ci --omit=dev` brings
// must be enough for run-policy-pack to start it (see tests/policyPackInstall.test.ts for why
// its start-up needs are runtime dependencies). Slow: the install comes from the registry.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { PolicyCheck } from "../../plan/policyCheck";
import { ROOT } from "../helpers";
import { npm } from "./npm";

describe("policy pack installation, production", () => {
    it("starts from a production install of a fresh copy (npm ci --omit=dev)", async () => {
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
