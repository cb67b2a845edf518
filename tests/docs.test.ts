// The docs tell the truth about their commands: every shell block of README.md and docs/ is
// marked, the runnable ones run in a fresh copy of the repository, page by page, in order,
// and every relative link leads to a file (and heading) that exists.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { PageBlocks, shellBlocks } from "./docs/markers";
import { anchorsOf, relativeLinks } from "./docs/links";

const ROOT = path.resolve(__dirname, "..");
/** README.md and every page of docs/, as paths from the root. */
const PAGES = [
    "README.md",
    ...readdirSync(path.join(ROOT, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`),
].sort();
/** Pages that other changes add; linked already. */
const PAGES_TO_COME = ["docs/bad-input.md"];
/** Pages run at once: each runs plans, which keep a core busy. */
const CONCURRENCY = 2;

const read = (page: string) => readFileSync(path.join(ROOT, page), "utf8");

/** The repository as a clone would have it, plus untracked files git does not ignore, with node_modules linked. */
function freshCopy(): string {
    const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
    if (listed.status !== 0) throw new Error(`git ls-files failed in ${ROOT}: ${listed.stderr}`);
    const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-docs-"));
    const copy = path.join(dir, "repo");
    for (const file of listed.stdout.split("\0").filter(Boolean)) {
        const from = path.join(ROOT, file);
        if (!existsSync(from)) continue; // deleted in the worktree, not yet committed
        mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
        cpSync(from, path.join(copy, file), { verbatimSymlinks: true });
    }
    symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
    mkdirSync(path.join(dir, "tmp"));
    return copy;
}

// `npm ci` would delete the linked node_modules (the checkout's): the copy has them already.
const PREAMBLE = `set -eo pipefail
npm() { if [ "\${1:-}" = ci ]; then echo "doc test: npm ci skipped, node_modules is linked from the checkout" >&2; return 0; fi; command npm "$@"; }
`;

interface BlockRun {
    readonly where: string;
    readonly failure?: string;
}

function runBlock(code: string, cwd: string): Promise<{ status: number; output: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn("bash", ["-c", PREAMBLE + code], {
            cwd,
            env: { ...process.env, TMPDIR: path.join(cwd, "..", "tmp"), npm_config_update_notifier: "false" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.on("data", (d: Buffer) => (output += d.toString()));
        child.stderr.on("data", (d: Buffer) => (output += d.toString()));
        child.on("error", reject);
        child.on("close", (status) => resolve({ status: status ?? -1, output }));
    });
}

/** Runs the page's runnable blocks in order, in a copy of its own; stops at the first that fails. */
async function runPage(page: string, { blocks }: PageBlocks): Promise<BlockRun[]> {
    const copy = freshCopy();
    const runs: BlockRun[] = [];
    try {
        for (const block of blocks) {
            if (block.marker.kind !== "run") continue;
            const where = `${page}:${block.line}`;
            const { status, output } = await runBlock(block.code, copy);
            const { exit, contains } = block.marker;
            const wrong =
                status !== exit
                    ? `exited ${status}, not ${exit}`
                    : contains !== undefined && !output.includes(contains)
                      ? `printed no ${JSON.stringify(contains)}`
                      : undefined;
            runs.push({
                where,
                ...(wrong ? { failure: `${where}: ${wrong}\n${block.code}\n--- output (last 2000 characters):\n${output.slice(-2000)}` } : {}),
            });
            if (wrong) break;
        }
    } finally {
        rmSync(path.dirname(copy), { recursive: true, force: true });
    }
    return runs;
}

async function inPool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await work(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
    return results;
}

describe("the docs", () => {
    const parsed = new Map(PAGES.map((page) => [page, shellBlocks(page, read(page))]));

    it("mark every shell block with exactly one doc-test marker", () => {
        expect([...parsed.values()].flatMap((p) => p.problems)).to.deep.equal([]);
    });

    describe("their runnable blocks, run in a fresh copy of the repository", function () {
        // Each page's blocks start processes (the plan takes a few seconds); the whole runs in about 15 s on an idle machine.
        this.timeout(300_000);
        const runnable = PAGES.filter((page) => parsed.get(page)!.blocks.some((b) => b.marker.kind === "run"));
        const results = new Map<string, BlockRun[]>();
        before(async () => {
            const runs = await inPool(runnable, CONCURRENCY, (page) => runPage(page, parsed.get(page)!));
            runnable.forEach((page, i) => results.set(page, runs[i]));
        });

        it("are there: the quick start, the plan's variants and the diff walkthrough among them", () => {
            expect(runnable).to.include.members(["README.md", "docs/plan.md"]);
        });

        for (const page of runnable) {
            it(`${page}: each exits as marked and prints what it promises`, () => {
                const failures = results.get(page)!.flatMap((r) => (r.failure ? [r.failure] : []));
                expect(failures.join("\n\n"), page).to.equal("");
                const expected = parsed.get(page)!.blocks.filter((b) => b.marker.kind === "run").length;
                expect(results.get(page)!.length, "every runnable block ran").to.equal(expected);
            });
        }
    });

    describe("their links", () => {
        it("lead to files that exist, and to headings that exist in them", () => {
            const broken = PAGES.flatMap((page) =>
                relativeLinks(read(page)).flatMap(({ target, anchor, line }) => {
                    const file = target ? path.normalize(path.join(path.dirname(page), target)) : page;
                    if (!existsSync(path.join(ROOT, file))) return PAGES_TO_COME.includes(file) ? [] : [`${page}:${line}: ${file} does not exist`];
                    if (anchor === undefined || !file.endsWith(".md")) return [];
                    return anchorsOf(read(file)).has(anchor) ? [] : [`${page}:${line}: ${file} has no heading #${anchor}`];
                }),
            );
            expect(broken).to.deep.equal([]);
        });

        it("make every page of docs/ reachable from the README, directly or through the docs index it links", () => {
            const linksOf = (page: string) => relativeLinks(read(page)).map(({ target }) => path.normalize(path.join(path.dirname(page), target)));
            const fromReadme = new Set(linksOf("README.md"));
            const linked = fromReadme.has("docs/README.md") ? new Set([...fromReadme, ...linksOf("docs/README.md")]) : fromReadme;
            expect(PAGES.filter((page) => page.startsWith("docs/") && !linked.has(page))).to.deep.equal([]);
        });

        it("give every long page a table of contents: a link to each of its sections", () => {
            const missing = PAGES.filter((page) => page.startsWith("docs/") && read(page).split("\n").length > 100).flatMap((page) => {
                const text = read(page);
                // The contents: list items that are nothing but a link to a heading of the page.
                const own = new Set(text.split("\n").flatMap((line) => /^\s*- \[[^\]]*\]\(#([^)\s]+)\)\s*$/.exec(line)?.[1] ?? []));
                const sections = [
                    ...anchorsOf(
                        text
                            .split("\n")
                            .filter((line) => !line.startsWith("# ") && !line.startsWith("### "))
                            .join("\n"),
                    ),
                ];
                return sections.filter((anchor) => !own.has(anchor)).map((anchor) => `${page}: #${anchor}`);
            });
            expect(missing).to.deep.equal([]);
        });

        it("keep the README a front door: under 300 lines", () => {
            expect(read("README.md").split("\n").length).to.be.below(300);
        });
    });
});
