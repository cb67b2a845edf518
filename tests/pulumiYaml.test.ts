import Ajv2020 from "ajv/dist/2020";
import { spawnSync } from "node:child_process";
import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { loadStackConfig, OBJECT_KEYS } from "../src/config/load";
import { stackConfigSchema } from "../src/config/schema";
import { readProjectDefaults, readStackConfig } from "../plan/stackFile";

const ROOT = path.resolve(__dirname, "..");

describe("project files", () => {
    it("Pulumi.yaml validates against Pulumi's project schema", () => {
        const schema = JSON.parse(readFileSync(path.join(__dirname, "fixtures", "pulumi-project.schema.json"), "utf8"));
        const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
        const project = parse(readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
        expect(validate(project), JSON.stringify(validate.errors, null, 2)).to.equal(true);
        expect(project.name).to.equal("sentinel-aws");
    });

    it("declares defaults the program accepts", () => {
        const defaults = readProjectDefaults(path.join(ROOT, "Pulumi.yaml"));
        const cfg = loadStackConfig({ ...readStackConfig(path.join(ROOT, "Pulumi.dev.yaml")), ...defaults }, "dev");
        expect(cfg.microsoftAccountId).to.equal(defaults["sentinel-aws:microsoftAccountId"]);
        expect(String(cfg.iamPropagationSeconds)).to.equal(defaults["sentinel-aws:iamPropagationSeconds"]);
    });

    it("declares every simple key of the program's schema with its type, a description and the program's own default", () => {
        const project = parse(readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as {
            config: Record<string, { type: string; description: string; default: unknown }>;
        };
        const simple = Object.keys(stackConfigSchema.shape).filter((key) => !key.includes(":") && !OBJECT_KEYS.has(key));
        expect(Object.keys(project.config).sort()).to.deep.equal(simple.sort());
        // What the program's schema gives a stack that sets nothing.
        const used = Object.fromEntries(
            simple.map((key) => [key, (stackConfigSchema.shape as Record<string, { parse(v: unknown): unknown }>)[key].parse(undefined)]),
        );
        for (const key of simple) {
            const declared = project.config[key];
            expect(declared.type, key).to.equal({ number: "integer", boolean: "boolean", string: "string" }[typeof used[key] as string]);
            expect(declared.description, key).to.be.a("string").with.length.greaterThan(20);
            expect(declared.default, key).to.equal(used[key]);
        }
    });

    it("every sample stack file is valid config", () => {
        const stacks = readdirSync(ROOT).filter((f) => /^Pulumi\.[\w.-]+\.yaml$/.test(f));
        expect(stacks).to.include("Pulumi.dev.yaml");
        for (const file of stacks) {
            const cfg = loadStackConfig(readStackConfig(path.join(ROOT, file)), file.split(".")[1]);
            expect(cfg.awsAccounts.length, file).to.be.greaterThan(0);
        }
        expect(loadStackConfig(readStackConfig(path.join(ROOT, "Pulumi.dev.yaml")), "dev").awsAccounts).to.have.length(2);
    });

    it("names the stack program as Pulumi.yaml's main, since package.json's main and exports are the built library", () => {
        const project = parse(readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
        const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
        // The Node.js host runs Pulumi.yaml's main when set, and falls back to package.json's exports, then main.
        expect(project.main).to.equal("index.ts");
        expect([pkg.main, pkg.types, pkg.exports["."].default, pkg.exports["."].types]).to.deep.equal([
            "dist/index.js",
            "dist/index.d.ts",
            "./dist/index.js",
            "./dist/index.d.ts",
        ]);
    });

    it("has Pulumi load the program through the TypeScript loader, with no type-check at start-up", () => {
        const project = parse(readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
        expect(project.runtime.options.typescript).to.equal(false);
        const nodeargs = String(project.runtime.options.nodeargs).split(" ");
        const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
        // Installed by the checkout's `npm ci` (and `pulumi install`), never by a library user.
        expect(pkg.devDependencies).to.include.keys("esbuild");
        // Pulumi's Node.js host requires the main module with these node arguments, and calls the function it exports.
        const main = `Promise.resolve().then(() => require(${JSON.stringify(path.join(ROOT, project.main))})()).catch((e) => console.error(e.message))`;
        const run = spawnSync(process.execPath, [...nodeargs, "-e", main], {
            cwd: ROOT,
            encoding: "utf8",
            env: { ...process.env, PULUMI_CONFIG: "{}" },
        });
        // With no stack config the program stops at its config check: the TypeScript was loaded and ran.
        expect(run.stderr).to.include("Invalid stack config");
        expect(run.stderr).to.include("sentinel-aws:workspace: is required");
    });
});
