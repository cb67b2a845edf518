// Choosing rule templates, durations and rule settings: pure functions, no engine.
import { expect } from "chai";
import type { ContentCatalogue, RuleTemplate } from "../src/content/catalogue";
import { packageOf, ruleTemplateOf } from "../src/content/catalogue";
import { durationMinutes } from "../src/content/duration";
import { ruleSettings } from "../src/content/ruleArgs";
import { selectRules } from "../src/content/select";

const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const template = (n: number, dataTypes: string[]): RuleTemplate => ({
    templateId: guid(n),
    version: "1.0.0",
    displayName: `rule ${n}`,
    contentProductId: `p-${n}`,
    dataTypes,
    mainTemplate: {},
    rule: { query: "T | take 1", severity: "Low", queryFrequency: "PT1H", queryPeriod: "P1D", triggerOperator: "gt", triggerThreshold: 2 },
});
const catalogue = (...templates: RuleTemplate[]): ContentCatalogue => ({
    package: { packageId: "pkg", contentProductId: "pkg-sl-x", version: "1.0.0", displayName: "Pkg" },
    templates,
});
const FILLED = new Set(["AWSCloudTrail"]);

describe("content: choosing rule templates", () => {
    it("recommends the templates all of whose tables the stack fills, and no template without tables", () => {
        const c = catalogue(template(1, ["AWSCloudTrail"]), template(2, ["AWSCloudTrail", "SigninLogs"]), template(3, []), template(4, ["AWSVPCFlow"]));
        expect(selectRules(["recommended"], c, FILLED).rules.map((r) => r.template.templateId)).to.deep.equal([guid(1)]);
    });

    it("refuses an unknown template and one listed twice, naming the entry and the value", () => {
        const { problems } = selectRules([guid(1), guid(9), { templateId: guid(1).toUpperCase() }], catalogue(template(1, ["AWSCloudTrail"])), FILLED);
        expect(problems).to.deep.equal([
            { path: ["analyticsRules", 1], message: "is not a scheduled rule template of pkg 1.0.0 in the workspace's catalogue", value: guid(9) },
            { path: ["analyticsRules", 2, "templateId"], message: "lists a rule template listed before", value: guid(1).toUpperCase() },
        ]);
    });

    it("refuses more enabled rules than a workspace may have, counting disabled ones out", () => {
        const many = catalogue(...Array.from({ length: 513 }, (_, i) => template(i, ["AWSCloudTrail"])));
        expect(selectRules(["recommended"], many, FILLED).problems.map((p) => p.message)).to.deep.equal([
            "selects 513 enabled scheduled rules: a workspace may have at most 512",
        ]);
        expect(selectRules(["recommended", { templateId: guid(0), enabled: false }], many, FILLED).problems).to.deep.equal([]);
    });

    it("warns of a listed rule that reads a table no connector of the stack fills", () => {
        const { warnings } = selectRules([guid(4)], catalogue(template(4, ["AWSVPCFlow"])), FILLED);
        expect(warnings).to.deep.equal([
            "content.analyticsRules[0] (rule 4) reads AWSVPCFlow, which no connector of this stack fills: it finds nothing until something else does",
        ]);
    });
});

describe("content: durations and rule settings", () => {
    it("reads days, hours and minutes, and nothing else", () => {
        expect(["PT5M", "PT1H", "P1D", "P14D", "P1DT2H30M"].map(durationMinutes)).to.deep.equal([5, 60, 1440, 20160, 1590]);
        expect(["P", "PT", "PT30S", "P1M", "1H", "P1DT"].map(durationMinutes)).to.deep.equal(Array(6).fill(undefined));
    });

    it("takes the template's settings, the stack's overrides on top, and the API's trigger operator", () => {
        const settings = ruleSettings(template(1, ["AWSCloudTrail"]), { severity: "High", enabled: false });
        expect(settings).to.include({ severity: "High", enabled: false, queryPeriod: "P1D", triggerOperator: "GreaterThan", triggerThreshold: 2 });
        expect(settings).to.include({ alertRuleTemplateName: guid(1), templateVersion: "1.0.0", suppressionEnabled: false });
    });

    it("reads a catalogue's package, its rule template IDs and a template's tables", () => {
        const listing = packageOf({
            contentId: "pkg",
            version: "2.0.0",
            dependencies: {
                criteria: [
                    { kind: "AnalyticsRule", contentId: guid(1) },
                    { kind: "Parser", contentId: "p" },
                ],
            },
        });
        expect(listing.ruleTemplateIds).to.deep.equal([guid(1)]);
        const rule = {
            type: "Microsoft.SecurityInsights/AlertRuleTemplates",
            kind: "Scheduled",
            properties: { requiredDataConnectors: [{ dataTypes: ["B", "A"] }, { dataTypes: ["A"] }] },
        };
        expect(ruleTemplateOf({ contentId: guid(1), mainTemplate: { resources: [rule] } })?.dataTypes).to.deep.equal(["A", "B"]);
        expect(ruleTemplateOf({ contentId: guid(2), mainTemplate: { resources: [{ ...rule, kind: "NRT" }] } })).to.equal(undefined);
    });
});
