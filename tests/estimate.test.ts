// The deployment and cost estimate: the model pinned to cases computed by hand from the
// constants' documented meaning (a 3-OU organisation STRICT and SOFT, 10 listed accounts),
// read from hand-made plan fragments; then the samples' plans as users print them.
import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { runPlan } from "../plan/cli";
import { DEFAULT_PARALLEL, estimatePlan } from "../plan/estimate";
import { organizationThreshold, S3_ORG_TRAIL_ACCOUNT, scaledOrganization } from "../plan/estimate/choice";
import {
    BYTES_PER_EVENT,
    GITHUB_JOB_LIMIT_MINUTES,
    JOURNALING_BENCHMARK,
    PRICES,
    SELF_MANAGED_SAVE_SECONDS,
    STACKSET_WAVE_MINUTES,
} from "../plan/estimate/constants";
import { estimateChange } from "../plan/estimate/render";
import { shapeOf, ShapeResource } from "../plan/estimate/shape";
import { firstDeployTime } from "../plan/estimate/time";
import { ESTIMATES_PAGE, estimateRows, plannedOrganization, withRows } from "../scripts/estimate-table";

const ROOT = path.resolve(__dirname, "..");
const STACK = "urn:pulumi:t::sentinel-aws::";
const WAVE = STACKSET_WAVE_MINUTES.value;

/** A StackSet and one instance per OU, each OU answering `sizes[i]` accounts. */
function organization(
    sizes: number[],
    preferences: Record<string, unknown>,
    extra: (ou: string, i: number) => Record<string, unknown> = () => ({}),
): ShapeResource[] {
    const stackSet = {
        urn: `${STACK}aws:cloudformation/stackSet:StackSet::roles`,
        type: "aws:cloudformation/stackSet:StackSet",
        name: "roles",
        custom: true,
        inputs: { name: "S" },
    };
    const instances = sizes.map((n, i) => ({
        urn: `${STACK}aws:cloudformation/stackSetInstance:StackSetInstance::ou-${i}`,
        type: "aws:cloudformation/stackSetInstance:StackSetInstance",
        name: `ou-${i}`,
        custom: true,
        dependsOn: [stackSet.urn],
        inputs: { stackSetName: "S", deploymentTargets: { organizationalUnitIds: [`ou-${i}`], ...extra(`ou-${i}`, i) }, operationPreferences: preferences },
        outputs: { stackInstanceSummaries: Array.from({ length: n }, (_, a) => ({ accountId: String(100000000000 + i * 1000 + a) })) },
    }));
    return [stackSet, ...instances];
}

const stackSetMinutes = (resources: ShapeResource[]) =>
    estimatePlan(resources, { backend: "cloud-journaling", parallel: 16 }).firstDeploy.parts.find((p) => p.cause === "stackSets")!.minutes;

describe("deployment estimate: the model", () => {
    // OUs of 40, 20 and 8 accounts at 25% concurrent and 10% tolerated, as the program configures them.
    const sizes = [40, 20, 8];
    const percentages = { maxConcurrentPercentage: 25, failureTolerancePercentage: 10 };

    it("runs a 3-OU organisation in STRICT mode (AWS's default, no concurrencyMode) at min(max, tolerance + 1) accounts a wave", () => {
        // 40: max floor(10)=10, tolerance floor(4)=4 -> 5 at once, 8 waves; 20: max 5, tolerance 2 -> 3, 7 waves;
        // 8: max 2, tolerance 0 -> 1, 8 waves. One StackSet's operations run one after another: 23 waves.
        expect(stackSetMinutes(organization(sizes, percentages))).to.deep.equal({ low: 23 * WAVE.low, high: 23 * WAVE.high });
    });

    it("runs the same organisation in SOFT mode at the configured percentage: 4 waves an OU", () => {
        // 40 at 10, 20 at 5, 8 at 2: 4 waves each, 12 in all.
        const soft = organization(sizes, { ...percentages, concurrencyMode: "SOFT_FAILURE_TOLERANCE" });
        expect(stackSetMinutes(soft)).to.deep.equal({ low: 12 * WAVE.low, high: 12 * WAVE.high });
        expect(estimatePlan(soft, { backend: "cloud", parallel: 16 }).firstDeploy.bottleneck).to.match(
            /^The StackSet operations .*SOFT: 40 accounts at 10, 20 accounts at 5, 8 accounts at 2 at once, 12 waves/,
        );
    });

    it("leaves out the accounts a DIFFERENCE filter excludes, and counts operations without preferences at AWS's one account at a time", () => {
        // OU 0 of 40 loses 2 accounts: 38 at floor(9.5)=9 -> 5 waves; 20 -> 4; 8 -> 4.
        const filtered = organization(sizes, { ...percentages, concurrencyMode: "SOFT_FAILURE_TOLERANCE" }, (_ou, i) =>
            i === 0 ? { accountFilterType: "DIFFERENCE", accounts: ["100000000000", "100000000001"] } : {},
        );
        expect(stackSetMinutes(filtered)).to.deep.equal({ low: 13 * WAVE.low, high: 13 * WAVE.high });
        expect(stackSetMinutes(organization([3, 2], {}))).to.deep.equal({ low: 5 * WAVE.low, high: 5 * WAVE.high });
    });

    // Ten listed accounts: per account a provider, a role, its policy attachment, a 30 s IAM wait and a connector.
    const listed: ShapeResource[] = Array.from({ length: 10 }, (_, i) => {
        const provider = `${STACK}pulumi:providers:aws::a${i}-aws`;
        return [
            {
                urn: provider,
                type: "pulumi:providers:aws",
                name: `a${i}-aws`,
                custom: true,
                inputs: { region: "us-east-1", allowedAccountIds: `["${100000000000 + i}"]` },
            },
            { urn: `${STACK}aws:iam/role:Role::a${i}`, type: "aws:iam/role:Role", name: `a${i}`, custom: true, provider, inputs: {} },
            {
                urn: `${STACK}aws:iam/rolePolicyAttachment:RolePolicyAttachment::a${i}`,
                type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                name: `a${i}p`,
                custom: true,
                provider,
                inputs: {},
            },
            {
                urn: `${STACK}time:index/sleep:Sleep::a${i}`,
                type: "time:index/sleep:Sleep",
                name: `a${i}w`,
                custom: true,
                version: "0.1.1",
                inputs: { createDuration: "30s" },
            },
            {
                urn: `${STACK}azure-native:securityinsights:AwsCloudTrailDataConnector::a${i}`,
                type: "azure-native:securityinsights:AwsCloudTrailDataConnector",
                name: `a${i}c`,
                custom: true,
                version: "3.0.0",
                inputs: {},
            },
        ];
    }).flat();

    it("estimates 10 listed accounts on a self-managed backend: two saves a step, each 1-3 s, beside waits and writes", () => {
        const estimate = estimatePlan(listed, { backend: "self-managed", parallel: 16 });
        // Steps: 50 resources, the stack, and the default azure-native and time providers: 53; two saves each.
        const saves = 53 * 2;
        const checkpoints = estimate.firstDeploy.parts.find((p) => p.cause === "checkpoints")!.minutes;
        const expected = { low: (saves * SELF_MANAGED_SAVE_SECONDS.value.low) / 60, high: (saves * SELF_MANAGED_SAVE_SECONDS.value.high) / 60 };
        expect(checkpoints.low).to.be.closeTo(expected.low, 0.05);
        expect(checkpoints.high).to.be.closeTo(expected.high, 0.05);
        // The ten 30 s waits hold 16 slots: 300 s / 16 is under one wait, so one wait, 0.5 min.
        expect(estimate.firstDeploy.parts.find((p) => p.cause === "awsResources")!.minutes).to.deep.equal({ low: 0.5, high: 0.5 });
        // Ten Azure writes stay inside ARM's burst of 200: at most 10 x 3 s / 16.
        expect(estimate.firstDeploy.parts.find((p) => p.cause === "armWrites")!.minutes.high).to.be.at.most(0.1);
        expect(estimate.firstDeploy.minutes.low).to.be.closeTo(expected.low, 0.05);
        expect(estimate.providerProcesses.counts).to.deep.equal({ aws: 10, "azure-native": 1, time: 1 });
    });

    it("on Pulumi Cloud without journaling charges each save what journaling saved in Pulumi's benchmark", () => {
        const estimate = estimatePlan(listed, { backend: "cloud", parallel: 16 });
        const perSave = (JOURNALING_BENCHMARK.snapshotSeconds.value - JOURNALING_BENCHMARK.journalSeconds.value) / (JOURNALING_BENCHMARK.resources.value * 2);
        expect(estimate.firstDeploy.parts.find((p) => p.cause === "checkpoints")!.minutes.high).to.be.closeTo((106 * perSave) / 60, 0.05);
    });

    it("warns, naming the account, of a trail created where an organisation trail already records the events, and charges it", () => {
        const connector = (account: string, table: string) => ({
            urn: `${STACK}azure-native:resources:Resource::${account}-${table}`,
            type: "azure-native:resources:Resource",
            name: `${account}-${table}`,
            custom: true,
            inputs: {
                kind: "AmazonWebServicesS3",
                properties: {
                    destinationTable: table,
                    roleArn: `arn:aws:iam::${account}:role/r`,
                    sqsUrls: [`https://sqs.us-east-1.amazonaws.com/${account}/q`],
                },
            },
        });
        const provider = (account: string) => ({
            urn: `${STACK}pulumi:providers:aws::${account}-aws`,
            type: "pulumi:providers:aws",
            name: `n${account}-aws`,
            custom: true,
            inputs: { region: "us-east-1", allowedAccountIds: `["${account}"]` },
        });
        const trail = (account: string, organization: boolean) => ({
            urn: `${STACK}aws:cloudtrail/trail:Trail::${account}`,
            type: "aws:cloudtrail/trail:Trail",
            name: `t${account}`,
            custom: true,
            provider: provider(account).urn,
            inputs: { name: `trail-${account}`, isOrganizationTrail: organization },
        });
        const resources = [
            provider("111111111111"),
            provider("222222222222"),
            connector("111111111111", "AWSCloudTrail"),
            connector("222222222222", "AWSCloudTrail"),
            trail("111111111111", true),
            trail("222222222222", false),
        ];
        // Control Tower's way: the log-archive account reads an existing trail's bucket; a trail beside it is a second copy too.
        const landingZone = estimatePlan(
            resources.filter((r) => r.name !== "t111111111111"),
            { backend: "cloud", parallel: 16 },
        );
        expect(landingZone.warnings).to.have.length(1);
        expect(landingZone.warnings[0]).to.match(
            /^Account 222222222222 .* while the existing trail account 111111111111 \(n111111111111\) reads \(existingBucket\)/,
        );
        const estimate = estimatePlan(resources, { backend: "cloud", parallel: 16, eventsPerMonth: 3_000_000 });
        expect(estimate.warnings).to.have.length(1);
        expect(estimate.warnings[0]).to.match(
            /^Account 222222222222 \(n222222222222\) creates a trail of its own.*organisation trail trail-111111111111 of account 111111111111/,
        );
        const second = estimate.monthlyCost!.accounts.find((a) => a.accountId === "222222222222")!;
        expect(second.services.cloudTrail).to.deep.equal({ low: 60, high: 60 }); // 3,000,000 / 100,000 x $2.00
        const gb = (3_000_000 * BYTES_PER_EVENT.value.low) / 1e9;
        expect(second.services.azureIngestion!.low).to.be.closeTo(gb * PRICES.azureIngestionPerGb.value.low, 0.01);
        expect(estimate.monthlyCost!.accounts.find((a) => a.accountId === "111111111111")!.services.cloudTrail).to.deep.equal({ low: 0, high: 0 });
    });

    it("puts the threshold at the first member count whose first deployment may outrun a GitHub-hosted job", () => {
        const shape = shapeOf(organization(sizes, percentages));
        const options = { backend: "self-managed" as const, parallel: 16 };
        const threshold = organizationThreshold(shape, options)!;
        const high = (members: number) => firstDeployTime(scaledOrganization(shape, members), options).minutes.high;
        expect(high(threshold)).to.be.above(GITHUB_JOB_LIMIT_MINUTES.value);
        expect(high(threshold - 1)).to.be.at.most(GITHUB_JOB_LIMIT_MINUTES.value);
    });

    it("says how the estimate changed against a base plan's: minutes of first deployment and dollars per million events", () => {
        const head = estimatePlan(organization(sizes, percentages), { backend: "cloud", parallel: 16 });
        const change = estimateChange(
            { firstDeploy: { minutes: { low: 1, high: head.firstDeploy.minutes.high - 12 } }, monthlyCost: { usd: { low: 0, high: 0 } } },
            head,
        );
        expect(change).to.equal(
            `Estimate change: +12.0 min first deployment (high end: ${head.firstDeploy.minutes.high - 12} -> ${head.firstDeploy.minutes.high} min).`,
        );
        expect(estimateChange({ stack: "old plan without an estimate" }, head)).to.equal(undefined);
    });
});

describe("deployment estimate: the samples' plans", function () {
    this.timeout(60_000);
    const plans: Record<string, { code: number; stdout: string; stderr: string }> = {};
    const run = async (...argv: string[]) => {
        let stdout = "";
        let stderr = "";
        const code = await runPlan(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, ROOT);
        return { code, stdout, stderr };
    };
    before(async () => {
        plans.org = await run("--config-file", "examples/Pulumi.org.yaml", "--org-accounts", "examples/Pulumi.org.org-accounts.json", "--json");
        plans.s3 = await run("--config-file", "examples/Pulumi.s3.yaml", "--json");
        plans.controltower = await run("--config-file", "examples/Pulumi.controltower.yaml", "--json", "--backend", "self-managed", "--parallel", "8");
    });

    it("carries estimate.firstDeploy and estimate.dailyRun in the organisation sample's JSON, labelled, every constant with a source", () => {
        const { estimate } = JSON.parse(plans.org.stdout);
        for (const run of [estimate.firstDeploy, estimate.dailyRun]) {
            expect(run.minutes.low).to.be.a("number").and.at.most(run.minutes.high);
            expect(run.bottleneck).to.match(/\S/);
            for (const a of run.assumptions) expect(a.source, a.name).to.match(/\S/);
        }
        expect(estimate.label).to.match(/^Estimate, not a measurement/);
        expect(estimate.choice.thresholdMembers).to.be.a("number");
    });

    it("gives the S3 and Control Tower samples a monthly cost per million events split by service, with every price's source, and warns of the S3 sample's second trail copy", () => {
        for (const name of ["s3", "controltower"]) {
            const { estimate, warnings } = JSON.parse(plans[name].stdout);
            expect(estimate.monthlyCost.basis).to.deep.equal({ eventsPerMonth: 1_000_000, perMillionEvents: true });
            expect(Object.keys(estimate.monthlyCost.services)).to.deep.equal(["cloudTrail", "s3", "sqs", "sns", "kms", "cloudWatch", "azureIngestion"]);
            for (const price of estimate.monthlyCost.prices) expect(price.read, price.name).to.match(/^2026-/);
            expect(warnings ?? [], name).to.satisfy((ws: string[]) => ws.some((w) => w.includes("444455556666")) === (name === "s3"));
        }
        const security = JSON.parse(plans.s3.stdout).estimate.monthlyCost.accounts.find((a: { accountId: string }) => a.accountId === "444455556666");
        expect(security.priceNotKnown, "eu-west-1's prices were not read").to.deep.equal(["s3", "sqs", "sns", "kms", "cloudWatch"]);
        expect(security.services.cloudTrail).to.deep.equal({ low: 20, high: 20 });
        // Its CloudWatch Logs function's cost follows the log groups' volume, which the plan cannot know: named, with its prices.
        expect(security.notes.join("\n")).to.match(/CloudWatch Logs function runs once per batch, charged \$0\.2 per million invocations .*: not counted/);
        // So does WAF's delivery, which follows the web ACLs' traffic.
        expect(security.notes.join("\n")).to.match(/WAF's logs are delivered to S3 by CloudWatch Logs, charged \$0\.25 per GB .*: not counted/);
        const controltower = JSON.parse(plans.controltower.stdout).estimate;
        expect(controltower.backend).to.equal("self-managed");
        expect(controltower.parallel).to.equal(8);
    });

    it("holds the S3 organisation-trail account the threshold compares against to what the S3 sample's management account registers", () => {
        const { resources } = JSON.parse(plans.s3.stdout) as {
            resources: { type: string; name: string; custom: boolean; provider?: string; inputs: Record<string, unknown> }[];
        };
        const own = resources.filter((r) => r.provider?.endsWith("::org-aws"));
        expect(own.filter((r) => !r.type.startsWith("pulumi:providers:")).length).to.equal(S3_ORG_TRAIL_ACCOUNT.awsCreates);
        expect(resources.filter((r) => !r.custom && /^org(-|$)/.test(r.name)).length).to.equal(S3_ORG_TRAIL_ACCOUNT.components);
        expect(resources.filter((r) => r.type === "azure-native:resources:Resource" && r.name.startsWith("org-")).length).to.equal(
            S3_ORG_TRAIL_ACCOUNT.azureCreates,
        );
        expect(resources.find((r) => r.name === "org-iam-propagation")!.inputs.createDuration).to.equal(`${S3_ORG_TRAIL_ACCOUNT.waitSeconds}s`);
    });

    it("labels the estimate in the text plan, and shows in the pull-request comment how it moved against the base plan", async () => {
        const org = ["--config-file", "examples/Pulumi.org.yaml", "--org-accounts", "examples/Pulumi.org.org-accounts.json"];
        const text = await run(...org);
        expect(text.stdout).to.match(
            /\nDeployment estimate \(Estimate, not a measurement[^\n]*\n {2}Backend cloud, --parallel 16\.\n {2}First pulumi up: [\d.]+-[\d.]+ min/,
        );
        // The base plan: the same, saved when its first deployment was estimated 3 minutes shorter.
        const base = JSON.parse(plans.org.stdout);
        const high = base.estimate.firstDeploy.minutes.high;
        base.estimate.firstDeploy.minutes.high = Math.round((high - 3) * 10) / 10;
        const file = path.join(mkdtempSync(path.join(tmpdir(), "sentinel-aws-")), "base.json");
        writeFileSync(file, JSON.stringify(base));
        const markdown = await run(...org, "--format", "markdown", "--diff-against", file);
        expect(markdown.code).to.equal(0);
        expect(markdown.stdout).to.include("### Deployment estimate\n\n_Estimate, not a measurement");
        expect(markdown.stdout).to.include(
            `**Estimate change: +3.0 min first deployment (high end: ${base.estimate.firstDeploy.minutes.high} -> ${high} min).**`,
        );
    });

    it("refuses a bad --backend, --parallel or --events-per-month with exit 2, naming the flag and the value", async () => {
        for (const [flag, value] of [
            ["--backend", "s3"],
            ["--parallel", "0"],
            ["--events-per-month", "1e6"],
        ]) {
            const { code, stderr } = await run("--config-file", "examples/Pulumi.s3.yaml", flag, value);
            expect(code, flag).to.equal(2);
            expect(stderr, flag).to.include(`${flag}: "${value}"`);
        }
    });
});

describe("docs/estimates.md, the estimate rows of 'Which way for many accounts'", function () {
    this.timeout(120_000);

    it("are what the plan gives today (regenerate with npm run estimate-table); the larger organisations scale exactly from the planned 100", async () => {
        // One plan of 100 members; 1,000 and 5,000 add one connector a member, which scaledOrganization adds.
        const hundred = await plannedOrganization(100);
        const { markdown } = await estimateRows(async (members) => (members === 100 ? hundred : scaledOrganization(hundred, members)));
        const page = readFileSync(ESTIMATES_PAGE, "utf8");
        expect(withRows(page, markdown), "docs/estimates.md is stale: run npm run estimate-table").to.equal(page);
    });
});

describe("the deployment workflow and the estimate", () => {
    it("runs Pulumi Cloud with journaling and the --parallel the estimate assumes by default", () => {
        const env = (
            parse(readFileSync(path.join(ROOT, ".github", "workflows", "pulumi.yml"), "utf8")) as { jobs: { pulumi: { env: Record<string, string> } } }
        ).jobs.pulumi.env;
        expect(env.PULUMI_PARALLEL).to.equal(String(DEFAULT_PARALLEL));
        expect(env.PULUMI_ENABLE_JOURNALING).to.equal("${{ vars.PULUMI_BACKEND_URL == '' && 'true' || 'false' }}");
    });
});
