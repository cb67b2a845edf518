// The policy pack is a workspace of the project, so that one `npm ci` installs it with the
// program; its start-up needs (TypeScript, which run-policy-pack always type-checks the pack
// with, and @pulumi/policy) are runtime dependencies, so a production install starts it too
// (tests/slow/policyPackInstall.test.ts starts it from one).
import { expect } from "chai";
import { ROOT } from "./helpers";
import { npm } from "./npm";

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
});
