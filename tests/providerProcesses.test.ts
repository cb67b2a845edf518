// What a real `pulumi up` of a plan costs in provider processes, which the mock engine never
// starts, and the warning a stack of many listed accounts gets (in the plan and from the
// program itself, as `pulumi up` prints it).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { LISTED_ACCOUNTS_WARNING_THRESHOLD } from "../src/constants";
import { providerProcesses } from "../plan/providerProcesses";
import { account, flatConfig, planOf, runPlanCli, stackFileText } from "./helpers";
import { programOnce } from "./planOnce";

const listed = (n: number) => Array.from({ length: n }, (_, i) => account(`a${i}`, String(100000000000 + i)));

describe("provider processes of a real pulumi up", () => {
    it("counts one AWS process per listed account, and one default provider per other package", async () => {
        const plan = await planOf(flatConfig({ awsAccounts: listed(3) }));
        expect(providerProcesses(plan.resources)).to.deep.equal({ aws: 3, "azure-native": 1, time: 1 });
    });

    it("counts one AWS process for an organisation, whatever its size", async () => {
        const ous = ["ou-ab12-aaaaaaa1", "ou-ab12-bbbbbbb2"];
        const accounts = new Map(
            ous.map((ou, o) => [ou, Array.from({ length: 60 }, (_, i) => ({ id: String(200000000000 + o * 1000 + i), state: "ACTIVE" }))]),
        );
        const config = flatConfig({ awsAccounts: undefined, organization: { accountId: "111111111111", region: "us-east-1", organizationalUnitIds: ous } });
        const plan = await programOnce("prod", config, { orgAccounts: accounts });
        expect(providerProcesses(plan.resources)).to.deep.equal({ aws: 1, "azure-native": 1, time: 1 });
    });
});

describe("the warning for many listed accounts", () => {
    const over = LISTED_ACCOUNTS_WARNING_THRESHOLD + 1;

    it(`is logged by the program above ${LISTED_ACCOUNTS_WARNING_THRESHOLD} accounts, with the memory the provider processes need and the way out`, async () => {
        const plan = await planOf(flatConfig({ awsAccounts: listed(over) }));
        expect(plan.warnings).to.have.length(1);
        const [warning] = plan.warnings;
        expect(warning).to.include(`lists ${over} accounts`);
        expect(warning).to.include(`${((over * 170) / 1000).toFixed(1)}-${((over * 430) / 1000).toFixed(1)} GB`);
        expect(warning).to.include("sentinel-aws:organization");
    });

    it(`is not logged at ${LISTED_ACCOUNTS_WARNING_THRESHOLD} accounts`, async () => {
        const plan = await planOf(flatConfig({ awsAccounts: listed(LISTED_ACCOUNTS_WARNING_THRESHOLD) }));
        expect(plan.warnings).to.deep.equal([]);
    });

    it("is printed by npm run plan in every format, and the plan still succeeds", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-warn-"));
        const file = path.join(dir, "Pulumi.many.yaml");
        writeFileSync(file, stackFileText(flatConfig({ awsAccounts: listed(over) })));
        const text = await runPlanCli("--config-file", file);
        expect(text.code).to.equal(0);
        expect(text.stdout).to.match(/^Warning: sentinel-aws:awsAccounts lists 21 accounts/m);
        const markdown = await runPlanCli("--config-file", file, "--format", "markdown");
        expect(markdown.stdout).to.include("> **Warning:** sentinel-aws:awsAccounts lists 21 accounts");
        const json = JSON.parse((await runPlanCli("--config-file", file, "--json")).stdout);
        expect(json.warnings).to.have.length(1);
    });
});
