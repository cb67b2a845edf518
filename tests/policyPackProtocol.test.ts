// The policy pack started exactly as the Pulumi CLI starts it (run-policy-pack from the pack's
// directory, port read from its stdout) and driven over the Analyzer gRPC protocol with the
// requests the engine sends: what it declares, how it is configured, and its verdict on the
// sample stacks in an update and in a first preview, where the clouds have assigned nothing.
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { policies } from "../policy/policies";
import { EXIT } from "../plan/cli";
import type { PolicyVerdict } from "../plan/policyCheck";
import { engineRequests } from "../plan/policyPack/engineRequests";
import { runPlanCliWithPack, sampleConfig } from "./helpers";
import { programOnce } from "./planOnce";
import { runningPolicyPack } from "./policy/packSession";

const PACK_VERSION = JSON.parse(readFileSync(path.join(__dirname, "..", "policy", "package.json"), "utf8")).version as string;
const SAMPLES = [
    ["the sample dev stack", "Pulumi.dev.yaml", "dev"],
    ["the sample S3 connector stack", "examples/Pulumi.s3.yaml", "s3"],
    ["the sample Control Tower stack", "examples/Pulumi.controltower.yaml", "controltower"],
] as const;

const recorded = (file: string, stack: string, preview: boolean) => {
    const config = sampleConfig(file);
    return { config, plan: programOnce(stack, config, { preview }) };
};
const mandatory = (verdict: PolicyVerdict) => verdict.violations.filter((v) => v.enforcementLevel === "mandatory");

describe("policy pack over the Pulumi CLI's analyzer protocol", () => {
    const pack = runningPolicyPack();

    it("declares every rule with its level, description and config schema", () => {
        const info = pack().analyzerInfo;
        expect(info.getName()).to.equal("sentinel-aws");
        expect(info.getVersion()).to.equal(PACK_VERSION);
        expect(info.getSupportsconfig()).to.equal(true);
        const declared = info.getPoliciesList().map((p) => ({
            name: p.getName(),
            level: p.getEnforcementlevel(),
            description: p.getDescription(),
            schema: p.getConfigschema()?.getProperties()?.toJavaScript(),
        }));
        expect(declared).to.deep.equal(
            policies.map((p) => ({
                name: p.name,
                level: p.enforcementLevel === "mandatory" ? analyzerProto.EnforcementLevel.MANDATORY : analyzerProto.EnforcementLevel.ADVISORY,
                description: p.description,
                schema: p.configSchema?.properties,
            })),
        );
    });

    it("is asked about the root stack and the default providers too, as the engine asks", async () => {
        const { config, plan } = recorded("Pulumi.dev.yaml", "dev", false);
        const requests = engineRequests(await plan, config);
        const types = requests.analyze.map((r) => r.getType());
        expect(types[0]).to.equal("pulumi:pulumi:Stack");
        expect(types).to.include.members([
            "pulumi:providers:azure-native",
            "pulumi:providers:time",
            "pulumi:providers:aws",
            "sentinel-aws:index:AwsAccountConnection",
        ]);
        const workspace = requests.analyze.find((r) => r.getType() === "azure-native:operationalinsights:Workspace")!;
        expect(workspace.getProvider()?.getName()).to.match(/^default_3_\d+_\d+$/);
        expect(workspace.getProvider()?.getProperties()?.toJavaScript()).to.include({ location: "westeurope" });
        const component = requests.analyze.find((r) => r.getType() === "sentinel-aws:azure:SentinelWorkspace")!;
        expect(component.getOptions()?.getParent(), "top-level resources are children of the stack").to.equal(requests.analyze[0].getUrn());
        const role = requests.analyze.find((r) => r.getType() === "aws:iam/role:Role")!;
        expect(role.getProvider()?.getType()).to.equal("pulumi:providers:aws");
        expect(role.getProvider()?.getProperties()?.toJavaScript()).to.include({ allowedAccountIds: '["111122223333"]' });
        expect(requests.analyzeStack.getResourcesList()).to.have.length(requests.analyze.length);
    });

    for (const [title, file, stack] of SAMPLES) {
        it(`finds nothing wrong with ${title}`, async () => {
            const { config, plan } = recorded(file, stack, false);
            expect((await pack().evaluate(await plan, config)).violations).to.deep.equal([]);
        });

        it(`runs every stack rule in a first preview of ${title}, with no mandatory finding`, async () => {
            const { config, plan } = recorded(file, stack, true);
            const preview = await plan;
            const requests = engineRequests(preview, config);
            // The preview really has unknowns: the trust of a new role waits for the workspace ID.
            const role = requests.analyze.find((r) => r.getType() === "aws:iam/role:Role")!;
            expect(role.getProperties()?.toJavaScript().assumeRolePolicy).to.equal("04da6b54-80e4-46f7-96ec-b56ff0331ba9");

            const verdict = await pack().evaluate(preview, config);
            expect(mandatory(verdict)).to.deep.equal([]);
            const stackRules = policies.filter((p) => "validateStack" in p && !("validateResource" in p)).map((p) => p.name);
            expect(verdict.violations.filter((v) => stackRules.includes(v.policy))).to.deep.equal([]);
            // The external-ID rule is judged per stack too: its findings here are only those of its resource part, which reads
            // the same trust policies as no-wildcard-trust-principal (its stack part would add one without a resource).
            const on = (policy: string) => verdict.violations.filter((v) => v.policy === policy).map((v) => v.resource);
            expect(on("cross-account-trust-requires-external-id")).to.deep.equal(on("no-wildcard-trust-principal"));
            // Trust rules cannot judge a policy that embeds the workspace ID before the workspace exists: the pack says so, as advice.
            const cannotRun = verdict.violations.filter((v) => v.message.includes("during preview"));
            expect(cannotRun.length).to.be.greaterThan(0);
            expect(new Set(cannotRun.map((v) => v.policy))).to.deep.equal(new Set(["cross-account-trust-requires-external-id", "no-wildcard-trust-principal"]));
            expect(cannotRun.every((v) => v.enforcementLevel === "advisory")).to.equal(true);
        });
    }

    // The plan runs below ask this file's running pack, as one process planning many stacks would.
    describe("pack config, read as --policy-pack-config reads it", () => {
        const weakStack = () => {
            const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-pack-config-"));
            const stack = path.join(dir, "Pulumi.weak.yaml");
            writeFileSync(
                stack,
                JSON.stringify({
                    config: {
                        "azure-native:location": "westeurope",
                        "sentinel-aws:workspace": { name: "sentinel-weak", resourceGroupName: "rg", protect: false, retentionInDays: 30 },
                        "sentinel-aws:awsAccounts": [{ name: "a", accountId: "111122223333", region: "us-east-1" }],
                    },
                }),
            );
            const packConfig = (content: unknown) => {
                const file = path.join(dir, `pack-${Math.random().toString(36).slice(2)}.json`);
                writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
                return file;
            };
            return { stack, packConfig };
        };
        async function plan(...argv: string[]) {
            const { code, stdout, stderr } = await runPlanCliWithPack(pack(), ...argv, "--json");
            return { code, stderr, violations: code === EXIT.badInput ? [] : (JSON.parse(stdout).policyViolations as PolicyVerdict["violations"]) };
        }
        /** The weak stack's text plan with a pack config of this content. */
        const planWithPackConfig = (content: unknown) => {
            const { stack, packConfig } = weakStack();
            return runPlanCliWithPack(pack(), "--config-file", stack, "--policy-pack-config", packConfig(content));
        };
        const levels = (vs: PolicyVerdict["violations"]) => vs.map((v) => `${v.policy}:${v.enforcementLevel}`).sort();

        it("agrees with the pack asked directly, and exits 3 on a mandatory finding", async () => {
            const { stack } = weakStack();
            const viaCli = await plan("--config-file", stack, "--check-policy");
            expect(viaCli.code).to.equal(EXIT.policyViolated);
            const config = JSON.parse(readFileSync(stack, "utf8")).config;
            const flat = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
            const direct = await pack().evaluate(await programOnce("weak", flat), flat);
            expect(viaCli.violations).to.deep.equal(direct.violations);
            expect(levels(viaCli.violations)).to.include.members(["workspace-protected:mandatory", "workspace-retention:advisory"]);
        });

        it("turns a rule off with disabled, and sets levels with all and per rule", async () => {
            const { stack, packConfig } = weakStack();
            const off = await plan("--config-file", stack, "--policy-pack-config", packConfig({ "workspace-protected": "disabled" }));
            expect(off.code).to.equal(EXIT.ok);
            expect(levels(off.violations)).to.not.include("workspace-protected:mandatory");
            const advisory = await plan(
                "--config-file",
                stack,
                "--policy-pack-config",
                packConfig({ all: "advisory", "workspace-retention": { enforcementLevel: "mandatory", minimumDays: 20 } }),
            );
            expect(advisory.code).to.equal(EXIT.ok);
            expect(levels(advisory.violations)).to.include("workspace-protected:advisory").and.not.include("workspace-retention:mandatory");
            const stricter = await plan(
                "--config-file",
                stack,
                "--policy-pack-config",
                packConfig({ "workspace-retention": { enforcementLevel: "mandatory" } }),
            );
            expect(stricter.code).to.equal(EXIT.policyViolated);
            expect(levels(stricter.violations)).to.include("workspace-retention:mandatory");
        });

        it("names a mandatory rule the pack config disables or lowers in every output, the file name escaped", async () => {
            const { stack, packConfig } = weakStack();
            const file = packConfig({ "workspace-protected": "disabled", "cross-account-trust-requires-external-id": "advisory" });
            const named = path.join(path.dirname(file), "pack\x1b[2J.json");
            renameSync(file, named);
            const escaped = named.replace("\x1b", "\\u001b");
            const lowered = [
                `mandatory rule cross-account-trust-requires-external-id lowered to advisory by ${escaped}`,
                `mandatory rule workspace-protected disabled by ${escaped}`,
            ];
            const json = await runPlanCliWithPack(pack(), "--config-file", stack, "--policy-pack-config", named, "--json");
            expect(JSON.parse(json.stdout).policyRulesLowered.sort()).to.deep.equal(lowered);
            const text = await runPlanCliWithPack(pack(), "--config-file", stack, "--policy-pack-config", named);
            for (const line of lowered) expect(text.stdout).to.include(`  LOWERED: ${line}\n`);
            const markdown = await runPlanCliWithPack(pack(), "--config-file", stack, "--policy-pack-config", named, "--format", "markdown");
            expect(markdown.stdout).to.include("> **Warning:** mandatory rule workspace-protected disabled by ");
            for (const out of [json.stdout, text.stdout, markdown.stdout]) expect(out).to.not.include("\x1b");
        });

        it("refuses settings the rule's schema does not allow, naming the file and the rule", async () => {
            const { stack, packConfig } = weakStack();
            for (const [content, expected] of [
                [
                    { "sentinel-connector-role-known": { externalRoleArns: "arn:aws:iam::111122223333:role/x" } },
                    "sentinel-connector-role-known: /externalRoleArns must be array",
                ],
                [{ "workspace-retention": { minimumDays: 0 } }, "workspace-retention: /minimumDays must be >= 1"],
                [{ "workspace-retention": "loud" }, "workspace-retention: must be one of advisory, mandatory, remediate, disabled or an object of settings"],
                [["workspace-retention"], "must be a JSON object of policy names"],
                ["{not json", "is not JSON"],
            ] as const) {
                const file = packConfig(content);
                const result = await plan("--config-file", stack, "--policy-pack-config", file);
                expect(result.code, JSON.stringify(content)).to.equal(EXIT.badInput);
                expect(result.stderr).to.include(file).and.include(expected);
            }
        });

        it("warns of an entry that names no rule of the pack, which the CLI ignores", async () => {
            const { code, stdout } = await planWithPackConfig({ "workspace-protectd": "disabled" });
            expect(code).to.equal(EXIT.policyViolated);
            expect(stdout)
                .to.include("warning: --policy-pack-config")
                .and.include('"workspace-protectd" is not a policy of the pack sentinel-aws, so it has no effect');
        });

        it("shows a pack setting that a violation echoes without its control characters", async () => {
            const { stdout } = await planWithPackConfig({ "resources-tagged": { requiredTags: ["own\x1b[2Jer\u202e"] } });
            expect(stdout).to.include("own\\u001b[2Jer\\u202e").and.not.include("\x1b").and.not.include("\u202e");
        });

        it("warns of a setting that the rule does not have, which the pack would ignore", async () => {
            const { stdout } = await planWithPackConfig({ "workspace-retention": { minimumDay: 30 } });
            expect(stdout)
                .to.include("warning: --policy-pack-config")
                .and.include('"minimumDay" is not a setting of workspace-retention, so it has no effect (its settings: minimumDays)');
        });

        it("lists at most ten entries that name no rule, then counts the rest", async () => {
            const { stack, packConfig } = weakStack();
            const names = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`no-such-rule-${i}`, "disabled"]));
            const { stdout } = await runPlanCliWithPack(pack(), "--config-file", stack, "--policy-pack-config", packConfig(names));
            expect(stdout.match(/is not a policy of the pack/g)).to.have.length(10);
            expect(stdout).to.include("  warning: … and 19,990 more\n");
            expect(stdout.length).to.be.below(20_000);
        });
    });
});
