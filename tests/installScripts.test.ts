// Install scripts are a decision, not a default: every package in the lockfile that has one
// is approved or denied in package.json's allowScripts, so `npm ci` runs none by surprise
// and prints no warning about the ones it skipped.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";

const ROOT = path.resolve(__dirname, "..");
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), "utf8"));

describe("install scripts", () => {
    it("are approved or denied for every package in the lockfile that has one", () => {
        const lock = read("package-lock.json") as { packages: Record<string, { hasInstallScript?: boolean }> };
        const withScripts = Object.entries(lock.packages)
            .filter(([, entry]) => entry.hasInstallScript)
            .map(([where]) => where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length));
        expect(withScripts.length).to.be.greaterThan(0);
        const decided = read("package.json").allowScripts as Record<string, boolean>;
        expect(Object.keys(decided).sort()).to.deep.equal([...new Set(withScripts)].sort());
    });
});
