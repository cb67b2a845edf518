// Pulumi ESC, offline: a stack file's `environment:` is never ignored in silence, and the
// values an environment holds can be given as `esc env open --format json` prints them.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { stringify } from "yaml";
import { EXIT } from "../plan/cli";
import { account, Json, runPlanCli, T } from "./helpers";

const audit = account("audit", "111122223333");
const ops = account("ops", "222233334444");
const workspace = { name: "sentinel-esc", resourceGroupName: "rg-sentinel-esc" };
/** Config the program plans without any environment's values. */
const complete: Json = { "azure-native:location": "westeurope", "sentinel-aws:workspace": workspace, "sentinel-aws:awsAccounts": [audit] };

/** A directory of its own per stack, as the plan looks beside the stack file for a committed environment. */
function stackFile(doc: Json, stack = "esc"): string {
    const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-esc-"));
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    writeFileSync(file, stringify(doc));
    return file;
}

/** What `esc env open <env> --format json` prints: the environment's values, credentials included. */
const opened = (pulumiConfig: Json): Json => ({
    aws: { login: { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "example", sessionToken: "example" } },
    environmentVariables: { AWS_ACCESS_KEY_ID: "ASIAEXAMPLE", ARM_USE_OIDC: "true" },
    pulumiConfig,
});

function jsonFile(content: unknown, name = "esc.json"): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "sentinel-aws-esc-file-")), name);
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
}

const planJson = async (...argv: string[]) => {
    const run = await runPlanCli(...argv, "--json");
    expect(run.code, run.stderr).to.equal(EXIT.ok);
    return JSON.parse(run.stdout) as { resources: { type: string; name: string; inputs: Json }[]; warnings?: string[] };
};

const WARNING =
    /Pulumi\.esc\.yaml imports ESC environments the plan cannot open offline: (.+)\. Every config value they set \(pulumiConfig\) is missing from this plan: give them with --esc-env FILE \(esc env open <env> --format json\) or commit them as Pulumi\.esc\.esc\.json/;

describe("Pulumi ESC in the offline plan", () => {
    describe("a stack file with environment:", () => {
        const file = stackFile({
            environment: ["myorg/sentinel/common", "myorg/sentinel/esc"],
            config: complete,
        });

        it("is planned from what the stack file holds, with a warning naming the environments, as text", async () => {
            const { code, stdout } = await runPlanCli("--config-file", file);
            expect(code).to.equal(EXIT.ok);
            expect(stdout).to.match(/^Plan for stack "esc": \d+ resources to create/);
            expect(stdout.match(WARNING)?.[1]).to.equal('"myorg/sentinel/common", "myorg/sentinel/esc"');
            expect(stdout).to.include("\nWarning: Pulumi.esc.yaml imports ESC environments");
        });

        it("warns in the pull-request comment (markdown), before any section", async () => {
            const { code, stdout } = await runPlanCli("--config-file", file, "--format", "markdown");
            expect(code).to.equal(EXIT.ok);
            const warning = stdout.indexOf("> **Warning:** Pulumi.esc.yaml imports ESC environments");
            expect(warning).to.be.greaterThan(0);
            expect(warning).to.be.below(stdout.indexOf("### Trust policies"));
            expect(stdout).to.match(WARNING);
        });

        it("warns in JSON as `warnings`, and in a diff against a saved plan, as text and JSON", async () => {
            const json = await planJson("--config-file", file);
            expect(json.warnings).to.have.length(1);
            expect(json.warnings![0]).to.match(WARNING);
            const base = jsonFile(json, "base.json");
            const diffText = await runPlanCli("--config-file", file, "--diff-against", base);
            expect(diffText.stdout).to.include("0 to add").and.match(WARNING);
            const diffJson = JSON.parse((await runPlanCli("--config-file", file, "--diff-against", base, "--json")).stdout);
            expect(diffJson.warnings[0]).to.match(WARNING);
        });

        it("names a single environment given as a string, and an inline environment definition", async () => {
            const single = stackFile({ environment: "myorg/sentinel/esc", config: complete });
            expect((await planJson("--config-file", single)).warnings![0].match(WARNING)?.[1]).to.equal('"myorg/sentinel/esc"');
            const inline = stackFile({ environment: { imports: ["myorg/sentinel/esc"], values: { pulumiConfig: { x: 1 } } }, config: complete });
            expect((await planJson("--config-file", inline)).warnings![0].match(WARNING)?.[1]).to.equal("an inline environment definition");
        });

        it("when a required key lives only in the environment: exit 2 with the warning, then the key the program misses", async () => {
            const accountsInEsc = stackFile({ environment: ["myorg/sentinel/esc"], config: { "sentinel-aws:workspace": workspace } });
            const { code, stdout, stderr } = await runPlanCli("--config-file", accountsInEsc);
            expect(code).to.equal(EXIT.badInput);
            expect(stdout).to.equal("");
            expect(stderr).to.match(/^Warning: Pulumi\.esc\.yaml imports ESC environments/);
            expect(stderr).to.include("sentinel-aws:awsAccounts");
        });
    });

    describe("the environment's values from a file (--esc-env)", () => {
        const accountsInEsc = stackFile({
            environment: ["myorg/sentinel/esc"],
            config: { "azure-native:location": "westeurope", "sentinel-aws:workspace": workspace },
        });

        it("plans an account list that lives only in the environment, with no warning", async () => {
            const json = await planJson("--config-file", accountsInEsc, "--esc-env", jsonFile(opened({ "sentinel-aws:awsAccounts": [audit, ops] })));
            expect(json.warnings).to.equal(undefined);
            expect(json.resources.filter((r) => r.type === T.role).map((r) => r.name)).to.deep.equal(["audit-sentinel-role", "ops-sentinel-role"]);
            expect(json.resources.filter((r) => r.type === T.connector)).to.have.length(2);
        });

        it("merges as Pulumi does: the stack file's values over the environment's, the environment's over Pulumi.yaml's defaults", async () => {
            const esc = jsonFile(
                opened({
                    awsAccounts: [audit], // a key without a namespace is the project's, as in the stack file
                    "sentinel-aws:workspace": { name: "from-esc", resourceGroupName: "rg-from-esc" },
                    "sentinel-aws:rolePermissions": "lookupEventsOnly", // Pulumi.yaml's default is readOnly
                }),
            );
            const json = await planJson("--config-file", accountsInEsc, "--esc-env", esc);
            const names = json.resources.map((r) => r.name);
            expect(names).to.include("sentinel-esc").and.not.include("from-esc");
            expect(json.resources.filter((r) => r.type === T.inlinePolicy).map((r) => r.name)).to.deep.equal(["audit-sentinel-role-lookup-events"]);
            expect(json.resources.filter((r) => r.type === T.attachment)).to.deep.equal([]);
        });

        it("reads Pulumi.<stack>.esc.json beside the stack file when no file is given; --esc-env wins over it", async () => {
            writeFileSync(path.join(path.dirname(accountsInEsc), "Pulumi.esc.esc.json"), JSON.stringify(opened({ "sentinel-aws:awsAccounts": [audit] })));
            const committed = await planJson("--config-file", accountsInEsc);
            expect(committed.warnings).to.equal(undefined);
            expect(committed.resources.filter((r) => r.type === T.role).map((r) => r.name)).to.deep.equal(["audit-sentinel-role"]);
            const given = await planJson("--config-file", accountsInEsc, "--esc-env", jsonFile(opened({ "sentinel-aws:awsAccounts": [ops] })));
            expect(given.resources.filter((r) => r.type === T.role).map((r) => r.name)).to.deep.equal(["ops-sentinel-role"]);
        });

        it("leaves a committed file alone beside a stack file without environment:, and the sample dev stack unchanged", async () => {
            const plain = stackFile({ config: complete });
            writeFileSync(path.join(path.dirname(plain), "Pulumi.esc.esc.json"), "not JSON");
            expect((await planJson("--config-file", plain)).warnings).to.equal(undefined);
            expect((await planJson()).warnings).to.equal(undefined);
        });
    });

    describe("bad input: exit 2, naming the file and the place, nothing planned", () => {
        const withEnvironment = stackFile({ environment: ["myorg/sentinel/esc"], config: complete });
        const bad = async (escFile: string, ...expected: (string | RegExp)[]) => {
            const { code, stdout, stderr } = await runPlanCli("--config-file", withEnvironment, "--esc-env", escFile);
            expect(code, stderr).to.equal(EXIT.badInput);
            expect(stdout).to.equal("");
            for (const e of expected) {
                if (typeof e === "string") expect(stderr).to.include(e);
                else expect(stderr).to.match(e);
            }
            return stderr;
        };
        const cases: [string, unknown, string][] = [
            ["text that is not JSON", "pulumiConfig: {}", "is not JSON (write it with esc env open <env> --format json"],
            [
                "a list where the environment's values belong",
                [{ pulumiConfig: {} }],
                "is not an opened ESC environment: the file must be a JSON object of the environment's values, not [{",
            ],
            ["no pulumiConfig", { environmentVariables: {} }, "is not an opened ESC environment: pulumiConfig is missing"],
            [
                "a pulumiConfig that is not an object",
                { pulumiConfig: ["awsAccounts"] },
                'is not an opened ESC environment: pulumiConfig must be an object of config keys to values, not ["awsAccounts"]',
            ],
            [
                "one key under both spellings",
                { pulumiConfig: { workspace, "sentinel-aws:workspace": workspace } },
                "in pulumiConfig, workspace and sentinel-aws:workspace are the same key",
            ],
            [
                "a number too large for config",
                '{"pulumiConfig": {"sentinel-aws:iamPropagationSeconds": 1e400}}',
                '"sentinel-aws:iamPropagationSeconds" holds a number too large for config (Infinity)',
            ],
        ];
        for (const [what, content, message] of cases) {
            it(`refuses a file with ${what}`, async () => {
                const file = jsonFile(content);
                await bad(file, `--esc-env: ${file}`, message);
            });
        }

        it("refuses a directory, an empty path, and --esc-env for a stack file without environment:", async () => {
            const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-esc-dir-"));
            await bad(dir, `${dir} is a directory`);
            const empty = await runPlanCli("--config-file", withEnvironment, "--esc-env", "");
            expect(empty.code).to.equal(EXIT.badInput);
            expect(empty.stderr).to.include("--esc-env: the path is empty");
            const plain = stackFile({ config: complete });
            const { code, stderr } = await runPlanCli("--config-file", plain, "--esc-env", jsonFile(opened({})));
            expect(code).to.equal(EXIT.badInput);
            expect(stderr).to.include(`--esc-env applies only to a stack file with environment:`).and.include(`${plain} has none`);
        });

        it("refuses an environment: that names no environment, its value escaped", async () => {
            const cases: [unknown, string][] = [
                [42, "environment must be a list of ESC environment names, not 42"],
                [
                    ["myorg/ok", { "myorg/x": { merge: false } }],
                    'environment[1] must be an ESC environment name ([org/][project/]env[@version]), not {"myorg/x":{"merge":false}}',
                ],
                ["my`env\u202e", 'environment must be an ESC environment name ([org/][project/]env[@version]), not "my\\u0060env\\u202e"'],
            ];
            for (const [environment, message] of cases) {
                const file = stackFile({ environment, config: complete });
                const { code, stdout, stderr } = await runPlanCli("--config-file", file);
                expect(code, stderr).to.equal(EXIT.badInput);
                expect(stdout).to.equal("");
                expect(stderr).to.equal(`${file}: ${message}\n`);
            }
        });
    });
});
