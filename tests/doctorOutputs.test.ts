// The doctor judges what the program deploys: the outputs of every sample stack are outputs
// it reads, and every role the program plans passes its trust and permission checks. If the
// program's outputs or policies change, these fail before a real stack reports a false FAIL.
import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { S3_READ_POLICY_NAME } from "../src/constants";
import { parseOutputs } from "../doctor/outputs";
import { cloudTrailTrust, oidcTrust } from "../doctor/trust";
import { SENTINEL_OIDC } from "../src/s3Facts";
import { ROOT, runPlanCli, T } from "./helpers";

type Resource = { type: string; name: string; provider?: string; inputs: Record<string, any>; outputs: Record<string, any> };

async function planned(...argv: string[]): Promise<{ resources: Resource[]; outputs: Record<string, any> }> {
    const run = await runPlanCli(...argv, "--json");
    expect(run.code, run.stderr).to.equal(0);
    return JSON.parse(run.stdout);
}

function orgAccountsFile(accounts: Record<string, string[]>): string {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "doctor-org-")), "org-accounts.json");
    writeFileSync(file, JSON.stringify(Object.fromEntries(Object.entries(accounts).map(([ou, ids]) => [ou, ids.map((Id) => ({ Id, State: "ACTIVE" }))]))));
    return file;
}

const FIXTURE_STACK = [
    "--config-file",
    "tests/fixtures/doctor/Pulumi.doctor.yaml",
    "--org-accounts",
    orgAccountsFile({ "ou-ab12-workload1": ["222200000001"] }),
];

describe("npm run doctor: the program's own stacks", () => {
    it("reads the outputs the program gives the doctor's fixture stack, which are tests/fixtures/doctor/outputs.json", async () => {
        const plan = await planned(...FIXTURE_STACK);
        expect(plan.outputs).to.deep.equal(JSON.parse(readFileSync(path.join(ROOT, "tests", "fixtures", "doctor", "outputs.json"), "utf8")));
    });

    for (const argv of [
        ["--stack", "dev"],
        ["--config-file", "examples/Pulumi.s3.yaml"],
        ["--config-file", "examples/Pulumi.org.yaml", "--org-accounts", "examples/Pulumi.org.org-accounts.json"],
        FIXTURE_STACK,
    ]) {
        it(`reads the outputs and passes the trusts planned for ${argv.slice(0, 2).join(" ")}, and finds the S3 roles' read policy by its name`, async () => {
            const plan = await planned(...argv);
            const outputs = parseOutputs(plan.outputs, "the plan");
            const roles = plan.resources.filter((r) => r.type === T.role);
            const roleOf = (arn: string) => roles.find((r) => r.outputs.arn === arn);
            // IAM hands the trust back URL-encoded.
            const trustOf = (role: Resource) => encodeURIComponent(role.inputs.assumeRolePolicy);

            let checked = 0;
            for (const account of Object.values(outputs.awsAccounts)) {
                const role = roleOf(account.roleArn)!;
                if (account.connector === "s3") {
                    expect(oidcTrust(trustOf(role), account.oidcProviderArn, SENTINEL_OIDC.public.audience, outputs.workspaceId).status).to.equal("OK");
                    const read = plan.resources.filter((r) => r.type === T.inlinePolicy && r.provider === role.provider && r.inputs.role === role.inputs.name);
                    expect(read.map((r) => r.inputs.name)).to.deep.equal([S3_READ_POLICY_NAME]);
                } else {
                    expect(cloudTrailTrust(trustOf(role), outputs.trustedPrincipal, outputs.workspaceId).status).to.equal("OK");
                }
                checked++;
            }
            // Members' roles come from the StackSet's template; the management account's is a role of the plan.
            for (const member of Object.values(outputs.organization?.accounts ?? {})) {
                const role = roleOf(member.roleArn);
                if (role === undefined) continue;
                expect(cloudTrailTrust(trustOf(role), outputs.trustedPrincipal, outputs.workspaceId).status).to.equal("OK");
                checked++;
            }
            expect(checked).to.be.greaterThan(0);
        });
    }

    it("refuses, as a control, a planned trust for another workspace", async () => {
        const plan = await planned("--stack", "dev");
        const outputs = parseOutputs(plan.outputs, "the plan");
        const role = plan.resources.find((r) => r.type === T.role && r.outputs.arn === outputs.awsAccounts.audit.roleArn)!;
        expect(
            cloudTrailTrust(encodeURIComponent(role.inputs.assumeRolePolicy), outputs.trustedPrincipal, "0badc0de-0000-4000-8000-000000000001").status,
        ).to.equal("FAIL");
    });
});
