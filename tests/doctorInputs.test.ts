// What the doctor refuses before it calls any cloud: bad flags, a missing stack file, an
// outputs file that is not this program's, and no Pulumi CLI to read the outputs with.
// Each exits 2 and says what was wrong, naming the flag or the place in the file.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runDoctor } from "../doctor/cli";
import type { Clouds } from "../doctor/clouds";

const ROOT = path.resolve(__dirname, "..");
const CONFIG = path.join(ROOT, "tests", "fixtures", "doctor", "Pulumi.doctor.yaml");
const OUTPUTS = path.join(ROOT, "tests", "fixtures", "doctor", "outputs.json");

/** Where `tool` is on this PATH. */
const whichOf = (tool: string): string => spawnSync("which", [tool], { encoding: "utf8" }).stdout.trim();

/** Clouds that fail the test if anything calls them: nothing here gets that far. */
const unreachable = (): never => {
    throw new Error("a cloud was called");
};
const NO_CLOUDS: Clouds = { aws: { defaultCredentials: unreachable, endpoints: {} }, azure: unreachable };

async function doctor(...argv: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await runDoctor(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false }, ROOT, NO_CLOUDS);
    return { code, stdout, stderr };
}

/** An outputs file: the fixture's outputs with `change` applied. */
function outputsFile(change: (outputs: any) => void): string {
    const outputs = JSON.parse(readFileSync(OUTPUTS, "utf8"));
    change(outputs);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "doctor-outputs-")), "outputs.json");
    writeFileSync(file, JSON.stringify(outputs));
    return file;
}

const withOutputs = (file: string) => doctor("--stack", "doctor", "--config-file", CONFIG, "--outputs", file);

describe("npm run doctor: bad input", () => {
    it("prints its usage with --help", async () => {
        const run = await doctor("--help");
        expect(run.code).to.equal(0);
        expect(run.stdout).to.match(/^Usage: npm run doctor -- --stack NAME/);
    });

    for (const [argv, message] of [
        [[], "--stack is required"],
        [["--stack", "prod", "--concurrency", "0"], '--concurrency: "0" is not a whole number from 1 to 64'],
        [["--stack", "prod", "--concurrency", "lots"], '--concurrency: "lots" is not a whole number from 1 to 64'],
        [["--stack", "prod", "--member-role", "no spaces"], '--member-role: "no spaces" is not an IAM role name'],
        [["--stack", "a/b"], '--stack: "a/b" is not a stack name'],
        [["--stack", "prod", "--outputs", ""], "--outputs: the path is empty"],
        [["--stack", "prod", "--frobnicate"], "Unknown option '--frobnicate'"],
    ] as const) {
        it(`exits 2 on ${JSON.stringify(argv)}, naming the flag and value`, async () => {
            const run = await doctor(...argv);
            expect(run.code).to.equal(2);
            expect(run.stderr).to.include(message).and.include("Usage: npm run doctor");
            expect(run.stdout).to.equal("");
        });
    }

    it("exits 2 when the stack has no config file, or an invalid one", async () => {
        let run = await doctor("--stack", "nosuchstack", "--outputs", OUTPUTS);
        expect(run.code).to.equal(2);
        expect(run.stderr).to.match(/^no stack config file at .*Pulumi\.nosuchstack\.yaml: the doctor signs in to each account as the stack's config says/);

        const file = path.join(mkdtempSync(path.join(tmpdir(), "doctor-config-")), "Pulumi.bad.yaml");
        writeFileSync(file, 'config:\n  sentinel-aws:awsAccounts:\n    - name: audit\n      accountId: "1234"\n      region: us-east-1\n');
        run = await doctor("--stack", "bad", "--config-file", file, "--outputs", OUTPUTS);
        expect(run.code).to.equal(2);
        expect(run.stderr).to.include('sentinel-aws:awsAccounts[0].accountId: must be exactly 12 digits (got "1234")');
    });

    it("exits 2 on an outputs file that is not JSON, or no regular file", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "doctor-outputs-"));
        writeFileSync(path.join(dir, "outputs.txt"), "Current stack outputs (4):\n    OUTPUT  VALUE\n");
        let run = await withOutputs(path.join(dir, "outputs.txt"));
        expect(run.code).to.equal(2);
        expect(run.stderr).to.match(/outputs\.txt is not JSON \(write it with pulumi stack output --json --show-secrets\)/);

        mkdirSync(path.join(dir, "folder"));
        run = await withOutputs(path.join(dir, "folder"));
        expect(run.code).to.equal(2);
        expect(run.stderr).to.match(/folder is a directory: only regular files are read/);
    });

    it("exits 2 on outputs that point requests elsewhere than this program's resources, naming each place and value", async () => {
        const file = outputsFile((o) => {
            o.awsAccounts.logs.queueUrls.cloudTrail = "https://attacker.example/444455556666/q";
            o.awsAccounts.logs.queueUrls.guardDuty = "https://sqs.eu-west-1.amazonaws.com/999999999999/logs-guardDuty-queue";
            o.awsAccounts.audit.roleArn = "arn:aws:iam::999999999999:role/Other";
            o.organization.accounts["222200000001"].connectorId = "../../../deleteMe";
            o.workspaceResourceId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x";
        });
        const run = await withOutputs(file);
        expect(run.code).to.equal(2);
        const lines = run.stderr.trimEnd().split("\n");
        expect(lines[0]).to.match(/outputs\.json does not hold this program's stack outputs \(see docs\/configuration\.md, "Stack outputs"\):$/);
        expect(lines.slice(1)).to.have.members([
            '  - workspaceResourceId: must be the ARM resource ID of a Log Analytics workspace (got "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x")',
            '  - awsAccounts.logs.queueUrls.cloudTrail: must be an SQS queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME) (got "https://attacker.example/444455556666/q")',
            '  - organization.accounts.222200000001.connectorId: must be a data connector ID (a GUID) (got "../../../deleteMe")',
            '  - awsAccounts.audit.roleArn: must be in the entry\'s account 111122223333 (got "arn:aws:iam::999999999999:role/Other")',
            '  - awsAccounts.logs.queueUrls.guardDuty: must be in the entry\'s account 444455556666 (got "https://sqs.eu-west-1.amazonaws.com/999999999999/logs-guardDuty-queue")',
        ]);
    });

    it("exits 2 on a workspace resource ID whose resource group is . or .., which a request URL would resolve away", async () => {
        for (const group of ["..", ".", "rg."]) {
            const id = `/subscriptions/4f3a1b2c-0000-4000-8000-000000000000/resourceGroups/${group}/providers/Microsoft.OperationalInsights/workspaces/sentinel-ws`;
            const run = await withOutputs(outputsFile((o) => (o.workspaceResourceId = id)));
            expect(run.code, group).to.equal(2);
            expect(run.stderr).to.include('  - workspaceResourceId: must be the ARM resource ID of a Log Analytics workspace (got "/subscriptions/4f3a1b2c-');
        }
    });

    it("exits 2 on outputs with an unknown connector, or whose log types disagree", async () => {
        const run = await withOutputs(outputsFile((o) => (o.awsAccounts.other = { accountId: "123456789012", connector: "cloudTrailApi2" })));
        expect(run.code).to.equal(2);
        expect(run.stderr).to.include(
            '  - awsAccounts.other.connector: must be cloudTrailApi or s3 (got {"accountId":"123456789012","connector":"cloudTrailApi2"})',
        );

        const second = await withOutputs(outputsFile((o) => delete o.awsAccounts.logs.connectorIds.cloudTrail));
        expect(second.code).to.equal(2);
        expect(second.stderr.trimEnd().split("\n").slice(1)).to.deep.equal([
            '  - awsAccounts.logs.connectorIds: must name the same log types as queueUrls (cloudTrail,guardDuty) (got {"guardDuty":"accca8db-1b21-56b1-addb-c3b14f2c5b20"})',
        ]);
    });

    it("exits 2 on outputs that name no account", async () => {
        const run = await withOutputs(
            outputsFile((o) => {
                o.awsAccounts = {};
                delete o.organization;
            }),
        );
        expect(run.code).to.equal(2);
        expect(run.stderr).to.equal("the outputs of stack doctor name no AWS account: has it been deployed (pulumi up)?\n");
    });

    it("reads the stack's config as the plan does: the values of its ESC environments from --esc-env or the committed file", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "doctor-esc-"));
        // The stack file keeps only the workspace; the accounts live in the ESC environment.
        const stack = path.join(dir, "Pulumi.doctor.yaml");
        writeFileSync(
            stack,
            "environment:\n  - sentinel/doctor\nconfig:\n  azure-native:location: westeurope\n  sentinel-aws:workspace: { name: sentinel-doctor, resourceGroupName: rg-sentinel-doctor }\n",
        );
        const noAccounts = outputsFile((o) => {
            o.awsAccounts = {};
            delete o.organization;
        });
        const blind = await doctor("--stack", "doctor", "--config-file", stack, "--outputs", noAccounts);
        expect(blind.code).to.equal(2);
        expect(blind.stderr).to.match(/^warning: Pulumi\.doctor\.yaml imports ESC environments the plan cannot open offline: .*sentinel\/doctor/);
        expect(blind.stderr).to.include("sentinel-aws:awsAccounts: is required");

        const esc = path.join(dir, "env.json");
        writeFileSync(
            esc,
            JSON.stringify({ pulumiConfig: { "sentinel-aws:awsAccounts": [{ name: "audit", accountId: "111122223333", region: "us-east-1" }] } }),
        );
        for (const run of [
            () => doctor("--stack", "doctor", "--config-file", stack, "--esc-env", esc, "--outputs", noAccounts),
            () => {
                writeFileSync(path.join(dir, "Pulumi.doctor.esc.json"), readFileSync(esc));
                return doctor("--stack", "doctor", "--config-file", stack, "--outputs", noAccounts);
            },
        ]) {
            // Past the config, to the outputs: which name no account here.
            const seen = await run();
            expect(seen.stderr).to.equal("the outputs of stack doctor name no AWS account: has it been deployed (pulumi up)?\n");
        }
    });

    it("is wired as npm run doctor; without --outputs, reads them through the Pulumi CLI, and says so when there is none", () => {
        // A PATH with node, npm and the shell npm runs scripts with, and no pulumi.
        const bin = mkdtempSync(path.join(tmpdir(), "doctor-no-cli-"));
        for (const tool of ["node", "npm", "sh"]) symlinkSync(whichOf(tool), path.join(bin, tool));
        const run = spawnSync("npm", ["run", "--silent", "doctor", "--", "--stack", "dev"], {
            cwd: ROOT,
            encoding: "utf8",
            env: { ...process.env, PATH: bin },
        });
        rmSync(bin, { recursive: true });
        expect(run.status).to.equal(2);
        expect(run.stderr).to.match(
            /the Pulumi CLI is needed to read the stack's outputs, and it did not run \(.*ENOENT.*\): install it \(https:\/\/www\.pulumi\.com\/docs\/install\/\), or pass --outputs FILE, written by pulumi stack output --json --show-secrets/,
        );
        expect(run.stdout).to.equal("");
    });
});
