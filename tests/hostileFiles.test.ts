// Hostile input files, as a fork can commit them: special files, sizes, YAML that is slow,
// ambiguous or circular, and saved plans that are deep, odd or carry control characters.
// Each must end in exit 2 with a short, escaped message naming the file, or plan correctly.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { EXIT } from "../plan/cli";
import { MAX_JSON_FILE_BYTES, MAX_NESTING, MAX_YAML_FILE_BYTES } from "../plan/inputFile";
import { MAX_ANCHORS } from "../plan/yamlFile";
import { ROOT, runPlanCli } from "./helpers";

const MIB = 1024 * 1024;
const DIR = mkdtempSync(path.join(tmpdir(), "sentinel-aws-hostile-"));

function write(name: string, content: string): string {
    const file = path.join(DIR, name);
    writeFileSync(file, content);
    return file;
}

const VALID = `config:
  azure-native:location: westeurope
  sentinel-aws:workspace: { name: sentinel-x, resourceGroupName: rg }
  sentinel-aws:awsAccounts:
    - { name: a, accountId: "111122223333", region: us-east-1 }
`;

/** Raw control characters: none may reach a terminal or a pull-request comment. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;

/**
 * `npm run plan` once per argument list, in one process of its own: a file that blocks or
 * never ends must not stop the test run when it regresses, so the process is killed after a
 * minute (the assertions on its exit codes and messages then fail).
 */
function planProcess(runs: string[][]): { argv: string[]; code: number; stdout: string; stderr: string }[] {
    const run = spawnSync(
        process.execPath,
        ["--require", path.join(ROOT, "typescript-loader.cjs"), path.join(__dirname, "hostile", "planRuns.ts"), JSON.stringify(runs)],
        {
            cwd: ROOT,
            encoding: "utf8",
            timeout: 60_000,
            killSignal: "SIGKILL",
        },
    );
    expect(run.status, `${run.signal ?? ""} ${run.stderr}`).to.equal(0);
    return JSON.parse(run.stdout);
}

/**
 * The CPU time of one run in this process, in ms. CPU time, not wall-clock time: other
 * processes (the other test worker, other jobs on the machine) stretch the wall clock of one
 * run more than another's, and made the ratio below fail under load with no regression.
 */
async function cpuMs(run: () => Promise<void>): Promise<number> {
    const start = process.cpuUsage();
    await run();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
}

/**
 * The ratio of the fastest of each run's CPU times, measured in rounds until it is below
 * `limit` or `rounds` are done: a linear run is clear after one round, and a regression is
 * only ever reported on the fastest of all rounds.
 */
async function fastestRatio(large: () => Promise<void>, small: () => Promise<void>, limit: number, rounds = 3): Promise<number> {
    let [fastLarge, fastSmall] = [Infinity, Infinity];
    for (let round = 0; round < rounds && !(fastLarge / fastSmall < limit); round++) {
        fastSmall = Math.min(fastSmall, await cpuMs(small));
        fastLarge = Math.min(fastLarge, await cpuMs(large));
    }
    return fastLarge / fastSmall;
}

describe("hostile input files", () => {
    // Some files here are tens of megabytes; the links in it are removed, not followed.
    after(() => rmSync(DIR, { recursive: true, force: true }));

    describe("special files and sizes", () => {
        it("refuses a named pipe, a symlink to /dev/zero and a directory, as a stack file and as a base plan, without waiting", () => {
            const fifo = path.join(DIR, "Pulumi.fifo.yaml");
            execFileSync("mkfifo", [fifo]);
            const zero = path.join(DIR, "Pulumi.zero.yaml");
            symlinkSync("/dev/zero", zero);
            const directory = path.join(DIR, "Pulumi.dir.yaml");
            mkdirSync(directory);
            const cases = [
                [fifo, "a named pipe"],
                [zero, "a device"],
                [directory, "a directory"],
            ].flatMap(([file, kind]) => ["--config-file", "--diff-against"].map((option) => ({ option, file, kind })));
            const runs = planProcess(cases.map(({ option, file }) => [option, file]));
            expect(runs).to.have.length(cases.length);
            cases.forEach(({ option, file, kind }, i) => {
                const { argv, code, stdout, stderr } = runs[i];
                expect(argv).to.deep.equal([option, file]);
                expect(code, `${option} ${file}: ${stderr}`).to.equal(EXIT.badInput);
                expect(stdout).to.equal("");
                expect(stderr).to.include(`${file} is ${kind}: only regular files are read`);
            });
        });

        it("reads a stack file through a symlink to a regular file", async () => {
            const link = path.join(DIR, "Pulumi.linked.yaml");
            symlinkSync(write("target.yaml", VALID), link);
            const { code, stdout, stderr } = await runPlanCli("--config-file", link);
            expect(code, stderr).to.equal(EXIT.ok);
            expect(stdout).to.match(/^Plan for stack "linked"/);
        });

        it(`refuses a stack file over ${MAX_YAML_FILE_BYTES / MIB} MiB unread, even a valid one`, async () => {
            const file = write("Pulumi.big.yaml", `${VALID}#${"x".repeat(MAX_YAML_FILE_BYTES)}\n`);
            const { code, stdout, stderr } = await runPlanCli("--config-file", file);
            expect(code).to.equal(EXIT.badInput);
            expect(stdout).to.equal("");
            expect(stderr).to.equal(`${file} is larger than ${MAX_YAML_FILE_BYTES / MIB} MiB, more than any valid file of its kind; refused unread\n`);
        });

        it(`refuses a saved plan over ${MAX_JSON_FILE_BYTES / MIB} MiB unread, even a valid one`, async () => {
            const base = (await runPlanCli("--json")).stdout;
            const file = write("big.json", base + " ".repeat(MAX_JSON_FILE_BYTES));
            const { code, stdout, stderr } = await runPlanCli("--diff-against", file);
            expect(code).to.equal(EXIT.badInput);
            expect(stdout).to.equal("");
            expect(stderr).to.include(`${file} is larger than ${MAX_JSON_FILE_BYTES / MIB} MiB`);
        });
    });

    describe("YAML", () => {
        /** A stack file whose tags mapping has `n` keys (more than 50 tags are refused, after parsing). */
        const manyKeys = (n: number) =>
            write(`Pulumi.keys${n}.yaml`, `${VALID}  sentinel-aws:tags:\n${Array.from({ length: n }, (_, i) => `    k${i}: v\n`).join("")}`);

        it("reads a mapping of 50,000 keys in time linear in their number, not quadratic", async function () {
            // Slow only when it regresses (a minute, quadratic): long enough to fail on the ratio, not the time.
            this.timeout(180_000);
            const plan = (file: string) => async () => {
                const { code, stderr } = await runPlanCli("--config-file", file);
                expect(code).to.equal(EXIT.badInput);
                expect(stderr).to.include("sentinel-aws:tags");
            };
            // Four times the keys: about four times the time if linear, sixteen if quadratic.
            expect(await fastestRatio(plan(manyKeys(50_000)), plan(manyKeys(12_500)), 8)).to.be.below(8);
        });

        it("names the encoding of a UTF-16 or UTF-32 stack file instead of calling it no mapping", async () => {
            const encodings: [name: string, bytes: Buffer][] = [
                ["UTF-16 (little-endian)", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID, "utf16le")])],
                ["UTF-16 (big-endian)", Buffer.from(VALID, "utf16le").swap16()],
                [
                    "UTF-32 (little-endian)",
                    Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from([...VALID].flatMap((c) => [c.charCodeAt(0), 0, 0, 0]))]),
                ],
            ];
            for (const [name, bytes] of encodings) {
                const file = path.join(DIR, "Pulumi.encoded.yaml");
                writeFileSync(file, bytes);
                const { code, stderr } = await runPlanCli("--config-file", file);
                expect(code, name).to.equal(EXIT.badInput);
                expect(stderr, name).to.equal(`${file} is ${name} text, not UTF-8: save it as UTF-8\n`);
            }
        });

        it("refuses one key under both spellings, which would let the last silently win", async () => {
            const file = write("Pulumi.pair.yaml", `${VALID}  workspace: { name: sentinel-y, resourceGroupName: rg, protect: false }\n`);
            const { code, stderr } = await runPlanCli("--config-file", file);
            expect(code).to.equal(EXIT.badInput);
            expect(stderr).to.include("workspace and sentinel-aws:workspace are the same key");
        });

        it("names numbers YAML reads as Infinity or NaN instead of showing them as null", async () => {
            for (const [value, shown] of [
                [".inf", "Infinity"],
                [".nan", "NaN"],
                ["1e400", "Infinity"],
            ]) {
                const file = write("Pulumi.inf.yaml", `${VALID}  sentinel-aws:iamPropagationSeconds: ${value}\n`);
                const { code, stderr } = await runPlanCli("--config-file", file);
                expect(code, value).to.equal(EXIT.badInput);
                expect(stderr, value).to.include(`sentinel-aws:iamPropagationSeconds: YAML reads this number as ${shown}`);
            }
        });

        it("still refuses a key given twice, in any mapping, also when the spellings differ but the key is the same", async () => {
            const cases: [yaml: string, line: number, key: string][] = [
                [`${VALID}  azure-native:location: eastus\n`, 6, "azure-native:location"],
                [`${VALID}  sentinel-aws:tags: {a: x, b: y, a: z}\n`, 6, "a"],
                [`${VALID}  sentinel-aws:tags:\n    1: x\n    "1": y\n`, 8, "1"],
                [`${VALID}  sentinel-aws:tags:\n    ~: x\n    "": y\n`, 8, ""],
            ];
            for (const [yaml, line, key] of cases) {
                const file = write("Pulumi.dup.yaml", yaml);
                const { code, stderr } = await runPlanCli("--config-file", file);
                expect(code, yaml).to.equal(EXIT.badInput);
                expect(stderr, yaml).to.match(new RegExp(`^${file} is not valid YAML: line ${line}, column \\d+: duplicate key ${key}\\n$`));
            }
        });

        it("refuses YAML warnings as the plan's own escaped message, an unknown tag among them, and lets yaml print nothing; refuses YAML 1.1", async () => {
            const emitted: unknown[] = [];
            const emitWarning = process.emitWarning;
            process.emitWarning = (warning: string | Error) => void emitted.push(warning);
            try {
                const tag = write("Pulumi.tag.yaml", VALID.replace("location: westeurope", 'location: !custom "\x1b[31mwesteurope"'));
                const tagged = await runPlanCli("--config-file", tag);
                expect(tagged.code).to.equal(EXIT.badInput);
                expect(tagged.stderr).to.equal(
                    `${tag} is not valid YAML: line 2, column 26: Unresolved tag: !custom: Pulumi ignores YAML tags in stack files and would read the value without it; remove the tag\n`,
                );
                const directive = write("Pulumi.directive.yaml", `%FOO bar\n---\n${VALID}`);
                const directed = await runPlanCli("--config-file", directive);
                expect(directed.code).to.equal(EXIT.badInput);
                expect(directed.stderr).to.include("line 1, column 1: Unknown directive %FOO");
                // Not a warning, but as misleading: YAML 1.1 reads `off` as false, Pulumi as the text "off".
                const version = write("Pulumi.yaml11.yaml", `%YAML 1.1\n---\n${VALID}  sentinel-aws:tags: {off: off}\n`);
                const versioned = await runPlanCli("--config-file", version);
                expect(versioned.code).to.equal(EXIT.badInput);
                expect(versioned.stderr).to.equal(
                    `${version}: %YAML 1.1 would make the plan read values differently from Pulumi, which reads YAML 1.2; remove the directive\n`,
                );
            } finally {
                process.emitWarning = emitWarning;
            }
            expect(emitted).to.deep.equal([]);
        });

        it("cuts and escapes file content echoed in a YAML error", async () => {
            const file = write("Pulumi.echo.yaml", `config:\n  a: |x\x1b]0;${"A".repeat(160_000)}\n`);
            const { code, stderr } = await runPlanCli("--config-file", file);
            expect(code).to.equal(EXIT.badInput);
            expect(stderr).to.include("Block scalar header includes extra characters: |x\\u001b]0;AAA");
            expect(stderr).to.not.match(CONTROL);
            expect(stderr.length).to.be.below(file.length + 300);
        });

        it("refuses an alias inside the value it names, which would make a value contain itself", async () => {
            const file = write("Pulumi.circle.yaml", `${VALID}  sentinel-aws:tags: &t {a: [*t]}\n`);
            const { code, stderr } = await runPlanCli("--config-file", file);
            expect(code).to.equal(EXIT.badInput);
            expect(stderr).to.equal(`${file} is not valid YAML: line 6, column 30: alias *t stands inside the value it names\n`);
        });

        it(`refuses more than ${MAX_ANCHORS} anchors and aliases, whose lookup grows with the square of their number`, async () => {
            const anchors = Array.from({ length: MAX_ANCHORS / 2 + 1 }, (_, i) => `  x-a${i}: &a${i} v\n  x-b${i}: *a${i}\n`).join("");
            const file = write("Pulumi.anchors.yaml", VALID + anchors);
            const { code, stderr } = await runPlanCli("--config-file", file);
            expect(code).to.equal(EXIT.badInput);
            expect(stderr).to.match(new RegExp(`^${file} is not valid YAML: line \\d+, column \\d+: more than ${MAX_ANCHORS} anchors and aliases\\n$`));
        });

        it(`refuses nesting deeper than ${MAX_NESTING} levels`, async () => {
            for (const depth of [MAX_NESTING + 1, 5_000]) {
                const file = write("Pulumi.deep.yaml", `${VALID}  sentinel-aws:tags: ${"[".repeat(depth)}${"]".repeat(depth)}\n`);
                const { code, stderr } = await runPlanCli("--config-file", file);
                expect(code, String(depth)).to.equal(EXIT.badInput);
                expect(stderr, String(depth)).to.match(
                    new RegExp(`^${file} is not valid YAML: line 6, column \\d+: nested too deeply \\(at most ${MAX_NESTING} levels\\)\\n$`),
                );
            }
        });
    });

    describe("arguments", () => {
        it("refuses an empty path for every file option, as it refuses an empty stack name", async () => {
            for (const option of ["--config-file", "--diff-against", "--org-accounts", "--policy-pack-config"]) {
                const { code, stdout, stderr } = await runPlanCli(option, "");
                expect(code, option).to.equal(EXIT.badInput);
                expect(stdout, option).to.equal("");
                expect(stderr, option).to.match(new RegExp(`^${option}: the path is empty\\n\\nUsage:`));
            }
        });
    });

    describe("--diff-against", () => {
        let base: string;
        before(async () => {
            base = (await runPlanCli("--json")).stdout;
        });

        /** The saved dev plan, with the JSON text `raw` in place of the role's description input. */
        const withRoleInput = (name: string, raw: string) => {
            const plan = JSON.parse(base);
            const role = plan.resources.find((r: { type: string }) => r.type === "aws:iam/role:Role");
            role.inputs.description = "@@";
            return write(name, JSON.stringify(plan).replace('"@@"', raw));
        };

        it(`refuses a base plan nested deeper than ${MAX_NESTING} levels, also inside JSON text, and prints nothing`, async () => {
            for (const [name, raw] of [
                ["deep.json", `${"[".repeat(5_000)}${"]".repeat(5_000)}`],
                ["deep-text.json", JSON.stringify(`${"[".repeat(2_000)}${"]".repeat(2_000)}`)],
            ]) {
                const file = withRoleInput(name, raw);
                const { code, stdout, stderr } = await runPlanCli("--diff-against", file);
                expect(code, name).to.equal(EXIT.badInput);
                expect(stdout, name).to.equal("");
                // Nesting in the file is refused as it is read, at its place; nesting inside JSON text, as the plan is checked.
                if (name === "deep.json")
                    expect(stderr).to.match(new RegExp(`^--diff-against: ${file}: line 1, column \\d+: nested deeper than ${MAX_NESTING} levels`));
                else
                    expect(stderr, name).to.match(
                        new RegExp(`^--diff-against: ${file} is not a saved plan: resources\\[\\d+\\]\\.inputs\\.description.*\\[0\\]`),
                    );
                expect(stderr.length, name).to.be.below(file.length + 300);
            }
        });

        it("warns, in every format, when the base plan is another stack's", async () => {
            const plan = JSON.parse(base);
            plan.stack = "prod";
            const file = write("other-stack.json", JSON.stringify(plan));
            for (const format of ["text", "markdown", "json"]) {
                const { code, stdout } = await runPlanCli("--diff-against", file, "--format", format);
                expect(code, format).to.equal(EXIT.ok);
                expect(stdout, format).to.match(/other-stack\.json is the saved plan of stack \\?"prod\\?", not of \\?"dev\\?": every difference/);
            }
        });

        it("refuses control characters in a base plan, in values and in names, and prints nothing raw", async () => {
            for (const [name, raw] of [
                ["esc-value.json", JSON.stringify("\x1b[2J\x1b[31mforged")],
                ["esc-key.json", JSON.stringify({ 'a\nPlan for stack "prod": no changes': 1 })],
                ["bidi.json", JSON.stringify("abc\u202edef")],
            ]) {
                const file = withRoleInput(name, raw);
                const { code, stdout, stderr } = await runPlanCli("--diff-against", file);
                expect(code, name).to.equal(EXIT.badInput);
                expect(stdout, name).to.equal("");
                expect(stderr, name).to.include(`--diff-against: ${file} is not a saved plan:`).and.include("holds a control character");
                expect(stderr, name).to.not.match(CONTROL);
            }
        });

        it("escapes the base plan's file name where the diff shows it", async () => {
            const file = write("base\x1b[2J.json", base);
            const { code, stdout } = await runPlanCli("--diff-against", file);
            expect(code).to.equal(EXIT.ok);
            expect(stdout).to.include('Plan for stack "dev" against base\\u001b[2J.json: 0 to add, 0 to change, 0 to remove');
            expect(stdout).to.not.match(CONTROL);
        });

        it("compares inputs named constructor, __proto__ and toString like any other", async () => {
            const plan = JSON.parse(base);
            const role = plan.resources.find((r: { type: string }) => r.type === "aws:iam/role:Role");
            const inputs = JSON.stringify(role.inputs).replace(/^\{/, '{"constructor":1,"__proto__":{"x":1},"toString":"t",');
            const file = write("proto.json", JSON.stringify(plan).replace(JSON.stringify(role.inputs), inputs));
            const text = await runPlanCli("--diff-against", file);
            expect(text.code, text.stderr).to.equal(EXIT.ok);
            expect(text.stdout).to.include("0 to add, 1 to change, 0 to remove");
            for (const [key, before] of [
                ["__proto__", '{"x":1}'],
                ["constructor", "1"],
                ["toString", "t"],
            ]) {
                expect(text.stdout).to.include(`      ${key}:\n        before: ${before}\n        after:  (not set)\n`);
            }
            const json = await runPlanCli("--diff-against", file, "--json");
            expect(json.code, json.stderr).to.equal(EXIT.ok);
            expect(Object.keys(JSON.parse(json.stdout).changed[0].changes)).to.deep.equal(["__proto__", "constructor", "toString"]);
        });

        it("reads back every example stack's saved plan: nothing refused, nothing changed", async () => {
            const stacks: string[][] = [
                ["--config-file", path.join(ROOT, "Pulumi.dev.yaml")],
                ["--config-file", path.join(ROOT, "examples/Pulumi.s3.yaml")],
                ["--config-file", path.join(ROOT, "examples/Pulumi.org.yaml"), "--org-accounts", path.join(ROOT, "examples/Pulumi.org.org-accounts.json")],
            ];
            for (const args of stacks) {
                const saved = await runPlanCli(...args, "--json");
                expect(saved.code, saved.stderr).to.equal(EXIT.ok);
                const { code, stdout, stderr } = await runPlanCli(...args, "--diff-against", write("saved.json", saved.stdout));
                expect(code, stderr).to.equal(EXIT.ok);
                expect(stdout).to.match(/: 0 to add, 0 to change, 0 to remove, \d+ unchanged\n/);
            }
        });
    });
});
