// `npm run estimate-table`: writes the "Which way for many accounts" estimate rows of
// docs/estimates.md, made by the plan itself: the program planned for organisations of 100,
// 1,000 and 5,000 members in 10 OUs (as `npm run bench` generates them) and for one
// S3-connector account with an organisation trail, each estimated as `npm run plan` does.
// tests/estimate.test.ts regenerates them and fails when the page is stale.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { loadStackConfig, sentinelAws } from "../src";
import { BACKENDS, estimateShape, EstimateOptions } from "../plan/estimate";
import { withSoftConcurrency } from "../plan/estimate/choice";
import * as constants from "../plan/estimate/constants";
import type { Range, Sourced } from "../plan/estimate/constants";
import { DeploymentShape, shapeOf } from "../plan/estimate/shape";
import { FakeCloud } from "../plan/fakeCloud";
import { recordPlan } from "../plan/record";
import { benchOrganization } from "./bench/stackConfig";

const ROOT = path.resolve(__dirname, "..");
export const ESTIMATES_PAGE = path.join(ROOT, "docs", "estimates.md");
const block = (name: string) => ({ start: `<!-- ${name}:start (npm run estimate-table writes this) -->`, end: `<!-- ${name}:end -->` });
const ROWS = block("estimate-table");
const CONSTANTS = block("estimate-constants");
export const TABLE_SIZES = [100, 1000, 5000] as const;
/** The backend the deploy workflow uses with Pulumi Cloud, and Pulumi's default --parallel there. */
const OPTIONS: EstimateOptions = { backend: "cloud-journaling", parallel: 16 };

const STACK = "estimate";

/** One S3-connector account reading CloudTrail through an organisation trail, as examples/Pulumi.s3.yaml's management account. */
function s3OrgTrailConfig(): Record<string, string> {
    const account = {
        name: "org",
        accountId: "111111111111",
        region: "us-east-1",
        assumeRoleArn: "arn:aws:iam::111111111111:role/pulumi-deploy",
        connector: "s3",
        s3: { logTypes: ["cloudTrail"], organizationId: "o-a1b2c3d4e5", kmsEncryption: true },
    };
    return {
        "azure-native:location": "westeurope",
        "sentinel-aws:workspace": JSON.stringify({ name: "sentinel-estimate", resourceGroupName: "rg-sentinel-estimate" }),
        "sentinel-aws:awsAccounts": JSON.stringify([account]),
    };
}

async function planned(config: Record<string, string>, cloud = new FakeCloud()): Promise<DeploymentShape> {
    return shapeOf((await recordPlan(STACK, config, () => sentinelAws(loadStackConfig(config, STACK)), cloud)).resources);
}

/** The organisation of `members` as `npm run bench` generates it, planned. */
export function plannedOrganization(members: number): Promise<DeploymentShape> {
    const { config, orgAccounts } = benchOrganization(members);
    return planned(config, new FakeCloud({ orgAccounts }));
}

const mins = (r: Range) => `${r.low}–${r.high} min`;
const usd = (r: Range) => `$${r.low.toFixed(2)}–$${r.high.toFixed(2)}`;

export interface EstimateRows {
    readonly markdown: string;
    /** The 5,000-member organisation with SOFT_FAILURE_TOLERANCE, first deployment. */
    readonly soft5000: Range;
}

/**
 * The rows, from the shape of each organisation (`npm run estimate-table` plans every size;
 * the test plans the smallest and scales it, which must give the same rows).
 */
export async function estimateRows(organization: (members: number) => Promise<DeploymentShape> = plannedOrganization): Promise<EstimateRows> {
    const s3 = await planned(s3OrgTrailConfig());
    const lines = [
        `Estimated with \`--backend ${OPTIONS.backend} --parallel ${OPTIONS.parallel}\`, per million CloudTrail events a month (us-east-1 prices; Azure ingestion at the pay-as-you-go range). Organisations as \`npm run bench\` generates them: members spread over 10 OUs, the program's own StackSet preferences.`,
        "",
        "| accounts | organisation mode: first `pulumi up` | organisation mode: daily run | organisation mode: USD/month | S3 organisation trail: first `pulumi up` | S3 organisation trail: USD/month | organisation mode's threshold (members) |",
        "|---:|---|---|---|---|---|---:|",
    ];
    let soft5000: Range = { low: 0, high: 0 };
    for (const members of TABLE_SIZES) {
        const org = await organization(members);
        const estimate = estimateShape(org, OPTIONS);
        const s3Estimate = estimateShape(s3, { ...OPTIONS, organizationAccounts: members });
        const choice = estimate.choice!;
        lines.push(
            `| ${members.toLocaleString("en-US")} | ${mins(estimate.firstDeploy.minutes)} | ${mins(estimate.dailyRun.minutes)} | ${usd(choice.organizationMode.usdPerMonth)} | ${mins(s3Estimate.firstDeploy.minutes)} | ${usd(s3Estimate.monthlyCost!.usd)} | ${choice.thresholdMembers?.toLocaleString("en-US") ?? "none up to 100,000"} |`,
        );
        if (members === 5000) {
            const soft = estimateShape(withSoftConcurrency(org), OPTIONS).firstDeploy;
            soft5000 = soft.minutes;
            lines.push(
                "",
                `The 5,000-member plan with \`concurrencyMode: SOFT_FAILURE_TOLERANCE\` on every stack instance (a hand-made variant of the recorded plan), first \`pulumi up\` on Pulumi Cloud with journaling: **${mins(soft.minutes)}**, by cause:`,
                "",
                ...soft.parts.map((p) => `- ${p.cause}: ${mins(p.minutes)} (${p.detail})`),
                "",
                `The same on the other backends: ${BACKENDS.filter((b) => b !== OPTIONS.backend)
                    .map((backend) => `\`${backend}\` ${mins(estimateShape(withSoftConcurrency(org), { ...OPTIONS, backend }).firstDeploy.minutes)}`)
                    .join(", ")}. Organisation mode's threshold on each backend (the program's own preferences): ${BACKENDS.map(
                    (backend) =>
                        `\`${backend}\` ${estimateShape(org, { ...OPTIONS, backend }).choice!.thresholdMembers?.toLocaleString("en-US") ?? "none up to 100,000"}`,
                ).join(", ")} members.`,
            );
        }
    }
    return { markdown: lines.join("\n"), soft5000 };
}

const isSourced = (v: unknown): v is Sourced => typeof v === "object" && v !== null && "source" in v && "read" in v && "value" in v;
const shown = (v: Sourced["value"]) => (typeof v === "number" ? String(v) : `${v.low}–${v.high}`);
const cell = (s: string) => s.replace(/\|/g, "\\|");

/** Every constant of plan/estimate/constants.ts, with its source and the date it was read. */
export function constantsTable(): string {
    const rows: string[] = [];
    const visit = (name: string, value: unknown) => {
        if (isSourced(value))
            rows.push(
                `| \`${name}\` | ${shown(value.value)} | ${cell(value.unit)}${value.assumption ? " **(assumption)**" : ""} | ${cell(value.source)} | ${value.read} |`,
            );
        else if (typeof value === "string") rows.push(`| \`${name}\` | | ${cell(value)} | | |`);
        else if (Array.isArray(value)) rows.push(`| \`${name}\` | ${value.join(", ")} | | | |`);
        else if (typeof value === "object" && value !== null) for (const [key, inner] of Object.entries(value)) visit(`${name}.${key}`, inner);
    };
    for (const [name, value] of Object.entries(constants)) visit(name, value);
    return ["| constant | value | what it is | source | read |", "|---|---|---|---|---|", ...rows].join("\n");
}

function replaceBlock(page: string, { start, end }: { start: string; end: string }, content: string): string {
    const from = page.indexOf(start);
    const to = page.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${ESTIMATES_PAGE} has no ${start} ... ${end} block`);
    return `${page.slice(0, from + start.length)}\n${content}\n${page.slice(to)}`;
}

/** The page with its rows and its constants table replaced. */
export function withRows(page: string, rows: string): string {
    return replaceBlock(replaceBlock(page, ROWS, rows), CONSTANTS, constantsTable());
}

if (require.main === module) {
    estimateRows()
        .then(({ markdown }) => {
            writeFileSync(ESTIMATES_PAGE, withRows(readFileSync(ESTIMATES_PAGE, "utf8"), markdown));
            process.stdout.write(`wrote the estimate rows of ${path.relative(ROOT, ESTIMATES_PAGE)}\n`);
        })
        .catch((err: unknown) => {
            process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
            process.exitCode = 1;
        });
}
