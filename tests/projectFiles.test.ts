// What the docs say about the project's own files holds: the LICENSE is the licence
// package.json names, the layout names every file and folder, and the limits table every
// limit the config schema sets.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { LIMITS } from "../src/facts";
import { stackConfigSchema } from "../src/config/schema";

const ROOT = path.resolve(__dirname, "..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** Files a clone has, and new ones git does not ignore. */
function projectFiles(): string[] {
    const listed = spawnSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
    expect(listed.status, listed.stderr).to.equal(0);
    return listed.stdout.split("\n").filter(Boolean);
}

/** The section of a markdown page under `heading`, up to the next heading of its level or higher. */
function section(text: string, heading: string): string {
    const start = text.indexOf(`\n${heading}\n`);
    expect(start, heading).to.be.at.least(0);
    const level = heading.split(" ")[0];
    const next = text.slice(start + heading.length + 2).search(new RegExp(`\\n#{1,${level.length}} `));
    return next < 0 ? text.slice(start) : text.slice(start, start + heading.length + 2 + next);
}

describe("the project's files", () => {
    describe("LICENSE", () => {
        it("is the full text of the licence package.json names", () => {
            const { license } = JSON.parse(read("package.json")) as { license: string };
            expect(license, "package.json's license: the only one LICENSE is checked for").to.equal("Apache-2.0");
            const text = read("LICENSE");
            expect(text).to.match(
                /^\s*Apache License\s+Version 2\.0, January 2004\s+http:\/\/www\.apache\.org\/licenses\/\s+TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION/,
            );
            const sections = [
                "Definitions",
                "Grant of Copyright License",
                "Grant of Patent License",
                "Redistribution",
                "Submission of Contributions",
                "Trademarks",
                "Disclaimer of Warranty",
                "Limitation of Liability",
                "Accepting Warranty or Additional Liability",
            ];
            sections.forEach((title, i) => expect(text, title).to.include(`${i + 1}. ${title}.`));
            expect(text).to.include("END OF TERMS AND CONDITIONS");
        });
    });

    describe("docs/layout.md", () => {
        const layout = read("docs/layout.md");
        const named = (entry: string) => layout.includes(`\`${entry}\``) || layout.includes(`\`${entry}/\``);

        it("names every top-level file and folder", () => {
            const top = [...new Set(projectFiles().map((file) => file.split("/")[0]))];
            expect(top).to.include.members(["README.md", "LICENSE", "package.json", "src", "docs"]);
            expect(top.filter((entry) => !named(entry))).to.deep.equal([]);
        });

        it("names every folder of the code, the tools and the tests", () => {
            const folders = [
                ...new Set(
                    projectFiles()
                        .filter((file) => /^(src|plan|doctor|policy|scripts|tests)\//.test(file))
                        .flatMap((file) => {
                            const parts = file.split("/").slice(0, -1);
                            return parts.slice(1).map((_, i) => parts.slice(0, i + 2).join("/"));
                        }),
                ),
            ];
            expect(folders).to.include.members(["src/config", "tests/fixtures/doctor"]);
            expect(folders.filter((folder) => !named(folder))).to.deep.equal([]);
        });

        it("links the parts' own READMEs", () => {
            for (const readme of ["src/README.md", "plan/README.md", "doctor/README.md", "policy/README.md"]) expect(layout).to.include(`](../${readme})`);
        });
    });

    describe("the limits table of docs/configuration.md", () => {
        const limits = section(read("docs/configuration.md"), "## Limits");
        const rows = limits.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| what"));
        /** The row that names `key` in backticks, e.g. `s3.vpcIds`. */
        const rowOf = (key: string) => {
            const found = rows.filter((row) => row.includes(`\`${key}\``));
            expect(found, `one row of the limits table names \`${key}\``).to.have.length(1);
            return found[0].split("|")[2];
        };
        const shown = (n: number) => n.toLocaleString("en-US");

        /** Every list the schema bounds, with its path (`awsAccounts[].s3.vpcIds`) and its most. */
        function listLimits(schema: unknown, at: string, found: [string, number][] = []): [string, number][] {
            const def = (schema as { _zod: { def: Record<string, any> } })._zod.def;
            const inner = (s: unknown, p = at) => listLimits(s, p, found);
            if (def.type === "object") for (const [key, value] of Object.entries(def.shape)) inner(value, at ? `${at}.${key}` : key);
            else if (["optional", "default", "prefault", "nullable", "readonly", "catch"].includes(def.type)) inner(def.innerType);
            else if (def.type === "pipe") [def.in, def.out].forEach((s) => inner(s));
            else if (def.type === "union") (def.options as unknown[]).forEach((s) => inner(s));
            else if (def.type === "array") {
                for (const check of def.checks ?? []) if (check._zod.def.check === "max_length") found.push([at, check._zod.def.maximum]);
                inner(def.element, `${at}[]`);
            }
            return found;
        }

        it("gives every list limit of the config schema, under the key's name", () => {
            const found = listLimits(stackConfigSchema, "");
            expect(found.map(([key]) => key)).to.include.members(["awsAccounts", "awsAccounts[].s3.guardDutyDetectors", "ignoreTagChanges"]);
            for (const [key, most] of found) {
                // A key inside a list entry is named from there on (`s3.vpcIds`); others in full.
                const name = key.split("[].").pop()!;
                expect(rowOf(name), key).to.include(shown(most));
            }
        });

        it("gives the limits checked across entries", () => {
            expect(rowOf("connector: s3")).to.include(shown(LIMITS.s3Accounts));
            expect(rowOf("s3.vpcIds")).to.include(`${shown(LIMITS.vpcsPerStack)} per stack`);
            expect(rowOf("logTypes: [cloudWatch]")).to.include(`${shown(LIMITS.functionOrWafAccounts)} per stack`);
            expect(rowOf("s3.cloudWatchLogGroups")).to.include(`${shown(LIMITS.logGroupsPerStack)} per stack`);
            expect(rowOf("s3.wafWebAclArns")).to.include(`${shown(LIMITS.webAclsPerStack)} per stack`);
        });
    });
});
