// The doctor's reading of trust conditions: StringLike's wildcards and StringEquals' exact
// match as IAM has them, checked against a real IAM evaluator on the same questions, and
// matched in bounded work whatever the pattern.
import { expect } from "chai";
import { stringLike } from "../doctor/conditionMatch";
import { oidcTrust } from "../doctor/trust";
import { trustDecision } from "./iam/simulator";

const ROLE = "arn:aws:iam::111122223333:role/OIDC_MicrosoftSentinelRole";
const CALLER = "arn:aws:iam::444455556666:root";
const WORKSPACE = "2b1e2d4c-0000-4000-8000-000000000001";
const ISSUER = "sts.windows.net/33e01921-4d64-4f8c-a055-5bdaffd5e33d/";
const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`;
const AUDIENCE = "api://1462b192-27f7-4cb9-8523-0f4ecb54b47e";

/** Pattern, value: the cases where a hand-written matcher most often goes wrong. */
const CASES: [string, string][] = [
    ["abc", "abc"],
    ["abc", "abcd"],
    ["a*c", "ac"],
    ["a*c", "abbbc"],
    ["a*c", "abbbcd"],
    ["a?c", "abc"],
    ["a?c", "ac"],
    ["*", ""],
    ["*", "anything"],
    ["a**b", "axxb"],
    ["*a*b*", "xxaxxbxx"],
    ["*ab", "aab"],
    ["a*b*c", "abbc"],
    ["a.c", "abc"],
    ["a+c", "aac"],
    ["(a)", "(a)"],
    ["${*}", "*"],
    ["${*}", "x"],
    ["${?}x", "?x"],
    ["${$}", "$"],
    ["Abc", "abc"],
];

const externalIdTrust = (operator: string, pattern: string) => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: CALLER }, Action: "sts:AssumeRole", Condition: { [operator]: { "sts:ExternalId": pattern } } }],
});

const oidc = (operator: string, sessionName: string) =>
    JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: PROVIDER },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition:
                    operator === "StringEquals"
                        ? { StringEquals: { [`${ISSUER}:aud`]: AUDIENCE, "sts:RoleSessionName": sessionName } }
                        : { StringEquals: { [`${ISSUER}:aud`]: AUDIENCE }, [operator]: { "sts:RoleSessionName": sessionName } },
            },
        ],
    });

describe("doctor: trust conditions", () => {
    it("matches StringLike as the IAM evaluator does, case by case", async () => {
        for (const [pattern, value] of CASES) {
            const iam = await trustDecision(externalIdTrust("StringLike", pattern), ROLE, CALLER, "sts:AssumeRole", { "sts:ExternalId": value });
            expect(stringLike(pattern, value), `StringLike ${JSON.stringify(pattern)} on ${JSON.stringify(value)}`).to.equal(iam === "Allowed");
        }
    });

    it("matches a pattern of many stars against a long value that fails, in bounded work", () => {
        const pattern = `${"a*".repeat(40)}b`;
        expect(stringLike(pattern, "a".repeat(5_000))).to.equal(false);
        expect(stringLike(pattern, `${"a".repeat(5_000)}b`)).to.equal(true);
    });

    it("answers a trust whose session-name pattern is written to stall a backtracking matcher", () => {
        // As a regular expression, each `*?` (`.*.`) multiplies the ways to fail by the name's length: 16 of them never end.
        const finding = oidcTrust(oidc("StringLike", `${"*?".repeat(16)}!`), PROVIDER, AUDIENCE, WORKSPACE);
        expect(finding.status).to.equal("FAIL");
        expect(finding.reason).to.match(/^the trust requires session name \*\?\*\?/);
    });

    it("reads a wildcard in a StringEquals session name as the literal character, as IAM does", async () => {
        const context = (id: string) => ({ "sts:ExternalId": id });
        expect(await trustDecision(externalIdTrust("StringEquals", "a*c"), ROLE, CALLER, "sts:AssumeRole", context("abc"))).to.not.equal("Allowed");
        expect(await trustDecision(externalIdTrust("StringEquals", "a*c"), ROLE, CALLER, "sts:AssumeRole", context("a*c"))).to.equal("Allowed");
        const finding = oidcTrust(oidc("StringEquals", "MicrosoftSentinel_*"), PROVIDER, AUDIENCE, WORKSPACE);
        expect(finding.status).to.equal("FAIL");
        expect(finding.reason).to.equal(
            `the trust requires session name MicrosoftSentinel_*, not MicrosoftSentinel_${WORKSPACE} (this workspace's): Sentinel cannot assume the role`,
        );
    });

    it("accepts a StringLike wildcard session name that admits this workspace's, with a WARN", () => {
        const finding = oidcTrust(oidc("StringLike", "MicrosoftSentinel_*"), PROVIDER, AUDIENCE, WORKSPACE);
        expect(finding).to.include({ status: "WARN" });
        expect(finding.reason).to.match(/the trust accepts MicrosoftSentinel_\*: another workspace may read these logs$/);
    });
});
