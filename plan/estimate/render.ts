// The estimate as text (terminal), as a markdown section (pull-request comment), and what
// changed against a base plan's estimate. Always labelled as an estimate.
import type { Range } from "./constants";
import type { MonthlyCost } from "./cost";
import type { Estimate } from "./index";
import type { RunEstimate } from "./time";

const mins = (r: Range) => `${r.low}-${r.high} min`;
const usd = (r: Range) => (r.low === r.high ? `$${r.low.toFixed(2)}` : `$${r.low.toFixed(2)}-$${r.high.toFixed(2)}`);
const signed = (n: number, unit: (abs: string) => string, digits: number) => `${n < 0 ? "-" : "+"}${unit(Math.abs(n).toFixed(digits))}`;
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function basisWords(cost: MonthlyCost): string {
    return cost.basis.perMillionEvents ? "per million events" : `for ${cost.basis.eventsPerMonth.toLocaleString("en-US")} events`;
}

function runLines(title: string, run: RunEstimate): string[] {
    return [`  ${title}: ${mins(run.minutes)}`, ...run.parts.map((p) => `    ${p.cause}: ${mins(p.minutes)} (${p.detail})`), `    ${run.bottleneck}`];
}

function costLines(cost: MonthlyCost): string[] {
    const lines = [`  Monthly cost on AWS and in the workspace, ${basisWords(cost)}: ${usd(cost.usd)}/month`];
    for (const a of cost.accounts) {
        const services = Object.entries(a.services)
            .map(([s, c]) => `${s} ${c ? usd(c) : "price not known"}`)
            .join(", ");
        lines.push(`    account ${a.accountId} (${a.label}, ${a.region}): ${usd(a.usd)} (${services})`);
        for (const note of a.notes) lines.push(`      ${note}`);
    }
    return lines;
}

function choiceLines(estimate: Estimate): string[] {
    const c = estimate.choice;
    if (!c) return [];
    const threshold = c.thresholdMembers === null ? "none up to 100,000 members" : `${c.thresholdMembers} members`;
    return [
        `  Which way: organisation mode for ${c.members} members: first deployment ${mins(c.organizationMode.firstDeployMinutes)}, ${usd(c.organizationMode.usdPerMonth)}/month (${c.organizationMode.basis});`,
        `    S3 connector with an organisation trail: first deployment ${mins(c.s3OrgTrail.firstDeployMinutes)}, ${usd(c.s3OrgTrail.usdPerMonth)}/month (${c.s3OrgTrail.basis}).`,
        `    Threshold: ${threshold} (${c.basis}).${c.recommendS3OrgTrail ? " This organisation is above it: the S3 organisation-trail path is recommended." : ""}`,
    ];
}

/** The estimate as a paragraph of the text plan. */
export function estimateToText(estimate: Estimate): string {
    const p = estimate.providerProcesses;
    const lines = [
        `Deployment estimate (${estimate.label})`,
        `  Backend ${estimate.backend}, --parallel ${estimate.parallel}.`,
        ...runLines("First pulumi up", estimate.firstDeploy),
        ...runLines("Daily pulumi up --refresh with no change", estimate.dailyRun),
        `  Provider processes: ${Object.entries(p.counts)
            .map(([pkg, n]) => `${pkg} ${n}`)
            .join(", ")}; AWS memory ${p.awsMemoryGb.low.toFixed(1)}-${p.awsMemoryGb.high.toFixed(1)} GB (${p.source})`,
        `  State: about ${megabytes(estimate.stateBytes)} of recorded inputs and outputs (the real state adds what providers compute)`,
        ...(estimate.monthlyCost ? costLines(estimate.monthlyCost) : []),
        ...choiceLines(estimate),
        "  Every constant, its source and date: --json (estimate.*.assumptions, estimate.monthlyCost.prices) and docs/estimates.md",
    ];
    return `${lines.join("\n")}\n`;
}

/** What changed against the base plan's estimate, if it had one: "+N min first deployment", "+$X/month per million events". */
export function estimateChange(base: unknown, head: Estimate): string | undefined {
    const b = base as
        { firstDeploy?: { minutes?: Partial<Range> }; monthlyCost?: { usd?: Partial<Range>; basis?: { perMillionEvents?: unknown } } } | undefined;
    const before = b?.firstDeploy?.minutes?.high;
    if (typeof before !== "number") return undefined;
    const parts = [
        `${signed(head.firstDeploy.minutes.high - before, (n) => `${n} min`, 1)} first deployment (high end: ${before} -> ${head.firstDeploy.minutes.high} min)`,
    ];
    const costBefore = typeof b?.monthlyCost?.usd?.high === "number" ? b.monthlyCost.usd.high : 0;
    const costAfter = head.monthlyCost?.usd.high ?? 0;
    if (costBefore !== costAfter) {
        const basis = head.monthlyCost ? basisWords(head.monthlyCost) : "per million events";
        parts.push(`${signed(costAfter - costBefore, (n) => `$${n}`, 2)}/month ${basis} (high end)`);
    }
    return `Estimate change: ${parts.join("; ")}.`;
}

/** The estimate as a section of the pull-request comment. */
export function estimateToMarkdown(estimate: Estimate, change: string | undefined): string {
    const row = (name: string, run: RunEstimate) => `| ${name} | ${mins(run.minutes)} | ${run.bottleneck.replace(/\|/g, "\\|")} |`;
    const out = [
        `### Deployment estimate`,
        "",
        `_${estimate.label}_ Backend \`${estimate.backend}\`, \`--parallel ${estimate.parallel}\`.`,
        ...(change ? ["", `**${change}**`] : []),
        "",
        "| run | wall time | bottleneck |",
        "|---|---|---|",
        row("first `pulumi up`", estimate.firstDeploy),
        row("daily `pulumi up --refresh`, no change", estimate.dailyRun),
    ];
    const cost = estimate.monthlyCost;
    if (cost) {
        out.push(
            "",
            `Monthly cost, ${basisWords(cost)}: **${usd(cost.usd)}/month**`,
            "",
            "| account | region | USD/month | not priced |",
            "|---|---|---:|---|",
        );
        for (const a of cost.accounts) out.push(`| ${a.accountId} (${a.label}) | ${a.region} | ${usd(a.usd)} | ${a.priceNotKnown.join(", ") || "-"} |`);
    }
    const c = estimate.choice;
    if (c) out.push("", ...choiceLines(estimate).map((l) => l.trim()));
    return out.join("\n");
}
