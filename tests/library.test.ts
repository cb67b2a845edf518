// The library as others get it: the built entry point (JS and .d.ts, through package.json's
// `exports`), and the component package that `pulumi package add` reads, whose schema the
// SDK's own component host derives here as it would for the CLI.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { expect } from "chai";
import { parse } from "yaml";
import { COMPONENT_PACKAGE } from "../src";
import { CONCURRENCY_MODES, ROLE_PERMISSIONS } from "../src/constants";
import { ALERT_SEVERITIES } from "../src/content/facts";
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
        const options = ["--ignoreConfig", "--noEmit", "--strict", "--module", "nodenext", "--skipLibCheck", "--types", "node"];
        const check = spawnSync(process.execPath, [TSC, ...options, path.join(consumer, "index.ts")], { cwd: ROOT, encoding: "utf8" });
        rmSync(consumer, { recursive: true });
        expect(check.stdout + check.stderr).to.equal("");
        expect(check.status).to.equal(0);
    });
});

describe("the component package (PulumiPlugin.yaml)", function () {
    this.timeout(120_000);
    let schema: {
        name: string;
        resources: Record<
            string,
            { isComponent: boolean; inputProperties: Record<string, { description?: string }>; properties: Record<string, { description?: string }> }
        >;
        types: Record<string, { enum?: { value: string }[]; properties?: Record<string, { description?: string }> }>;
    };
    before(async () => {
        const provider = new ComponentProvider({ ...COMPONENT_PACKAGE, dirname: ROOT });
        schema = JSON.parse(await provider.getSchema());
    });

    it("is a nodejs plugin whose entry point exists", () => {
        const manifest = parse(readFileSync(path.join(ROOT, "PulumiPlugin.yaml"), "utf8"));
        expect(manifest.runtime).to.equal("nodejs");
        expect(readFileSync(path.join(ROOT, manifest.main), "utf8")).to.include("componentProviderHost");
    });

    it("has the SDK's component host derive a schema naming every component of the package", () => {
        expect(schema.name).to.equal("sentinel-aws");
        expect(Object.keys(schema.resources).sort()).to.deep.equal(COMPONENT_PACKAGE.components.map((c) => c.TYPE).sort());
        for (const resource of Object.values(schema.resources)) expect(resource.isComponent).to.equal(true);
    });

    it("takes the workspace as plain inputs, and the account and role as the args name them", () => {
        const connection = schema.resources["sentinel-aws:index:AwsAccountConnection"];
        expect(connection.inputProperties).to.include.keys("workspace", "accountId", "roleName", "rolePermissions", "adopt");
        const link = schema.types["sentinel-aws:index:WorkspaceLink"];
        expect(link.properties).to.include.keys("workspaceId", "resourceGroupName", "workspaceName");
        expect(schema.types["sentinel-aws:index:RolePermissions"].enum!.map((e) => e.value)).to.deep.equal([...ROLE_PERMISSIONS]);
    });

    it("offers the StackSet's concurrency mode as an enum of the organisation's connection", () => {
        const connection = schema.resources["sentinel-aws:index:OrganizationConnection"];
        expect(connection.inputProperties).to.include.keys("concurrencyMode", "maxConcurrentPercentage", "failureTolerancePercentage");
        expect(schema.types["sentinel-aws:index:ConcurrencyMode"].enum!.map((e) => e.value)).to.deep.equal([...CONCURRENCY_MODES]);
    });

    it("offers SentinelContent with the catalogue's items as its inputs and the alert severities as an enum", () => {
        const content = schema.resources["sentinel-aws:index:SentinelContent"];
        expect(content.inputProperties).to.include.keys("workspace", "solution", "templates", "rules", "holdVersion");
        expect(schema.types["sentinel-aws:index:AlertSeverity"].enum!.map((e) => e.value)).to.deep.equal([...ALERT_SEVERITIES]);
    });

    it("documents every input and output of every component and type", () => {
        const undocumented = [
            ...Object.entries(schema.resources).flatMap(([token, r]) =>
                Object.entries({ ...r.inputProperties, ...r.properties }).flatMap(([key, p]) => (p.description ? [] : [`${token}.${key}`])),
            ),
            ...Object.entries(schema.types).flatMap(([token, t]) =>
                Object.entries(t.properties ?? {}).flatMap(([key, p]) => (p.description ? [] : [`${token}.${key}`])),
            ),
        ];
        expect(undocumented).to.deep.equal([]);
    });
});
