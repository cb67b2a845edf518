// CloudTrail digest files and the queue: S3 notifications filter on one prefix and one suffix
// (no wildcards), so whether digests reach Sentinel follows from the prefix alone. Planned
// here for both kinds of trail, and held to what docs/connectors.md tells users about it.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import type { Plan } from "../plan/record";
import { account, flatConfig, Json, one, planOf, ROOT, T } from "./helpers";

/** Whether S3 notifies for an object: its key starts with the rule's prefix and ends with its suffix (S3 user guide, notification filtering). */
const notifies = (rule: Json, key: string) => key.startsWith(String(rule.filterPrefix ?? "")) && key.endsWith(String(rule.filterSuffix ?? ""));
const ruleOf = (plan: Plan, name: string) => (one(plan, T.notification, name).inputs.queues as Json[])[0];

const ACCOUNT = "111122223333";
const MEMBER = "444455556666";
const ORG = "o-a1b2c3d4e5";
const day = "2026/11/22";
const log = (root: string, acct: string) => `${root}${acct}/CloudTrail/eu-west-1/${day}/${acct}_CloudTrail_eu-west-1_20261122T1005Z_x.json.gz`;
const digest = (root: string, acct: string) =>
    `${root}${acct}/CloudTrail-Digest/eu-west-1/${day}/${acct}_CloudTrail-Digest_eu-west-1_sentinel-aws-test_us-east-1_20261122T100500Z.json.gz`;

describe("CloudTrail digest files and the notifications", () => {
    it("keeps digests of a single-account trail out of the queue, and lets its logs in", async () => {
        const rule = ruleOf(await planOf(flatConfig({ awsAccounts: [account("a", ACCOUNT, { connector: "s3", s3: {} })] })), "a-notifications");
        expect(notifies(rule, log("AWSLogs/", ACCOUNT))).to.equal(true);
        expect(notifies(rule, digest("AWSLogs/", ACCOUNT))).to.equal(false);
    });

    it("cannot keep an organisation trail's digests out: the member's ID comes before CloudTrail/", async () => {
        const rule = ruleOf(
            await planOf(flatConfig({ awsAccounts: [account("a", ACCOUNT, { connector: "s3", s3: { organizationId: ORG } })] })),
            "a-notifications",
        );
        expect(notifies(rule, log(`AWSLogs/${ORG}/`, MEMBER))).to.equal(true);
        expect(notifies(rule, digest(`AWSLogs/${ORG}/`, MEMBER))).to.equal(true);
    });

    it("is what docs/connectors.md says, under CloudTrail digest files", () => {
        const page = readFileSync(path.join(ROOT, "docs", "connectors.md"), "utf8");
        const start = page.indexOf("## CloudTrail digest files");
        expect(start, "the section").to.be.at.least(0);
        const section = page.slice(start, page.indexOf("\n## ", start + 1));
        expect(section).to.include("`AWSLogs/<account>/CloudTrail/`").and.include("no digest file reaches the queue");
        expect(section).to.include("every member's digest files");
    });
});
