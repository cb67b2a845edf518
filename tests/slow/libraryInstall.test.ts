// The packed library as a Pulumi program installs it from its tarball, next to its own
// dependencies from the registry: a program made as `pulumi new typescript` made one until
// March 2026 (CommonJS, moduleResolution node, TypeScript 5) and one made as it makes one
// now (nodenext), here with TypeScript 7. Each must install quietly, type-check a program
// using the components, and hold none of the tools' dependencies (the AWS and Azure SDKs of
// the health check, esbuild of the TypeScript loader) in its production tree.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { ROOT } from "../helpers";
import { LIBRARY_USER_PROGRAM } from "../libraryUser";
import { npm } from "./npm";

/**
 * The TypeScript 7 this project type-checks with, under the alias it uses: @pulumi/pulumi
 * declares an optional peer dependency on TypeScript below 7 (for ts-node), so npm refuses
 * TypeScript 7 under its own name beside it.
 */
const TYPESCRIPT_7 = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).devDependencies["typescript-7"] as string;

/** pulumi/templates typescript/tsconfig.json before commit 81e6522 (2026-03-25), which moved it to nodenext. */
const TEMPLATE_TSCONFIG = {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
};

/** The packages npm warns about for having install scripts that no allowScripts entry covers. */
const unapprovedScripts = (npmOutput: string): string[] => [...npmOutput.matchAll(/^npm warn install-scripts {3}(\S+)@\S+ \(/gm)].map((m) => m[1]).sort();

function program(dir: string, packageJson: object, compilerOptions: object): void {
    mkdirSync(dir);
    writeFileSync(path.join(dir, "package.json"), JSON.stringify(packageJson, null, 4));
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["index.ts"] }, null, 4));
    writeFileSync(path.join(dir, "index.ts"), LIBRARY_USER_PROGRAM);
}

const install = (dir: string, ...packages: string[]) => {
    const run = npm(["install", "--prefer-offline", ...packages], dir);
    expect(run.status, run.stderr).to.equal(0);
    return run.stdout + run.stderr;
};

/** The program in `dir` type-checks, silently, with the TypeScript it installed as `typescript`, of that major version. */
function expectTypeChecks(dir: string, typescript: string, major: number): void {
    const check = spawnSync(process.execPath, [path.join(dir, "node_modules", typescript, "bin/tsc"), "-p", dir, "--noEmit"], { encoding: "utf8" });
    expect(check.stdout + check.stderr).to.equal("");
    expect(check.status).to.equal(0);
    expect(JSON.parse(readFileSync(path.join(dir, "node_modules", typescript, "package.json"), "utf8")).version).to.match(new RegExp(`^${major}\\.`));
}

const TOOLS_ONLY = /^(@aws-sdk\/|@azure\/|@azure-rest\/|esbuild)/;

/** The production tree of the program in `dir` (npm ls --omit=dev) holds the library and its providers, and none of the tools' packages. */
function expectNoToolsInProduction(dir: string): void {
    const ls = npm(["ls", "--omit=dev", "--all", "--parseable"], dir);
    expect(ls.status, ls.stderr).to.equal(0);
    const tree = ls.stdout
        .split("\n")
        .filter((line) => line.includes("node_modules"))
        .map((line) => line.slice(line.lastIndexOf("node_modules/") + "node_modules/".length));
    expect(tree).to.include("sentinel-aws").and.include("@pulumi/azure-native");
    expect(tree.filter((name) => TOOLS_ONLY.test(name))).to.deep.equal([]);
}

describe("the packed library, installed by a Pulumi program", () => {
    let work: string;
    let tarball: string;
    before(() => {
        work = mkdtempSync(path.join(tmpdir(), "sentinel-aws-library-"));
        // `npm pack` builds dist/ first (prepack), as a release would.
        const pack = npm(["pack", "--json", "--pack-destination", work], ROOT);
        expect(pack.status, pack.stderr).to.equal(0);
        tarball = path.join(work, JSON.parse(pack.stdout.slice(pack.stdout.indexOf("[")))[0].filename);
    });
    after(() => rmSync(work, { recursive: true, force: true }));

    describe("as `pulumi new typescript` made one: CommonJS, moduleResolution node, TypeScript 5", () => {
        let dir: string;
        let baseline: string[];
        let installed: string;
        before(() => {
            dir = path.join(work, "template");
            // pulumi/templates typescript/package.json, with @pulumi/aws for the program's own provider.
            const packageJson = {
                name: "template",
                main: "index.ts",
                devDependencies: { "@types/node": "^18", typescript: "^5.0.0" },
                dependencies: { "@pulumi/pulumi": "^3.113.0", "@pulumi/aws": "^7.0.0" },
            };
            // zod 4's declarations, which the library's config types use, need esModuleInterop (colinhacks/zod#5160).
            program(dir, packageJson, { ...TEMPLATE_TSCONFIG, esModuleInterop: true });
            baseline = unapprovedScripts(install(dir));
            installed = install(dir, tarball);
        });

        it("installs with no install script beyond those of the program's own dependencies", () => {
            expect(unapprovedScripts(installed).filter((name) => !baseline.includes(name))).to.deep.equal([]);
        });

        it("type-checks a program using the components, with TypeScript 5", () => {
            expectTypeChecks(dir, "typescript", 5);
        });

        it("loads by require, as the Node.js host runs a CommonJS program", () => {
            const run = spawnSync(process.execPath, ["-e", 'console.log(typeof require("sentinel-aws").AwsAccountConnection)'], { cwd: dir, encoding: "utf8" });
            expect(run.stdout, run.stderr).to.equal("function\n");
        });

        it("holds none of the tools' dependencies in its production tree", () => {
            expectNoToolsInProduction(dir);
        });
    });

    describe("with module nodenext and TypeScript 7", () => {
        let dir: string;
        let installed: string;
        before(() => {
            dir = path.join(work, "nodenext");
            const packageJson = {
                name: "nodenext",
                main: "index.ts",
                devDependencies: { "@types/node": "^22", "typescript-7": TYPESCRIPT_7 },
                dependencies: { "@pulumi/pulumi": "^3.248.0", "@pulumi/aws": "^7.0.0", "sentinel-aws": `file:${tarball}` },
                // protobufjs comes with @pulumi/pulumi, as in any Pulumi program; its script is not needed.
                allowScripts: { protobufjs: false },
            };
            program(dir, packageJson, { strict: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", noEmit: true });
            installed = install(dir);
        });

        it("installs with no install-scripts warning", () => {
            expect(installed).to.not.include("install-scripts");
        });

        it("type-checks a program using the components, with TypeScript 7", () => {
            expectTypeChecks(dir, "typescript-7", 7);
        });

        it("holds none of the tools' dependencies in its production tree", () => {
            expectNoToolsInProduction(dir);
        });
    });
});
