// Reads the solution from the workspace's Content Hub catalogue at deploy time, with ARM
// GETs through the generic resource read: azure-native 3.x has no typed function for the
// catalogue (no getProductPackage or getProductTemplate in its securityinsights module).
import * as resources from "@pulumi/azure-native/resources";
import { ContentCatalogue, packageOf, RuleTemplate, ruleTemplateOf } from "./catalogue";
import { CONTENT_API_VERSION } from "./facts";

/** The workspace whose catalogue is read. */
export interface CatalogueWorkspace {
    readonly resourceGroupName: string;
    readonly workspaceName: string;
}

/** One catalogue item of the workspace: `contentProductPackages/<id>` or `contentProductTemplates/<id>`. */
async function catalogueItem(ws: CatalogueWorkspace, resourceType: string, resourceName: string): Promise<unknown> {
    const found = await resources.getResource({
        apiVersion: CONTENT_API_VERSION,
        resourceGroupName: ws.resourceGroupName,
        resourceProviderNamespace: "Microsoft.OperationalInsights",
        parentResourcePath: `workspaces/${ws.workspaceName}/providers/Microsoft.SecurityInsights`,
        resourceType,
        resourceName,
    });
    return found.properties;
}

/**
 * The package and its scheduled rule templates, or why they cannot be read. The catalogue
 * belongs to the workspace: before the workspace exists and is onboarded there is none.
 * A template is read by the contentId its package lists (the names of catalogue templates
 * are not documented beyond the spec's examples; see docs/content.md).
 */
export async function readContentCatalogue(ws: CatalogueWorkspace, packageId: string): Promise<ContentCatalogue | { unreadable: string }> {
    let listing: ReturnType<typeof packageOf>;
    try {
        listing = packageOf(await catalogueItem(ws, "contentProductPackages", packageId));
    } catch (err) {
        return { unreadable: err instanceof Error ? err.message : String(err) };
    }
    const templates = await Promise.all(listing.ruleTemplateIds.map(async (id) => ruleTemplateOf(await catalogueItem(ws, "contentProductTemplates", id))));
    return { package: listing.package, templates: templates.filter((t): t is RuleTemplate => t !== undefined) };
}
