// Sentinel's content from the Content Hub: a solution's package and its analytics rule
// templates, installed as Microsoft's mainTemplate.json does (a contentPackages resource of
// kind Solution, then one contentTemplates per item), and scheduled rules made from them.
import * as pulumi from "@pulumi/pulumi";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import type { CataloguePackage, RuleTemplate } from "../content/catalogue";
import { ruleSettings } from "../content/ruleArgs";
import type { SelectedRule } from "../content/select";
import type { WorkspaceLink } from "./workspaceLink";

/** Every property a template sets on what it installs: kept as deployed while the catalogue is ahead of the pinned version. */
const TEMPLATE_PROPERTIES = {
    package: ["contentProductId", "displayName", "version"],
    template: ["contentProductId", "displayName", "version", "packageVersion", "mainTemplate"],
    rule: [
        "displayName",
        "description",
        "query",
        "tactics",
        "techniques",
        "entityMappings",
        "customDetails",
        "alertDetailsOverride",
        "eventGroupingSettings",
        "templateVersion",
    ],
};

export interface SentinelContentArgs {
    /** The workspace; its onboarding comes first, and the content goes with a managed workspace. */
    readonly workspace: WorkspaceLink;
    /** The solution's package as the workspace's catalogue lists it; with it, the package and the rules' templates are installed. */
    readonly solution?: CataloguePackage;
    /** The rule templates to install with the package (those of the rules, at least). */
    readonly templates?: RuleTemplate[];
    /** The rules to create, each from its template with the stack's overrides. */
    readonly rules: SelectedRule[];
    /** The catalogue offers another version than the one the stack pins: what is deployed keeps its template-given settings. */
    readonly holdVersion?: boolean;
}

export class SentinelContent extends pulumi.ComponentResource {
    static readonly TYPE = "sentinel-aws:index:SentinelContent";
    /** Per template ID, the ID of the scheduled rule made from it. */
    readonly ruleIds: Record<string, pulumi.Output<string>>;

    /** `opts.dependsOn` (the connectors whose tables the rules read) holds back the rules, not the package. */
    constructor(name: string, args: SentinelContentArgs, opts?: pulumi.ComponentResourceOptions) {
        super(SentinelContent.TYPE, name, {}, { ...opts, dependsOn: undefined });
        const ws = args.workspace;
        const place = { resourceGroupName: ws.resourceGroupName, workspaceName: ws.workspaceName };
        const first = ws.onboarding ? [ws.onboarding] : [];
        const held = (kind: keyof typeof TEMPLATE_PROPERTIES) => (args.holdVersion ? { ignoreChanges: TEMPLATE_PROPERTIES[kind] } : {});
        const child = { parent: this, deletedWith: ws.managedWorkspace };
        const solution = args.solution;

        const contentPackage =
            solution &&
            new securityinsights.ContentPackage(
                `${name}-package`,
                {
                    ...place,
                    packageId: solution.packageId,
                    contentId: solution.packageId,
                    contentKind: "Solution",
                    contentProductId: solution.contentProductId,
                    displayName: solution.displayName,
                    version: solution.version,
                },
                { ...child, dependsOn: first, ...held("package") },
            );
        const installed = new Map(
            (contentPackage ? (args.templates ?? []) : []).map((t) => [
                t.templateId,
                new securityinsights.ContentTemplate(
                    `${name}-template-${t.templateId}`,
                    {
                        ...place,
                        templateId: t.templateId,
                        contentId: t.templateId,
                        contentKind: "AnalyticsRule",
                        contentProductId: t.contentProductId,
                        displayName: t.displayName,
                        version: t.version,
                        packageId: solution!.packageId,
                        packageKind: "Solution",
                        packageName: solution!.displayName,
                        packageVersion: solution!.version,
                        source: { kind: "Solution", name: solution!.displayName, sourceId: solution!.packageId },
                        mainTemplate: t.mainTemplate,
                    },
                    { ...child, dependsOn: [contentPackage!], ...held("template") },
                ),
            ]),
        );

        const after = pulumi.output(opts?.dependsOn ?? []).apply((d) => (Array.isArray(d) ? d : [d]));
        this.ruleIds = Object.fromEntries(
            args.rules.map(({ template, overrides, importId }) => {
                const own = installed.get(template.templateId);
                const rule = new securityinsights.ScheduledAlertRule(
                    `${name}-rule-${template.templateId}`,
                    // One rule per template and workspace: the template's ID names it, the same on every run; an adopted rule keeps its own.
                    { ...place, ruleId: importId?.split("/").pop() ?? template.templateId, ...ruleSettings(template, overrides) },
                    { ...child, dependsOn: after.apply((d) => [...first, ...(own ? [own] : []), ...d]), ...held("rule"), import: importId },
                );
                return [template.templateId, rule.name];
            }),
        );
        this.registerOutputs({ ruleIds: this.ruleIds });
    }
}
