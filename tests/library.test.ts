// The library as others get it: the built entry point (JS and .d.ts, through package.json's
// `exports`). The component package's schema is derived in tests/slow/componentSchema.test.ts.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { ROOT } from "./helpers";
import { LIBRARY_USER_PROGRAM } from "./libraryUser";

const TSC = path.join(ROOT, "node_modules/typescript-7/bin/tsc");
const packageJson = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** The JavaScript and declarations `npm run build` wrote. */
const builtFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? builtFiles(path.join(dir, entry.name)) : /\.(js|d\.ts)$/.test(entry.name) ? [path.join(dir, entry.name)] : [],
    );

describe("the library", function () {
    this.timeout(120_000);
    // `npm run build`, into dist/ (ignored by git), as `npm pack` does before packing.
    before(() => execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT }));

    it("builds the files package.json's exports name", () => {
        const entry = packageJson.exports["."];
        for (const file of [entry.default, entry.types]) expect(readFileSync(path.join(ROOT, file), "utf8")).to.include("AwsAccountConnection");
    });

    it("loads by its package name as JavaScript, and offers the components and the stack program", () => {
        // Node resolves a package's own name through its `exports`, as it would once installed.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- by name at run time: the build made it moments ago
        const library = require("sentinel-aws");
        for (const name of ["SentinelWorkspace", "AwsAccountConnection", "OrganizationConnection", "S3AccountConnection", "sentinelAws", "loadStackConfig"]) {
            expect(library[name], name).to.be.a("function");
        }
    });

    it("depends at run time on exactly the packages the built library imports, the tools' needs being dev dependencies", () => {
        const packageOf = (specifier: string) =>
            specifier
                .split("/")
                .slice(0, specifier.startsWith("@") ? 2 : 1)
                .join("/");
        const imported = new Set(
            builtFiles(path.join(ROOT, "dist"))
                .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/(?:require\(|from\s+|import\()"([^".][^"]*)"/g)].map((m) => m[1]))
                .filter((specifier) => !specifier.startsWith("node:"))
                .map(packageOf),
        );
        expect(imported).to.include("@pulumi/pulumi");
        expect(Object.keys(packageJson.dependencies).sort()).to.deep.equal([...imported].sort());
    });

    it("type-checks a TypeScript program that brings its own provider, against the .d.ts alone", () => {
        const consumer = mkdtempSync(path.join(ROOT, "dist", "user-"));
        writeFileSync(path.join(consumer, "index.ts"), LIBRARY_USER_PROGRAM);
        const options = ["--ignoreConfig", "--noEmit", "--singleThreaded", "--strict", "--module", "nodenext", "--skipLibCheck", "--types", "node"];
        const check = spawnSync(process.execPath, [TSC, ...options, path.join(consumer, "index.ts")], { cwd: ROOT, encoding: "utf8" });
        rmSync(consumer, { recursive: true });
        expect(check.stdout + check.stderr).to.equal("");
        expect(check.status).to.equal(0);
    });
});
