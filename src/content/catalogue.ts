// What the workspace's Content Hub catalogue says of the solution: the package, and each
// analytics rule template with its version, the tables it reads and the rule it describes.
// Read at deploy time (./read.ts) and never copied into this repository.

/**
 * An object of ARM JSON as the catalogue hands it over. `any` for its values, the one type the
 * component host offers other languages for free-form JSON (pulumi.json#/Any).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type ArmObject = Record<string, any>;

/** The solution's package as the catalogue lists it (Product Package - Get). */
export interface CataloguePackage {
    /** The package ID, also its contentId. */
    readonly packageId: string;
    /** The catalogue's own ID of this version of the package; Microsoft's template makes it with ARM's uniqueString. */
    readonly contentProductId: string;
    /** The version the catalogue offers now. */
    readonly version: string;
    /** The solution's name, as Content Hub shows it. */
    readonly displayName: string;
}

/** A scheduled analytics rule template of the solution (Product Template - Get). */
export interface RuleTemplate {
    /** The template's ID (its contentId): what `alertRuleTemplateName` names. */
    readonly templateId: string;
    /** The template's version: what `templateVersion` of a rule made from it names. */
    readonly version: string;
    /** The rule's name, as Sentinel shows it. */
    readonly displayName: string;
    /** The catalogue's own ID of this version of the template. */
    readonly contentProductId: string;
    /** Log Analytics tables the template reads, from its requiredDataConnectors. */
    readonly dataTypes: string[];
    /** The installable template as the catalogue hands it over (an ARM template), installed as a ContentTemplate. */
    readonly mainTemplate: ArmObject;
    /** The rule the template describes: the properties of its AlertRuleTemplates resource. */
    readonly rule: ArmObject;
}

export interface ContentCatalogue {
    readonly package: CataloguePackage;
    readonly templates: RuleTemplate[];
}

/** Properties of a catalogue item, or nothing when the answer is not an object. */
const objectOf = (value: unknown): Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const textOf = (value: unknown): string => (typeof value === "string" ? value : "");
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The package's properties, and the contentIds of its analytics rules (its dependencies' criteria of kind AnalyticsRule). */
export function packageOf(properties: unknown): { package: CataloguePackage; ruleTemplateIds: string[] } {
    const p = objectOf(properties);
    const criteria = listOf(objectOf(p.dependencies).criteria).map(objectOf);
    return {
        package: {
            packageId: textOf(p.contentId),
            contentProductId: textOf(p.contentProductId),
            version: textOf(p.version),
            displayName: textOf(p.displayName),
        },
        ruleTemplateIds: criteria.filter((c) => c.kind === "AnalyticsRule").map((c) => textOf(c.contentId)),
    };
}

/** A product template's properties as a rule template; undefined when it holds no scheduled rule. */
export function ruleTemplateOf(properties: unknown): RuleTemplate | undefined {
    const p = objectOf(properties);
    const mainTemplate = objectOf(p.mainTemplate);
    const resource = listOf(mainTemplate.resources)
        .map(objectOf)
        .find((r) => /\/AlertRuleTemplates$/i.test(textOf(r.type)) && r.kind === "Scheduled");
    if (!resource) return undefined;
    const rule = objectOf(resource.properties);
    const dataTypes = listOf(rule.requiredDataConnectors).flatMap((c) => listOf(objectOf(c).dataTypes).map(textOf));
    return {
        templateId: textOf(p.contentId),
        version: textOf(p.version),
        displayName: textOf(p.displayName),
        contentProductId: textOf(p.contentProductId),
        dataTypes: [...new Set(dataTypes)].filter(Boolean).sort(),
        mainTemplate,
        rule,
    };
}
