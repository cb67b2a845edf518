// The content block made ready before anything is registered: the workspace's catalogue
// read, `analyticsRules` checked against it (bad entries fail as bad config, exit 2), and
// the pinned version compared with the catalogue's.
import * as pulumi from "@pulumi/pulumi";
import { configErrorOf } from "../config/load";
import type { StackConfig } from "../config/types";
import { workspaceArmIds } from "../naming";
import { DESTINATION_TABLE } from "../s3Facts";
import type { CataloguePackage, RuleTemplate } from "./catalogue";
import { AWS_SOLUTION } from "./facts";
import { readContentCatalogue } from "./read";
import { SelectedRule, selectRules } from "./select";

/** What SentinelContent is given for a stack. */
export interface PreparedContent {
    readonly solution?: CataloguePackage;
    readonly templates: RuleTemplate[];
    readonly rules: SelectedRule[];
    readonly holdVersion: boolean;
}

/** The tables this stack's connectors fill: CloudTrail API connectors write AWSCloudTrail, S3 connectors their log types' tables. */
export function filledTables(config: StackConfig): Set<string> {
    const tables = config.awsAccounts.flatMap((a) => (a.connector === "s3" ? a.s3.logTypes.map((t) => DESTINATION_TABLE[t]) : [DESTINATION_TABLE.cloudTrail]));
    return new Set([...tables, ...(config.organization ? [DESTINATION_TABLE.cloudTrail] : [])]);
}

/** Reads and checks the content block; undefined when there is nothing to do or no catalogue to read yet. Throws ConfigError. */
export async function prepareContent(config: StackConfig): Promise<PreparedContent | undefined> {
    const content = config.content;
    if (!content || (!content.solution && content.analyticsRules.length === 0)) return undefined;
    const catalogue = await readContentCatalogue(
        { resourceGroupName: config.workspace.resourceGroupName, workspaceName: config.workspace.name },
        AWS_SOLUTION.packageId,
    );
    if ("unreadable" in catalogue) {
        void pulumi.log.warn(
            `sentinel-aws:content: the workspace's Content Hub catalogue cannot be read yet (${catalogue.unreadable}): the solution and its rules come with the next pulumi up, once the workspace exists and is onboarded`,
        );
        return undefined;
    }
    const ws = config.workspace;
    // The schema lets a rule be adopted only with the subscription set: ARM IDs name it.
    const importIdOf = (ruleId: string) => workspaceArmIds(config.subscriptionId!, ws.resourceGroupName, ws.name).alertRule(ruleId);
    const selection = selectRules(content.analyticsRules, catalogue, filledTables(config), importIdOf);
    if (selection.problems.length > 0) throw configErrorOf(selection.problems.map((p) => ({ ...p, path: ["content", ...p.path] })));
    for (const warning of selection.warnings) void pulumi.log.warn(`sentinel-aws:${warning}`);
    const holdVersion = catalogue.package.version !== content.solutionVersion;
    if (holdVersion)
        void pulumi.log.warn(
            `sentinel-aws:content.solutionVersion: the catalogue offers ${catalogue.package.packageId} ${catalogue.package.version}, the stack pins ${content.solutionVersion}: what is installed keeps its version and its rules their template settings; set content.solutionVersion to ${catalogue.package.version} to take it`,
        );
    return {
        solution: content.solution ? catalogue.package : undefined,
        templates: content.solution ? catalogue.templates : [],
        rules: selection.rules,
        holdVersion,
    };
}
