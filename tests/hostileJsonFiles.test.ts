// Every JSON input file, read as strictly as stack files: a duplicate key (which JSON.parse
// would settle silently, last one winning), a `__proto__` key, a byte-order mark and deep
// nesting each exit 2 with a message that says which, for each flag that reads one.
import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { runDoctor } from "../doctor/cli";
import type { Clouds } from "../doctor/clouds";
import { EXIT } from "../plan/cli";
import { account, runPlanCli } from "./helpers";

const DIR = mkdtempSync(path.join(tmpdir(), "sentinel-aws-json-"));
const write = (name: string, text: string) => {
    const file = path.join(DIR, name);
    writeFileSync(file, text);
    return file;
};

/** A stack that imports an ESC environment, for --esc-env. */
const escStack = write(
    "Pulumi.esc.yaml",
    stringify({
        environment: ["myorg/sentinel"],
        config: {
            "azure-native:location": "westeurope",
            "sentinel-aws:workspace": { name: "sentinel-esc", resourceGroupName: "rg-sentinel-esc" },
            "sentinel-aws:awsAccounts": [account("audit", "111122223333")],
        },
    }),
);

const unreachable = (): never => {
    throw new Error("a cloud was called");
};
const NO_CLOUDS: Clouds = { aws: { defaultCredentials: unreachable, endpoints: {} }, azure: unreachable };
const CONFIG = path.join(__dirname, "fixtures", "doctor", "Pulumi.doctor.yaml");

/** Each flag that reads a JSON file, run on `file`: exit code and stderr. */
const READERS: Record<string, (file: string) => Promise<{ code: number; stderr: string; stdout: string }>> = {
    "--policy-pack-config": (file) => runPlanCli("--policy-pack-config", file),
    "--diff-against": (file) => runPlanCli("--diff-against", file),
    "--esc-env": (file) => runPlanCli("--stack", "esc", "--config-file", escStack, "--esc-env", file),
    "doctor --outputs": async (file) => {
        let stdout = "";
        let stderr = "";
        const code = await runDoctor(
            ["--stack", "doctor", "--config-file", CONFIG, "--outputs", file],
            { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false },
            path.resolve(__dirname, ".."),
            NO_CLOUDS,
        );
        return { code, stdout, stderr };
    },
};

const CASES: [what: string, text: string, message: RegExp][] = [
    [
        "a duplicate key, the second hiding the first",
        '{"pulumiConfig": {"a": "1"}, "all": "mandatory", "all": "disabled"}',
        /: line 1, column 50: duplicate key "all": JSON readers keep one of them silently, so each key may appear once$/,
    ],
    ["a __proto__ key", '{"pulumiConfig": {}, "__proto__": {"x": 1}}', /: line 1, column 22: the key "__proto__" is refused: objects drop it silently/],
    ["a byte-order mark", '\uFEFF{"pulumiConfig": {}}', /starts with a byte-order mark \(U\+FEFF\), which JSON does not allow \(RFC 8259, section 8\.1\)/],
    ["valid JSON nested 2,000 deep", `{"pulumiConfig": {"a": ${"[".repeat(2_000)}${"]".repeat(2_000)}}}`, /: line 1, column 54: nested deeper than 32 levels/],
];

describe("hostile JSON input files", () => {
    for (const [flag, read] of Object.entries(READERS)) {
        for (const [what, text, message] of CASES) {
            // A saved plan may compare an input named __proto__: it is a key like any other there.
            if (flag === "--diff-against" && what === "a __proto__ key") continue;
            it(`${flag}: exits 2 on ${what}, naming the file and the place`, async () => {
                const file = write(`${flag.replace(/\W/g, "")}-${what.replace(/\W/g, "")}.json`, text);
                const run = await read(file);
                expect(run.code).to.equal(EXIT.badInput);
                expect(run.stdout).to.equal("");
                expect(run.stderr.trimEnd().split("\n")[0]).to.include(file).and.match(message);
            });
        }
    }
});
