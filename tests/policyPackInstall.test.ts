// The policy pack is a workspace of the project, so that one `npm ci` installs it with the
// program; its start-up needs (TypeScript, which run-policy-pack always type-checks the pack
// with, and @pulumi/policy) are runtime dependencies, so a production install starts it too
// (tests/slow/policyPackInstall.test.ts starts it from one).
import { readFileSync, realpathSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { ROOT } from "./helpers";

const PACK = path.join(ROOT, "policy");
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe("policy pack installation", () => {
    it("is part of the project's one install, with its start-up needs as runtime dependencies", () => {
        // Linked into node_modules by the project's install, as the lockfile records it.
        expect(readJson(path.join(ROOT, "package-lock.json")).packages["node_modules/sentinel-aws-policy"]).to.deep.equal({ resolved: "policy", link: true });
        expect(realpathSync(path.join(ROOT, "node_modules/sentinel-aws-policy"))).to.equal(realpathSync(PACK));
        const manifest = readJson(path.join(PACK, "package.json"));
        expect(manifest.dependencies).to.include.keys("@pulumi/policy", "@pulumi/pulumi", "typescript");
        // The vendored TypeScript 3.8 that run-policy-pack falls back to cannot read the pack's tsconfig.
        const typescript = readJson(require.resolve("typescript/package.json", { paths: [PACK] }));
        expect(Number(typescript.version.split(".")[0])).to.be.within(5, 6);
    });
});
