// The offline plan as users run it: a separate process, real files, exit codes. What the
// process adds (its output stream, its exit code, no stack trace) is checked on two processes,
// a plan and a refusal; the rest of the command line runs in this process (runPlanCli), as
// the same runPlan.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runPlanCli } from "./helpers";

const ROOT = path.resolve(__dirname, "..");
/** As `npm run plan` runs it. */
const LOADER = path.join(ROOT, "typescript-loader.cjs");

function plan(...args: string[]) {
    const run = spawnSync(process.execPath, ["--require", LOADER, path.join(ROOT, "scripts", "plan.ts"), ...args], { cwd: ROOT, encoding: "utf8" });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function stackFile(yaml: string): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "sentinel-aws-")), "Pulumi.check.yaml");
    writeFileSync(file, yaml);
    return file;
}

describe("npm run plan", () => {
    /** The sample stack's plan as JSON, printed by a process of its own. */
    let json: ReturnType<typeof plan>;
    before(() => {
        json = plan("--json");
    });

    it("plans the sample dev stack as text: resources per target, links between the clouds, placeholders", async () => {
        const { code, stdout } = await runPlanCli();
        expect(code).to.equal(0);
        expect(stdout).to.match(/^Plan for stack "dev": \d+ resources to create/);
        expect(stdout).to.include("AWS account 111122223333 (us-east-1)");
        expect(stdout).to.include("AWS account 444455556666 (eu-west-1)");
        expect(stdout).to.match(/Azure sentinel-dev\.customerId = \S+\n\s+-> AWS audit-sentinel-role\.assumeRolePolicy/);
        expect(stdout).to.match(/AWS audit-sentinel-role\.arn = arn:aws:iam::111122223333:role\/\S+\n\s+-> Azure audit-cloudtrail-connector\.awsRoleArn/);
        expect(stdout).to.include("Placeholders:");
    });

    it("prints JSON in which the workspace ID is every role's external ID and each role ARN its connector's", () => {
        const { code, stdout } = json;
        expect(code).to.equal(0);
        const parsed = JSON.parse(stdout);
        expect(parsed.stack).to.equal("dev");
        expect(Object.keys(parsed.outputs)).to.include.members(["workspaceId", "workspaceResourceId", "trustedPrincipal", "awsAccounts"]);
        type R = { type: string; name: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> };
        const resources: R[] = parsed.resources;
        for (const r of resources) expect(r).to.include.keys("type", "name", "inputs", "outputs");
        const customerId = resources.find((r) => r.type === "azure-native:operationalinsights:Workspace")!.outputs.customerId as string;
        const roles = resources.filter((r) => r.type === "aws:iam/role:Role");
        expect(roles).to.have.length(2);
        for (const role of roles) {
            expect(role.inputs.assumeRolePolicy).to.include(customerId);
            const label = role.name.replace(/-sentinel-role$/, "");
            const connector = resources.find((r) => r.name === `${label}-cloudtrail-connector`)!;
            expect(connector.inputs.awsRoleArn).to.equal(role.outputs.arn);
        }
    });

    it("gives the same plan, byte for byte, for the same config, in another process", async () => {
        expect(json.stdout).to.include('"stack": "dev"');
        expect((await runPlanCli("--json")).stdout).to.equal(json.stdout);
    });

    it("plans any stack file, and names the stack after it", async () => {
        const file = stackFile(`config:
  sentinel-aws:workspace: { name: soc-shared, resourceGroupName: rg-soc, existing: true, onboard: false }
  sentinel-aws:awsAccounts:
    - { name: logs, accountId: "012345678901", region: ap-southeast-2 }
  sentinel-aws:someSecret:
    secure: AAABAKx0
`);
        const withSecret = await runPlanCli("--config-file", file);
        // An unknown key is refused even when its value is encrypted.
        expect(withSecret.code).to.equal(2);
        expect(withSecret.stderr).to.include("sentinel-aws:someSecret");

        const ok = await runPlanCli(
            "--config-file",
            stackFile(`config:
  workspace: { name: soc-shared, resourceGroupName: rg-soc, existing: true, onboard: false }
  awsAccounts:
    - { name: logs, accountId: "012345678901", region: ap-southeast-2 }
`),
        );
        expect(ok.code, ok.stderr).to.equal(0);
        expect(ok.stdout).to.match(/^Plan for stack "check"/);
        expect(ok.stdout).to.include("Reads, never changes: soc-shared (existing workspace)");
        expect(ok.stdout).to.include("arn:aws:iam::012345678901:role/MicrosoftSentinelCloudTrail-check");
    });

    it("takes the stack name from --stack and the values from --config-file when both are given, as pulumi does", async () => {
        const file = stackFile(`config:
  workspace: { name: soc-shared, resourceGroupName: rg-soc, existing: true, onboard: false }
  awsAccounts:
    - { name: logs, accountId: "012345678901", region: ap-southeast-2 }
`);
        const both = await runPlanCli("--stack", "prod", "--config-file", file);
        expect(both.code, both.stderr).to.equal(0);
        expect(both.stdout).to.match(/^Plan for stack "prod"/);
        expect(both.stdout).to.include("arn:aws:iam::012345678901:role/MicrosoftSentinelCloudTrail-prod");
    });

    it("refuses bad config with exit code 2, the key and value named, no stack trace and no plan", () => {
        const { code, stdout, stderr } = plan(
            "--config-file",
            stackFile(`config:
  azure-native:location: westeurope
  sentinel-aws:workspace: { name: sentinel-dev, resourceGroupName: rg }
  sentinel-aws:awsAccounts:
    - { name: audit, accountId: 012345678901, region: us-east-1 }
`),
        );
        expect(code).to.equal(2);
        expect(stdout).to.equal("");
        expect(stderr).to.include("sentinel-aws:awsAccounts[0].accountId");
        expect(stderr).to.include("12345678901");
        expect(stderr).to.not.match(/\n\s+at /);
    });

    it("refuses unknown flags with exit code 2 and the usage", async () => {
        const flag = await runPlanCli("--colour");
        expect(flag.code).to.equal(2);
        expect(flag.stdout).to.equal("");
        expect(flag.stderr).to.include("Usage:");
    });

    it("refuses a missing stack, a broken file and a stack name that is a path with exit code 2", async () => {
        const missing = await runPlanCli("--stack", "nosuchstack");
        expect(missing.code).to.equal(2);
        expect(missing.stderr).to.include("Pulumi.nosuchstack.yaml");
        const broken = await runPlanCli("--config-file", stackFile("config: [unclosed"));
        expect(broken.code).to.equal(2);
        expect(broken.stderr).to.include("not valid YAML");
        expect((await runPlanCli("--stack", "../etc/passwd")).code).to.equal(2);
    });
});
