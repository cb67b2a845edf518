// The content block: the Content Hub solution and its scheduled rules, planned from a
// made-up catalogue (examples/Pulumi.content.content-catalogue.json), with the order, the
// version pinning and the plan's text, markdown, JSON and diff.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import { readContentCatalogue, CatalogueAnswers } from "../plan/contentCatalogue";
import { diffPlans, SnapshotResource } from "../plan/diff";
import { planToMarkdown } from "../plan/markdown";
import type { Plan } from "../plan/record";
import { diffToJson, planToJson, planToText } from "../plan/render";
import { typeToken } from "../src/typeToken";
import { EXIT } from "../plan/cli";
import { flatConfig, ofType, planOf, ROOT, runPlanCli, sampleConfig, T } from "./helpers";

const CATALOGUE: CatalogueAnswers = readContentCatalogue(path.join(ROOT, "examples/Pulumi.content.content-catalogue.json"));
const id = (n: number) => `8a1d6e7c-1b2c-4d3e-9f40-00000000000${n}`;
const RULE = typeToken(securityinsights.ScheduledAlertRule);
const TEMPLATE = typeToken(securityinsights.ContentTemplate);
const PACKAGE = typeToken(securityinsights.ContentPackage);

describe("content: the Amazon Web Services solution and its rules", () => {
    let plan: Plan;
    before(async () => {
        // The sample stack's content block, on one CloudTrail API account: AWSCloudTrail is the one table filled.
        const sample = sampleConfig("examples/Pulumi.content.yaml");
        const config = flatConfig({ workspace: { name: "sentinel-content", resourceGroupName: "rg" }, content: JSON.parse(sample["sentinel-aws:content"]) });
        plan = await planOf(config, "content", { contentCatalogue: CATALOGUE });
    });
    const rules = () => ofType(plan, RULE);
    const ruleFor = (n: number) => rules().find((r) => r.inputs.alertRuleTemplateName === id(n))!;

    it("installs the package as the catalogue lists it, and every rule template of it", () => {
        const [pkg] = ofType(plan, PACKAGE);
        expect(pkg.inputs).to.include({
            packageId: "azuresentinel.azure-sentinel-solution-amazonwebservices",
            contentKind: "Solution",
            contentProductId: CATALOGUE.package.contentProductId,
            version: "3.0.10",
        });
        expect(ofType(plan, TEMPLATE).map((t) => t.inputs.contentId)).to.have.members([1, 2, 3, 4, 5].map(id));
    });

    it("makes an enabled rule of each template whose tables the stack fills (recommended), and of the listed one", () => {
        // 3 reads AWSGuardDuty and 4 AWSVPCFlow, which no connector here fills; 5 also reads SigninLogs.
        expect(rules().map((r) => r.inputs.alertRuleTemplateName)).to.have.members([1, 2].map(id));
        for (const r of rules()) expect(r.inputs).to.include({ kind: "Scheduled", enabled: true, ruleId: r.inputs.alertRuleTemplateName });
        expect(ruleFor(1).inputs).to.include({ templateVersion: "1.0.1", severity: "Medium", queryFrequency: "PT1H" });
        expect(ruleFor(1).inputs.query).to.match(/^AWSCloudTrail \|/);
    });

    it("applies a listed template's overrides over what recommended chose", () => {
        expect(ruleFor(2).inputs).to.include({ severity: "High", queryFrequency: "PT6H", queryPeriod: "P1D", templateVersion: "1.0.2" });
    });

    it("orders each rule after the onboarding, its template and the connectors, and lets it go with the workspace", () => {
        const urnOf = (type: string, name: string) => plan.resources.find((r) => r.type === type && r.name === name)!.urn;
        const rule = ruleFor(1);
        expect(rule.dependsOn).to.include.members([
            urnOf(T.onboarding, "sentinel-content-sentinel"),
            urnOf(TEMPLATE, `content-template-${id(1)}`),
            urnOf(T.connector, "audit-cloudtrail-connector"),
        ]);
        expect(rule.deletedWith).to.equal(urnOf(T.workspace, "sentinel-content"));
        expect(ofType(plan, PACKAGE)[0].dependsOn).to.include(urnOf(T.onboarding, "sentinel-content-sentinel"));
        expect(ofType(plan, PACKAGE)[0].dependsOn).to.not.include(urnOf(T.connector, "audit-cloudtrail-connector"));
    });

    it("names the package and each rule with its template, version and overrides in text, markdown and JSON", () => {
        const text = planToText(plan);
        expect(text).to.include("package azuresentinel.azure-sentinel-solution-amazonwebservices 3.0.10");
        expect(text).to.include(`template ${id(2)} v1.0.2; enabled, High, every PT6H over P1D; overrides severity: Low to High, queryFrequency: P1D to PT6H`);
        expect(text).to.include(`template ${id(1)} v1.0.1; enabled, Medium, every PT1H over PT1H; as the template`);
        expect(planToMarkdown(plan))
            .to.include("### Detections (Content Hub rules)")
            .and.include(`template ${id(1)} v1.0.1`);
        const json = planToJson(plan).detections!;
        expect(json.rules.map((r) => [r.templateId, r.overrides])).to.deep.include([id(2), ["severity: Low to High", "queryFrequency: P1D to PT6H"]]);
        expect(plan.outputs.analyticsRules).to.have.keys([1, 2].map(id));
    });

    it("shows a rule added, one removed and one changed against a saved plan", () => {
        const head = planToJson(plan);
        const dropped = head.resources.find((r) => r.inputs.alertRuleTemplateName === id(1))!;
        const older = (r: SnapshotResource) => (r.inputs.alertRuleTemplateName === id(2) ? { ...r, inputs: { ...r.inputs, templateVersion: "1.0.1" } } : r);
        const gone = { ...dropped, name: "content-rule-gone", urn: `${dropped.urn}-gone`, inputs: { ...dropped.inputs, displayName: "Gone rule" } };
        const base = { ...head, resources: [...head.resources.filter((r) => r !== dropped).map(older), gone] };
        const diff = diffPlans(base, head, "main");
        const md = planToMarkdown(plan, { diff });
        expect(md).to.include(`**added** Made-up rule: sign-in event without MFA (template ${id(1)}`);
        expect(md).to.include("**removed** Gone rule");
        expect(md).to.include("**changed** Made-up rule: many denied calls: templateVersion: 1.0.1 to 1.0.2");
        expect(diffToJson("content", diff).added.map((r) => r.name)).to.deep.equal([`content-rule-${id(1)}`]);
    });
});

describe("content: the catalogue unread, and ahead of the pinned version", () => {
    const content = { content: { analyticsRules: [id(1)] } };

    it("plans no content and says when it comes while the workspace's catalogue cannot be read (a first pulumi up)", async () => {
        const plan = await planOf(flatConfig(content));
        expect(plan.resources.filter((r) => [RULE, TEMPLATE, PACKAGE].includes(r.type))).to.deep.equal([]);
        expect(plan.warnings.join("\n")).to.include("catalogue cannot be read yet (the plan has no Content Hub catalogue").and.include("the next pulumi up");
    });

    it("reports a newer catalogue version and keeps what is deployed from taking it", async () => {
        const newer = { ...CATALOGUE, package: { ...CATALOGUE.package, version: "3.0.11" } };
        const plan = await planOf(flatConfig(content), "test", { contentCatalogue: newer });
        expect(plan.warnings.join("\n")).to.include(
            "the catalogue offers azuresentinel.azure-sentinel-solution-amazonwebservices 3.0.11, the stack pins 3.0.10",
        );
        const [rule] = ofType(plan, RULE);
        expect(rule.ignoreChanges).to.include.members(["query", "templateVersion"]);
        expect(ofType(plan, PACKAGE)[0].ignoreChanges).to.include("version");
        expect(ofType(plan, TEMPLATE).every((t) => t.ignoreChanges?.includes("mainTemplate"))).to.equal(true);
    });
});

describe("content: adopting a rule enabled by hand", () => {
    it("imports it under its own ID, with its template's settings and the stack's overrides", async () => {
        const subscription = "00000000-1111-2222-3333-444444444444";
        const adopted = "1b9c0a3e-5d2f-4c6b-8a7e-9f0d1c2b3a4e";
        const config = flatConfig({
            "azure-native:subscriptionId": subscription,
            content: { solution: false, analyticsRules: [{ templateId: id(1), adoptRuleId: adopted, severity: "High" }] },
        });
        const plan = await planOf(config, "test", { contentCatalogue: CATALOGUE });
        const [rule] = ofType(plan, RULE);
        expect(rule.importId).to.equal(
            `/subscriptions/${subscription}/resourceGroups/rg-sentinel-test/providers/Microsoft.OperationalInsights/workspaces/sentinel-test/providers/Microsoft.SecurityInsights/alertRules/${adopted}`,
        );
        expect(rule.inputs).to.include({ ruleId: adopted, alertRuleTemplateName: id(1), severity: "High" });
        expect(ofType(plan, PACKAGE).concat(ofType(plan, TEMPLATE)), "solution: false installs nothing").to.deep.equal([]);
        expect(planToText(plan)).to.include(`= ${RULE}  content-rule-${id(1)}  (imports ${rule.importId})`);
    });
});

describe("content: the catalogue file of the offline plan", () => {
    it("refuses a catalogue that is not one, naming the file and what is wrong, before planning", async () => {
        const file = path.join(mkdtempSync(path.join(tmpdir(), "sentinel-aws-catalogue-")), "catalogue.json");
        writeFileSync(file, JSON.stringify({ package: {}, templates: [{}, "rule"] }));
        const { code, stderr } = await runPlanCli("--config-file", path.join(ROOT, "examples/Pulumi.content.yaml"), "--content-catalogue", file);
        expect(code).to.equal(EXIT.badInput);
        expect(stderr).to.include("catalogue.json is not a catalogue: templates[1] must be an object");
    });
});
