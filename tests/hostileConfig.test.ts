// Config written to trip the plan up rather than to deploy: names that are JavaScript's own,
// values that escaping or cutting could disguise, and stack files whose bytes or spelling hide
// what they say. Each refusal is also a kind in badConfig.test.ts; here is what a case there
// cannot show.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { parse } from "yaml";
import { describe as shown } from "../src/config/show";
import { EXIT } from "../plan/cli";
import { encodingProblem, nonFiniteNumbers, qualifiedKeyClashes } from "../plan/stackFileChecks";
import { runPlanCli } from "./helpers";

const DIR = mkdtempSync(path.join(tmpdir(), "sentinel-aws-hostile-"));

function plan(yaml: string, ...args: string[]) {
    const file = path.join(DIR, "Pulumi.hostile.yaml");
    writeFileSync(file, yaml);
    return runPlanCli("--config-file", file, ...args);
}

const STACK = `config:
  azure-native:location: westeurope
  sentinel-aws:workspace: { name: sentinel-x, resourceGroupName: rg }
`;

describe("hostile stack config", () => {
    describe("tags named like Object.prototype's members, which AWS and Azure accept", () => {
        const NAMES = ["toString", "valueOf", "constructor", "hasOwnProperty", "isPrototypeOf", "__defineGetter__"];

        it("plans each of them on every tagged resource of both connectors", async () => {
            const { code, stdout, stderr } = await plan(
                `${STACK}  sentinel-aws:tags: { ${NAMES.map((n) => `${n}: stack`).join(", ")} }
  sentinel-aws:awsAccounts:
    - { name: a, accountId: "111122223333", region: us-east-1, tags: { toString: account } }
    - { name: b, accountId: "444455556666", region: us-east-1, connector: s3 }
`,
                "--json",
            );
            expect(code, stderr).to.equal(EXIT.ok);
            const tagged = (JSON.parse(stdout).resources as { name: string; inputs: { tags?: Record<string, string> } }[]).filter((r) => r.inputs.tags);
            expect(tagged.length).to.be.greaterThan(5);
            for (const { name, inputs } of tagged) {
                const own: Record<string, string> = name.startsWith("a-") ? { toString: "account" } : {};
                expect(inputs.tags, name).to.deep.equal({ ...Object.fromEntries(NAMES.map((n) => [n, "stack"])), ...own });
            }
        });
    });

    describe("messages that must not mislead", () => {
        it("says a string is not a list, without a length rule that does not apply to it", async () => {
            const { code, stderr } = await plan(`${STACK}  sentinel-aws:awsAccounts:
    - { name: a, accountId: "111122223333", region: us-east-1, connector: s3, s3: { logTypes: "cloudTrail,guardDuty" } }
`);
            expect(code).to.equal(EXIT.badInput);
            expect(stderr).to.include('must be a list of cloudTrail, guardDuty, vpcFlowLogs, cloudWatch, waf, not "cloudTrail,guardDuty"');
            expect(stderr).to.not.include("at most");
        });

        it("shows numbers JSON cannot write as what they are", () => {
            expect([Infinity, -Infinity, NaN].map(shown)).to.deep.equal(["Infinity", "-Infinity", "NaN"]);
            expect(shown({ retentionInDays: Infinity })).to.equal('{"retentionInDays":Infinity}');
        });

        it("keeps the start and the end of a long value, and cuts no escape in half", () => {
            const arn = `arn:aws:iam::111122223333:role/${"team/".repeat(30)}\u0420ole`;
            const text = shown(arn);
            expect(text.length).to.be.at.most(120);
            expect(text).to.match(/^"arn:aws:iam::111122223333:role\/team\//);
            expect(text).to.match(/\.\.\..*\/\\u0420ole"$/);
        });

        it("escapes what could end a code block or drive a terminal", () => {
            expect(shown("a\n```\u001b[2J\u0007")).to.equal('"a\\n\\u0060\\u0060\\u0060\\u001b[2J\\u0007"');
        });

        it("shows a value nested 100,000 deep without exhausting the stack", () => {
            const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
            expect(shown(deep)).to.match(/^\[\[\[.*\.\.\..*\]\]\]$/);
        });
    });

    describe("stack file checks (stackFileChecks.ts)", () => {
        const YAML = "config:\n  sentinel-aws:tags: { owner: secops }\n";

        it("names UTF-16 and UTF-32, with or without a byte-order mark, and takes UTF-8 with or without one", () => {
            const utf16be = (text: string) => Buffer.from(text, "utf16le").swap16();
            const utf32le = (text: string) => {
                const bytes = Buffer.alloc(text.length * 4);
                [...text].forEach((c, i) => bytes.writeUInt32LE(c.codePointAt(0) ?? 0, i * 4));
                return bytes;
            };
            const utf32be = (text: string) => Buffer.from(utf32le(text)).swap32();
            const found = (bytes: Uint8Array) => encodingProblem(bytes)?.match(/^is (UTF-\d+ \([a-z]+-endian\)) text, not UTF-8: save it as UTF-8$/)?.[1];
            expect(found(Buffer.from(`\ufeff${YAML}`, "utf16le"))).to.equal("UTF-16 (little-endian)");
            expect(found(Buffer.from(YAML, "utf16le"))).to.equal("UTF-16 (little-endian)");
            expect(found(utf16be(`\ufeff${YAML}`))).to.equal("UTF-16 (big-endian)");
            expect(found(utf16be(YAML))).to.equal("UTF-16 (big-endian)");
            expect(found(utf32le(`\ufeff${YAML}`))).to.equal("UTF-32 (little-endian)");
            expect(found(utf32le(YAML))).to.equal("UTF-32 (little-endian)");
            expect(found(utf32be(`\ufeff${YAML}`))).to.equal("UTF-32 (big-endian)");
            expect(found(utf32be(YAML))).to.equal("UTF-32 (big-endian)");
            expect(encodingProblem(Buffer.from(YAML))).to.equal(undefined);
            expect(encodingProblem(Buffer.from(`\ufeff${YAML}`))).to.equal(undefined);
            expect(encodingProblem(Buffer.from(""))).to.equal(undefined);
        });

        it("names both spellings of a key set twice, escaped", () => {
            expect(qualifiedKeyClashes(["azure-native:location", "workspace", "tags", "sentinel-aws:workspace"])).to.deep.equal([
                "workspace and sentinel-aws:workspace are the same key (a key without a namespace is sentinel-aws's): keep one",
            ]);
            expect(qualifiedKeyClashes(["sentinel-aws:a\u001b", "a\u001b"])).to.deep.equal([
                '"a\\u001b" and "sentinel-aws:a\\u001b" are the same key (a key without a namespace is sentinel-aws\'s): keep one',
            ]);
            expect(qualifiedKeyClashes(["workspace", "aws:region", "sentinel-aws:tags"])).to.deep.equal([]);
        });

        it("names every number YAML reads as Infinity or NaN, where the file puts it", () => {
            const config = parse(`
workspace: { name: w, retentionInDays: .inf }
sentinel-aws:iamPropagationSeconds: 1e400
sentinel-aws:awsAccounts: [{ s3: { vpcIds: [vpc-1, -.inf] } }, { x: .nan }]
sentinel-aws:tags: { ok: 1e300 }
`);
            const problems = nonFiniteNumbers(config);
            expect(problems.map((p) => p.slice(0, p.indexOf(": YAML")))).to.have.members([
                "workspace.retentionInDays",
                "sentinel-aws:iamPropagationSeconds",
                "sentinel-aws:awsAccounts[0].s3.vpcIds[1]",
                "sentinel-aws:awsAccounts[1].x",
            ]);
            expect(problems.join("\n")).to.include("as Infinity").and.include("as -Infinity").and.include("as NaN");
        });
    });
});
