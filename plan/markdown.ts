// The plan as a pull-request comment or job summary: the policy pack's verdict first (a
// broken mandatory rule is what fails the job), then the counts, then what a reviewer must
// read (trust policies in full), then the rest folded away. Kept under GitHub's
// comment limit by leaving out whole items, always saying what was left out.
import * as iam from "@pulumi/aws/iam";
import { typeToken } from "../src/facts";
import { diffSummary, IGNORED_NOTE, renderValue, targetOf } from "./render";
import type { PlanDiff, SnapshotResource } from "./diff";
import { estimateChange, estimateToMarkdown } from "./estimate/render";
import { shown, shownInMarkdown } from "./inputFile";
import { crossCloudLinks } from "./links";
import { detectionChanges, detectionsOf, ruleLine } from "./detections";
import { PLACEHOLDER_LEGEND, PLACEHOLDER_MARK, placeholderNote, placeholdersIn } from "./placeholderMarks";
import type { PolicyVerdict } from "./policyCheck";
import { providerProcesses } from "./providerProcesses";
import type { Plan } from "./record";
import { planToText } from "./render";

/** GitHub refuses comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Room left for what the workflow wraps around the plan (a marker, a heading). */
const WRAPPER_RESERVE = 1_024;

const ROLE = typeToken(iam.Role);

export interface MarkdownOptions {
    readonly diff?: PlanDiff;
    /** Longest output allowed; defaults to GitHub's comment limit less a reserve. */
    readonly maxLength?: number;
    /** The command that prints the whole plan, named in trimming notes. */
    readonly fullPlanCommand?: string;
    /** The policy pack's verdict on the plan, when it was checked. */
    readonly verdict?: PolicyVerdict;
}

/** A part of the comment: whole items, which are kept or left out but never cut. */
interface Section {
    readonly heading: string;
    readonly items: readonly string[];
    /** What one item is, for the note when some are left out ("trust policies"). */
    readonly noun: string;
    /** Folded into a <details> block. */
    readonly folded?: boolean;
    /** Table rows are items too: a header before them, one line between them. */
    readonly tableHeader?: string;
    /** A paragraph before the items, e.g. what a mark in them means: shown only with them. */
    readonly intro?: string;
}

/** A code block whose fence is longer than any run of backticks in `text`, so nothing in it can close the block. */
export function fence(lang: string, text: string): string {
    const longest = (text.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 0);
    const marks = "`".repeat(Math.max(3, longest + 1));
    return `${marks}${lang}\n${text}\n${marks}`;
}
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
/** Text from a file inside a code span of a table: escaped (a backtick cannot close the span), `|` kept from ending the cell. */
const code = (text: string) => cell(shown(text, LONG));
/** How much of a name or a resource type is shown; of a policy message. */
const LONG = 300;
const MESSAGE = 2_000;
const trustOf = (r: SnapshotResource) => renderValue(r.inputs.assumeRolePolicy, "");

type Kind = "add" | "import" | "change" | "remove";
const SYMBOL: Record<Kind, string> = { add: "+", import: "=", change: "~", remove: "-" };

type CountRow = { kind: Kind; r: SnapshotResource; byUrn: ReadonlyMap<string, SnapshotResource> };

/** Rows beyond which AWS accounts are counted together, so that hundreds of accounts stay one table. */
const MAX_TABLE_ROWS = 40;

function countTable(rows: readonly CountRow[]): string {
    const tally = (target: (row: CountRow) => string) => {
        const counts = new Map<string, number>();
        for (const row of rows) {
            const key = [SYMBOL[row.kind], target(row), row.r.type].join("\u0000");
            counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        return counts;
    };
    let counts = tally(({ r, byUrn }) => targetOf(r, byUrn));
    if (counts.size > MAX_TABLE_ROWS) {
        const accounts = new Set(rows.map(({ r, byUrn }) => targetOf(r, byUrn)).filter((t) => t.startsWith("AWS account")));
        counts = tally(({ r, byUrn }) => {
            const target = targetOf(r, byUrn);
            return target.startsWith("AWS account") ? `AWS (${accounts.size} accounts)` : target;
        });
    }
    const lines = ["| | target | type | count |", "|---|---|---|---:|"];
    for (const [key, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const [symbol, target, type] = key.split("\u0000");
        lines.push(`| ${symbol} | ${shownInMarkdown(target, LONG)} | \`${code(type)}\` | ${n} |`);
    }
    return lines.join("\n");
}

/**
 * Why `pulumi preview` shows more than the table, which counts custom resources (what the
 * clouds and the engine hold): it also shows and counts the stack and the components. Default
 * providers are created too, but preview hides them and leaves them out of its counts
 * (pulumi/pulumi, pkg/engine/update.go: `isInternalStep`).
 */
function uncounted(plan: Plan, isDiff: boolean): string {
    const components = plan.resources.filter((r) => !r.custom).length;
    const explicitProviders = plan.resources.filter((r) => r.type.startsWith("pulumi:providers:")).length;
    const defaultProviders = Object.values(providerProcesses(plan.resources)).reduce((sum, n) => sum + n, 0) - explicitProviders;
    const shown = isDiff
        ? `the stack and components (${components} in this plan; no cloud state)`
        : `the stack and ${components} components (no cloud state), ${components + 1} more to create`;
    const hidden = isDiff ? `default providers (${defaultProviders} in this plan)` : `the ${defaultProviders} default providers it creates`;
    return `Not in these counts, but in \`pulumi preview\`'s: ${shown}. Preview neither shows nor counts ${hidden}, one per package version used without an explicit provider.`;
}

function trustSection(plan: Plan, diff: PlanDiff | undefined): Section {
    const heading = "Trust policies (new or changed, in full)";
    const noun = "trust policies";
    const marked = (...policies: string[]) => placeholderNote(policies, plan.placeholders);
    const added = (r: SnapshotResource) => `**${shownInMarkdown(r.name, LONG)}** (new)\n\n${fence("json", trustOf(r))}${marked(trustOf(r))}`;
    if (!diff) return { heading, noun, items: plan.resources.filter((r) => r.type === ROLE).map(added) };
    const changed = diff.changed
        .filter((c) => c.head.type === ROLE && "assumeRolePolicy" in c.changes)
        .map(
            (c) =>
                `**${shownInMarkdown(c.head.name, LONG)}** (changed)\n\nBefore:\n\n${fence("json", trustOf(c.base))}\n\nAfter:\n\n${fence("json", trustOf(c.head))}${marked(trustOf(c.base), trustOf(c.head))}`,
        );
    const removed = diff.removed.filter((r) => r.type === ROLE).map((r) => `**${shownInMarkdown(r.name, LONG)}** (removed: nobody can assume it any more)`);
    return { heading, noun, items: [...changed, ...diff.added.filter((r) => r.type === ROLE).map(added), ...removed] };
}

/** The Content Hub package and the scheduled rules, or against a saved plan the rules added, removed and changed. */
function detectionsSection(plan: Plan, diff: PlanDiff | undefined): Section {
    const heading = "Detections (Content Hub rules)";
    const noun = "rules";
    const item = (mark: string, line: string) => `- ${mark}${shownInMarkdown(line, LONG)}`;
    if (!diff) {
        const d = detectionsOf(plan.resources);
        return {
            heading,
            noun,
            items: [...d.packages.map((p) => item("package ", `${p.packageId} ${p.version}`)), ...d.rules.map((r) => item("", ruleLine(r)))],
        };
    }
    const c = detectionChanges(diff);
    return {
        heading,
        noun,
        items: [
            ...c.added.map((r) => item("**added** ", ruleLine(r))),
            ...c.removed.map((r) => item("**removed** ", ruleLine(r))),
            ...c.changed.map(({ rule, changes }) => item("**changed** ", `${rule.displayName}: ${changes.join("; ")}`)),
        ],
    };
}

function linksSection(plan: Plan): Section {
    const links = crossCloudLinks(plan);
    const isPlaceholder = (value: string) => placeholdersIn([value], plan.placeholders).length > 0;
    const items = links.map(
        (l) =>
            `| ${l.fromCloud} \`${cell(l.from)}\` | \`${cell(l.value)}\`${isPlaceholder(l.value) ? ` ${PLACEHOLDER_MARK}` : ""} | ${l.toCloud} \`${cell(l.to)}\` |`,
    );
    const intro = links.some((l) => isPlaceholder(l.value)) ? PLACEHOLDER_LEGEND : undefined;
    return { heading: "Links between the clouds (output → input)", noun: "links", items, tableHeader: "| from | value | to |\n|---|---|---|", intro };
}

function policySection({ violations }: PolicyVerdict): Section {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const ordered = [...violations].sort((a, b) => (a.enforcementLevel === b.enforcementLevel ? 0 : a.enforcementLevel === "mandatory" ? -1 : 1));
    return {
        heading: `Policy pack: ${mandatory} mandatory and ${violations.length - mandatory} advisory violations`,
        noun: "violations",
        items: ordered.map(
            (v) =>
                `| ${v.enforcementLevel === "mandatory" ? "**mandatory**" : v.enforcementLevel} | \`${code(v.policy)}\` | ${shownInMarkdown(v.resource ?? "the stack", LONG)} | ${shownInMarkdown(v.message, MESSAGE)} |`,
        ),
        tableHeader: "| level | rule | resource | message |\n|---|---|---|---|",
    };
}

function changesSection(diff: PlanDiff): Section {
    const items = diff.changed.map((c) => {
        const lines = Object.entries(c.changes).map(
            ([key, { before, after, ignored }]) =>
                `${key}:${ignored ? IGNORED_NOTE : ""}\n  before: ${renderValue(before, "    ")}\n  after:  ${renderValue(after, "    ")}`,
        );
        return `**${shownInMarkdown(c.head.name, LONG)}** \`${code(c.head.type)}\`\n\n${fence("text", lines.join("\n"))}`;
    });
    return { heading: "Changed inputs", noun: "changed resources", items, folded: true };
}

function renderSection(section: Section, items: readonly string[], omitted: number, note: (n: number, noun: string) => string): string {
    const listed = section.tableHeader ? [[section.tableHeader, ...items].join("\n")] : items;
    const intro = section.intro && items.length > 0 ? [section.intro] : [];
    const body = [...intro, ...listed, ...(omitted > 0 ? [note(omitted, section.noun)] : [])].join("\n\n");
    return section.folded ? `<details><summary>${section.heading}</summary>\n\n${body}\n\n</details>` : `### ${section.heading}\n\n${body}`;
}

export function planToMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
    const { diff } = options;
    const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT - WRAPPER_RESERVE;
    const full = options.fullPlanCommand ?? `npm run plan -- --stack ${plan.stack}`;
    const headByUrn = new Map<string, SnapshotResource>(plan.resources.map((r) => [r.urn, r]));

    // The title, then the verdict, then the counts: a reviewer learns first whether the pack
    // lets the change through, before the tables, which grow with the targets.
    let title: string;
    let counts: string;
    if (diff) {
        // A removed resource's provider is removed too, or is still in the plan.
        const baseByUrn = new Map<string, SnapshotResource>([...headByUrn, ...diff.removed.map((r) => [r.urn, r] as const)]);
        const rows: CountRow[] = [
            ...diff.added.map((r) => ({ kind: r.import ? ("import" as const) : ("add" as const), r, byUrn: headByUrn })),
            ...diff.changed.map((c) => ({ kind: "change" as const, r: c.head, byUrn: headByUrn })),
            ...diff.removed.map((r) => ({ kind: "remove" as const, r, byUrn: baseByUrn })),
        ];
        title = `## Plan for stack \`${plan.stack}\`: ${diffSummary(diff)}\n\nAgainst ${diff.against}.`;
        counts = rows.length ? countTable(rows) : "No changes.";
    } else {
        const custom = plan.resources.filter((r) => r.custom);
        const imports = custom.filter((r) => r.importId).length;
        const what = imports ? `${custom.length - imports} resources to create, ${imports} to import (=)` : `${custom.length} resources to create`;
        title = `## Plan for stack \`${plan.stack}\`: ${what}`;
        counts = countTable(custom.map((r) => ({ kind: r.importId ? ("import" as const) : ("add" as const), r, byUrn: headByUrn })));
    }

    counts += `\n\n${uncounted(plan, diff !== undefined)}`;
    for (const warning of plan.warnings) counts += `\n\n> **Warning:** ${warning}`;
    if (plan.estimate) counts += `\n\n${estimateToMarkdown(plan.estimate, diff && estimateChange(diff.baseEstimate, plan.estimate))}`;
    const { verdict } = options;
    for (const lowered of verdict?.lowered ?? []) title += `\n\n> **Warning:** ${shownInMarkdown(lowered, MESSAGE)}`;
    if (verdict?.violations.length === 0)
        title += `\n\nPolicy pack: no violations of its ${verdict.rules} rules${verdict.lowered.length ? `, ${verdict.lowered.length} of them lowered by the pack config` : ""}.`;
    const verdictSection = verdict && verdict.violations.length > 0 ? policySection(verdict) : undefined;
    const sections: Section[] = [trustSection(plan, diff), detectionsSection(plan, diff), ...(diff ? [changesSection(diff)] : []), linksSection(plan)];
    const everything: Section = {
        heading: `The whole plan (${plan.resources.filter((r) => r.custom).length} resources)`,
        noun: "parts of the plan",
        // One item per paragraph of the text plan (a target's resources, the links, the outputs…).
        items: planToText(plan)
            .trimEnd()
            .split("\n\n")
            .map((part) => fence("text", part)),
        folded: true,
    };

    const trimmedNote = `> **Trimmed** to fit GitHub's comment limit: some items below are left out, each place says how many. \`${full}\` prints everything.`;
    const note = (n: number, noun: string) => `_…and ${n} more ${noun}, left out to fit GitHub's comment limit: run \`${full}\`._`;
    const active = [...(verdictSection ? [verdictSection] : []), ...sections, everything].filter((section) => section.items.length > 0);
    // Every section is shown, at worst as its heading and a note of what was left out, so
    // room for that is set aside first; the rest goes to whole items, in order of importance.
    const skeleton = (section: Section) => renderSection(section, [], section.items.length, note).length + 2;
    let room = maxLength - (title.length + 2) - (counts.length + 2) - (trimmedNote.length + 2) - 1 - active.reduce((n, section) => n + skeleton(section), 0);
    const parts = [title];
    let trimmed = false;
    for (const section of active) {
        const kept: string[] = [];
        for (const item of section.items) {
            // The first item kept brings the section's intro with it.
            const cost = item.length + 2 + (kept.length === 0 && section.intro ? section.intro.length + 2 : 0);
            if (cost > room) break;
            kept.push(item);
            room -= cost;
        }
        const omitted = section.items.length - kept.length;
        if (omitted > 0) trimmed = true;
        parts.push(renderSection(section, kept, omitted, note));
        if (section === verdictSection) parts.push(counts);
    }
    if (!verdictSection) parts.splice(1, 0, counts);
    if (trimmed) parts.splice(1, 0, trimmedNote);
    return `${parts.join("\n\n")}\n`;
}
