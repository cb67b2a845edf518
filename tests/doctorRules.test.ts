// The doctor on a stack with analytics rules (sentinel-aws:content): each rule exists and is
// enabled, and its last run, from SentinelHealth, against the local Azure endpoints.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import type { Row } from "../doctor/report";
import type { FakeClouds } from "./fixtures/doctor/fakeClouds";
import { BASE, doctor, fakeCloudPerTest, HOUR, outputs } from "./fixtures/doctor/healthyStack";

const template = (n: number) => `8a1d6e7c-1b2c-4d3e-9f40-00000000000${n}`;
const ruleId = (n: number) => `5c0ffee0-0000-4000-8000-00000000000${n}`;
const ruleResourceId = (n: number) => `${outputs.workspaceResourceId}/providers/Microsoft.SecurityInsights/alertRules/${ruleId(n)}`;
const OUTPUTS = path.join(mkdtempSync(path.join(tmpdir(), "sentinel-aws-doctor-rules-")), "outputs.json");
writeFileSync(OUTPUTS, JSON.stringify({ ...outputs, analyticsRules: { [template(1)]: ruleId(1), [template(2)]: ruleId(2) } }));

const ARGS = [...BASE.slice(0, BASE.indexOf("--outputs")), "--outputs", OUTPUTS, ...BASE.slice(BASE.indexOf("--outputs") + 2)];

async function ruleRows(cloud: FakeClouds): Promise<{ code: number; rows: Row[] }> {
    const json = await doctor(cloud, [...ARGS, "--json"]);
    return { code: json.code, rows: (JSON.parse(json.stdout).rows as Row[]).filter((r) => r.account === "analytics rules") };
}

describe("npm run doctor: analytics rules", function () {
    const fake = fakeCloudPerTest();
    const rule = (n: number, enabled: boolean) => fake.cloud.rules.set(ruleId(n), { properties: { displayName: `Rule ${n}`, enabled } });
    const run = (n: number, status: "Success" | "Failure", hoursAgo: number, description = "") =>
        fake.cloud.health!.push({
            TimeGenerated: new Date(Date.now() - hoursAgo * HOUR),
            SentinelResourceId: ruleResourceId(n),
            Status: status,
            Description: description,
        });

    it("reports each enabled rule with its last successful run, in rows of the workspace, not of an account", async () => {
        rule(1, true);
        rule(2, true);
        run(1, "Success", 1);
        run(2, "Failure", 3, "old failure");
        run(2, "Success", 2);
        const { code, rows } = await ruleRows(fake.cloud);
        expect(rows.map((r) => [r.check, r.status])).to.deep.equal([
            [`rule ${template(1)}`, "OK"],
            [`rule ${template(2)}`, "OK"],
        ]);
        expect(rows[0].reason).to.match(/^Rule 1 is enabled; its last run succeeded 1 h 0 min ago/);
        expect(code).to.equal(0);
        // The text report counts AWS accounts only: the rules are the workspace's.
        expect((await doctor(fake.cloud, ARGS)).stdout.split("\n")[0]).to.match(/: 3 accounts, /);
    });

    it("FAILs a disabled rule, one that is gone, and one whose last run failed", async () => {
        rule(1, false);
        const { code, rows: broken } = await ruleRows(fake.cloud);
        expect(broken.map((r) => [r.status, r.reason])).to.deep.equal([
            ["FAIL", "Rule 1 is disabled"],
            ["FAIL", `rule ${ruleId(2)} does not exist in the workspace: nothing detects with it`],
        ]);
        expect(code).to.equal(1);

        rule(1, true);
        rule(2, true);
        run(1, "Success", 5);
        run(1, "Failure", 1, "Failed to run the analytics rule query. One of the tables does not exist.");
        const { rows } = await ruleRows(fake.cloud);
        expect(rows[0].status).to.equal("FAIL");
        expect(rows[0].reason).to.match(/^Rule 1: its last run failed 1 h 0 min ago \(.*\): Failed to run the analytics rule query/);
        expect(rows[1].status, "enabled, with no run in 24 h").to.equal("WARN");
    });

    it("WARNs that runs are not recorded where health monitoring is off", async () => {
        rule(1, true);
        rule(2, true);
        fake.cloud.health = undefined;
        const { rows } = await ruleRows(fake.cloud);
        expect(rows.map((r) => r.status)).to.deep.equal(["WARN", "WARN"]);
        expect(rows[0].reason).to.equal("Rule 1 is enabled; health monitoring is off, so its runs are not recorded");
    });
});
