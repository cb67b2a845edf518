// What a reviewer sees: plans of real configs compared with a base plan, rendered as
// text, JSON and markdown, and markdown kept under GitHub's comment limit.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { stringify } from "yaml";
import { EXIT } from "../plan/cli";
import { diffPlans, readPlanSnapshot } from "../plan/diff";
import { InputFileError } from "../plan/inputFile";
import { fence, GITHUB_COMMENT_LIMIT, planToMarkdown } from "../plan/markdown";
import type { Plan } from "../plan/record";
import { diffToJson, diffToText, planToJson } from "../plan/render";
import { account, flatConfig, Json, planOf, runPlanCli, T } from "./helpers";

const audit = account("audit", "111122223333");
const ops = account("ops", "222233334444");
const manyAccounts = (n: number) => Array.from({ length: n }, (_, i) => account(`a${i}`, String(100000000000 + i)));

const diffOf = (base: Plan, head: Plan) => diffPlans(planToJson(base), planToJson(head), "main");
const names = (rs: readonly { name: string }[]) => rs.map((r) => r.name).sort();

describe("plan diff and markdown", () => {
    let base: Plan;
    before(async () => {
        base = await planOf(flatConfig({ awsAccounts: [audit] }));
    });

    describe("against the base branch's plan", () => {
        it("finds nothing to do when nothing changed", async () => {
            const diff = diffOf(base, await planOf(flatConfig({ awsAccounts: [audit] })));
            expect([diff.added, diff.removed, diff.changed]).to.deep.equal([[], [], []]);
            expect(diff.unchanged).to.equal(base.resources.filter((r) => r.custom).length);
            expect(planToMarkdown(base, { diff })).to.include("0 to add, 0 to change, 0 to remove").and.include("No changes.");
        });

        it("matches a resource its aliases move from another parent with the base's, as the engine does: moved, not replaced", async () => {
            const head = planToJson(base);
            const provider = head.resources.find((r) => r.type === T.awsProvider)!;
            expect(provider.movedFrom, "the provider's alias from when it was its connection's child").to.have.length(1);
            const [oldUrn] = provider.movedFrom!;
            // The base as the program planned it before: the provider at its old URN, with no alias yet.
            const before = { ...head, resources: head.resources.map((r) => (r === provider ? { ...r, urn: oldUrn, movedFrom: undefined } : r)) };
            const diff = diffPlans(before, head, "main");
            expect([diff.added, diff.removed]).to.deep.equal([[], []]);
            expect(diff.changed.map((c) => c.changes)).to.deep.equal([{ urn: { before: oldUrn, after: provider.urn } }]);
            // Without the alias, the same move is a provider deleted and another created.
            const unaliased = diffPlans(
                before,
                { ...head, resources: head.resources.map((r) => (r === provider ? { ...r, movedFrom: undefined } : r)) },
                "main",
            );
            expect([names(unaliased.added), names(unaliased.removed)]).to.deep.equal([["audit-aws"], ["audit-aws"]]);
        });

        it("shows an added account as its five resources, and nothing else changed", async () => {
            const head = await planOf(flatConfig({ awsAccounts: [audit, ops] }));
            const diff = diffOf(base, head);
            expect(names(diff.added)).to.deep.equal([
                "ops-aws",
                "ops-cloudtrail-connector",
                "ops-sentinel-role",
                "ops-sentinel-role-cloudtrail-read",
                "ops-sentinel-role-iam-propagation",
            ]);
            expect(diff.removed).to.deep.equal([]);
            expect(diff.changed).to.deep.equal([]);
            const md = planToMarkdown(head, { diff });
            expect(md).to.include("5 to add, 0 to change, 0 to remove");
            expect(md).to.include("| + | AWS account 222233334444 (us-east-1) | `aws:iam/role:Role` | 1 |");
            expect(md).to.include("**ops-sentinel-role** (new)").and.not.include("**audit-sentinel-role**");
            expect(md).to.match(
                /\| AWS `ops-sentinel-role\.arn` \| `arn:aws:iam::222233334444:role\/MicrosoftSentinelCloudTrail-test` \| Azure `ops-cloudtrail-connector\.awsRoleArn` \|/,
            );
        });

        it("shows a removed account as its resources removed, with their targets from the base plan", async () => {
            const head = await planOf(flatConfig({ awsAccounts: [ops] }));
            const diff = diffOf(await planOf(flatConfig({ awsAccounts: [audit, ops] })), head);
            expect(names(diff.removed)).to.deep.equal([
                "audit-aws",
                "audit-cloudtrail-connector",
                "audit-sentinel-role",
                "audit-sentinel-role-cloudtrail-read",
                "audit-sentinel-role-iam-propagation",
            ]);
            expect(diff.added).to.deep.equal([]);
            const md = planToMarkdown(head, { diff });
            expect(md).to.include("| - | AWS account 111122223333 (us-east-1) | `aws:iam/role:Role` | 1 |");
            expect(md).to.include("**audit-sentinel-role** (removed");
        });

        it("finds the target of a removed resource whose account stays", async () => {
            const head = await planOf(flatConfig({ awsAccounts: [audit], rolePermissions: "lookupEventsOnly" }));
            const diff = diffOf(base, head);
            expect(names(diff.removed)).to.deep.equal(["audit-sentinel-role-cloudtrail-read"]);
            expect(names(diff.added)).to.deep.equal(["audit-sentinel-role-lookup-events"]);
            const md = planToMarkdown(head, { diff });
            expect(md).to.include("| - | AWS account 111122223333 (us-east-1) | `aws:iam/rolePolicyAttachment:RolePolicyAttachment` | 1 |");
            expect(md).to.include("| + | AWS account 111122223333 (us-east-1) | `aws:iam/rolePolicy:RolePolicy` | 1 |");
        });

        it("shows a changed trust policy in full, before and after, and only the role as changed", async () => {
            const head = await planOf(flatConfig({ awsAccounts: [audit], microsoftAccountId: "123456789012" }));
            const diff = diffOf(base, head);
            expect(diff.changed.map((c) => [c.head.type, Object.keys(c.changes)])).to.deep.equal([[T.role, ["assumeRolePolicy"]]]);
            const md = planToMarkdown(head, { diff });
            expect(md).to.include("**audit-sentinel-role** (changed)");
            const [before, after] = md.split("**audit-sentinel-role** (changed)")[1].split("After:");
            expect(before).to.include('"AWS": "arn:aws:iam::197857026523:root"').and.include('"sts:ExternalId"');
            expect(after).to.include('"AWS": "arn:aws:iam::123456789012:root"').and.include('"sts:ExternalId"');
            expect(md).to.include("<details><summary>Changed inputs</summary>");
        });

        it("counts lifting a protection as a change a reviewer sees", async () => {
            const head = await planOf(
                flatConfig({ awsAccounts: [audit], workspace: { name: "sentinel-test", resourceGroupName: "rg-sentinel-test", protect: false } }),
            );
            const diff = diffOf(base, head);
            expect(diff.changed.map((c) => [c.head.type, c.changes.protect])).to.deep.equal([
                [T.resourceGroup, { before: true, after: false }],
                [T.workspace, { before: true, after: false }],
                [T.onboarding, { before: true, after: false }],
            ]);
        });

        it("renders the diff as text and JSON with the changed inputs", async () => {
            const head = await planOf(flatConfig({ awsAccounts: [account("audit", "111122223333", { roleName: "SentinelReader" })] }));
            const diff = diffOf(base, head);
            const text = diffToText("test", diff);
            // The role is replaced, so its unique ID changes, and the IAM wait runs again.
            expect(text).to.match(/^Plan for stack "test" against main: 0 to add, 4 to change, 0 to remove, \d+ unchanged/);
            expect(text).to.include(
                "~ aws:iam/role:Role  audit-sentinel-role\n      name:\n        before: MicrosoftSentinelCloudTrail-test\n        after:  SentinelReader",
            );
            const json = diffToJson("test", diff);
            const role = json.changed.find((c) => c.type === T.role)!;
            expect(role.changes.name).to.deep.equal({ before: "MicrosoftSentinelCloudTrail-test", after: "SentinelReader" });
            expect(names(json.changed)).to.deep.equal([
                "audit-cloudtrail-connector",
                "audit-sentinel-role",
                "audit-sentinel-role-cloudtrail-read",
                "audit-sentinel-role-iam-propagation",
            ]);
        });
    });

    describe("changes the engine ignores", () => {
        const FILTER = ["deploymentTargets.accountFilterType", "deploymentTargets.accounts", "operationPreferences"];
        const instance = (inputs: Json, ignoreChanges?: string[]) => ({
            stack: "org",
            resources: [
                {
                    type: "aws:cloudformation/stackSetInstance:StackSetInstance",
                    name: "organization-ou-ab12-workload1",
                    urn: "urn:pulumi:org::sentinel-aws::aws:cloudformation/stackSetInstance:StackSetInstance::organization-ou-ab12-workload1",
                    protect: false,
                    ...(ignoreChanges ? { ignoreChanges } : {}),
                    inputs,
                },
            ],
        });
        const ou = (id: string, filtered?: string[]) => ({
            organizationalUnitIds: [id],
            ...(filtered ? { accountFilterType: "DIFFERENCE", accounts: filtered } : {}),
        });
        const base = instance({ deploymentTargets: ou("ou-ab12-workload1"), operationPreferences: { maxConcurrentPercentage: 25 } });

        it("marks an input whose every difference ignoreChanges covers, in the diff, its text and its markdown", () => {
            const head = instance(
                { deploymentTargets: ou("ou-ab12-workload1", ["222200000003"]), operationPreferences: { concurrencyMode: "SOFT_FAILURE_TOLERANCE" } },
                FILTER,
            );
            const [change] = diffPlans(base, head, "main").changed;
            expect(change.changes.deploymentTargets.ignored).to.equal(true);
            expect(change.changes.operationPreferences.ignored).to.equal(true);
            expect(change.changes.ignoreChanges.ignored).to.equal(undefined);
            const diff = diffPlans(base, head, "main");
            expect(diffToText("org", diff)).to.include("      deploymentTargets:  (ignored: ignoreChanges keeps the deployed value)\n");
            expect(
                planToMarkdown({ stack: "org", preview: false, resources: [], outputs: {}, placeholders: [], lookups: [], warnings: [] }, { diff }),
            ).to.include("operationPreferences:  (ignored: ignoreChanges keeps the deployed value)");
        });

        it("does not mark an input that also changes where ignoreChanges does not reach, or that no path covers", () => {
            const head = instance({ deploymentTargets: ou("ou-ab12-other111", ["222200000003"]), operationPreferences: { maxConcurrentPercentage: 50 } }, [
                "deploymentTargets.accounts",
                "deploymentTargets.accountFilterType",
            ]);
            const { changes } = diffPlans(base, head, "main").changed[0];
            expect([changes.deploymentTargets.ignored, changes.operationPreferences.ignored]).to.deep.equal([undefined, undefined]);
        });
    });

    describe("markdown code blocks", () => {
        it("keep any text inside them, unchanged, with a fence longer than its longest run of backticks", () => {
            const text = "value\n```\n## Plan for stack prod: no changes\n`````\n```json";
            const block = fence("text", text);
            const lines = block.split("\n");
            expect(lines[0]).to.equal("``````text");
            expect(lines.at(-1)).to.equal("``````");
            expect(lines.slice(1, -1).join("\n")).to.equal(text);
            expect(fence("json", "{}")).to.equal("```json\n{}\n```");
        });
    });

    describe("markdown under GitHub's comment limit", () => {
        it("trims whole items to the limit and says what it left out", async () => {
            const plan = await planOf(flatConfig({ awsAccounts: manyAccounts(4) }));
            const full = planToMarkdown(plan);
            expect(full).to.not.include("Trimmed");
            const md = planToMarkdown(plan, { maxLength: 3000 });
            expect(md.length).to.be.at.most(3000);
            expect(md).to.include("> **Trimmed** to fit GitHub's comment limit");
            expect(md).to.match(
                /_…and \d+ more (trust policies|links|parts of the plan), left out to fit GitHub's comment limit: run `npm run plan -- --stack test`\._/,
            );
            for (const maxLength of [2500, 4000, 8000, 16000]) {
                const trimmed = planToMarkdown(plan, { maxLength });
                expect(trimmed.length, `limit ${maxLength}`).to.be.at.most(maxLength);
                expect((trimmed.match(/```/g) ?? []).length % 2, "every code fence closed").to.equal(0);
            }
        });

        it("keeps a plan of 30 accounts under the real limit, with counts per cloud", async () => {
            const plan = await planOf(flatConfig({ awsAccounts: manyAccounts(30) }));
            const md = planToMarkdown(plan);
            expect(md.length).to.be.below(GITHUB_COMMENT_LIMIT);
            expect(md).to.include("Trimmed");
            expect(md).to.include("| + | AWS (30 accounts) | `aws:iam/role:Role` | 30 |");
        });
    });

    describe("npm run plan -- --diff-against", () => {
        const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-diff-"));
        const write = (name: string, text: string) => {
            const file = path.join(dir, name);
            writeFileSync(file, text);
            return file;
        };
        const stack = (accounts: Json[]) =>
            write(
                "Pulumi.check.yaml",
                stringify({
                    config: {
                        "azure-native:location": "westeurope",
                        "sentinel-aws:workspace": { name: "sentinel-x", resourceGroupName: "rg" },
                        "sentinel-aws:awsAccounts": accounts,
                    },
                }),
            );
        const run = runPlanCli;

        it("compares with a plan saved by --json, in every format", async () => {
            const saved = await run("--config-file", stack([audit]), "--json");
            const baseFile = write("base.json", saved.stdout);
            const args = ["--config-file", stack([audit, ops]), "--diff-against", baseFile];
            const markdown = await run(...args, "--format", "markdown");
            expect(markdown.code, markdown.stderr).to.equal(EXIT.ok);
            expect(markdown.stdout).to.include("## Plan for stack `check`: 5 to add, 0 to change, 0 to remove").and.include("Against base.json.");
            const json = JSON.parse((await run(...args, "--format", "json")).stdout) as ReturnType<typeof diffToJson>;
            expect(json.added).to.have.length(5);
            expect((await run(...args)).stdout).to.include("+ aws:iam/role:Role  ops-sentinel-role");
        });

        it("renders the sample dev stack as markdown: both accounts, both trust policies, the links", async () => {
            const { code, stdout } = await run("--stack", "dev", "--format", "markdown");
            expect(code).to.equal(EXIT.ok);
            expect(stdout).to.match(/^## Plan for stack `dev`: 13 resources to create/);
            expect(stdout).to.include("| + | AWS account 444455556666 (eu-west-1) | `aws:iam/role:Role` | 1 |");
            expect(stdout).to.include("**audit-sentinel-role** (new)").and.include("**workloads-sentinel-role** (new)");
            expect(stdout).to.include("<details><summary>The whole plan (13 resources)</summary>");
            expect(stdout).to.not.include("Trimmed");
        });

        it("tells how to save a base without npm's banner, when the banner is what broke it", () => {
            // What `npm run plan -- --json > base.json` writes: npm's banner, then the plan.
            const bannered = write(
                "bannered.json",
                `\n> sentinel-aws@0.1.0 plan\n> node --require ./typescript-loader.cjs scripts/plan.ts --json\n\n{"stack": "dev"}\n`,
            );
            expect(() => readPlanSnapshot(bannered))
                .to.throw(
                    InputFileError,
                    /bannered\.json is not JSON \(save the base plan with `npm run -s plan -- --json > base\.json`; without -s, npm's banner lands in the file\)/,
                )
                .with.property("message")
                .that.does.not.match(/`npm run plan/);
        });

        it("refuses a base that is not a saved plan, and an unknown format, with exit code 2", async () => {
            const notAPlan = await run("--config-file", stack([audit]), "--diff-against", write("nope.json", '{"resources": 3}'));
            expect(notAPlan.code).to.equal(EXIT.badInput);
            expect(notAPlan.stderr).to.include("is not a saved plan");
            const missing = await run("--diff-against", path.join(dir, "absent.json"));
            expect(missing.code).to.equal(EXIT.badInput);
            expect(missing.stderr).to.include(`cannot read ${path.join(dir, "absent.json")}: ENOENT`);
            const format = await run("--format", "xml");
            expect(format.code).to.equal(EXIT.badInput);
            expect(format.stderr).to.include('--format: "xml" is not one of text, markdown, json');
        });
    });
});
