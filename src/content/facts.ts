// Facts of Sentinel's Content Hub and analytics rules that the content block relies on, each
// with its source. The rule bodies themselves are never here: they are read from the
// workspace's catalogue at deploy time.
import { valuesOf } from "../constants";

/**
 * The "Amazon Web Services" solution: its package ID (contentId) and the version this project
 * was checked against (Azure/Azure-Sentinel `Solutions/Amazon Web Services/Package/
 * mainTemplate.json` and its release notes, 3.0.10). Default of `content.solutionVersion`.
 */
export const AWS_SOLUTION = { packageId: "azuresentinel.azure-sentinel-solution-amazonwebservices", version: "3.0.10" } as const;

/**
 * The Microsoft.SecurityInsights API version the catalogue is read with: the one
 * @pulumi/azure-native 3.28's ContentPackage, ContentTemplate and ScheduledAlertRule use
 * (their `.d.ts`: "Uses Azure REST API version 2024-09-01"), whose specification defines
 * `contentProductPackages/{packageId}` and `contentProductTemplates/{templateId}`
 * (azure-rest-api-specs, stable/2024-09-01/ContentProductPackages.json,
 * ContentProductTemplates.json).
 */
export const CONTENT_API_VERSION = "2024-09-01";

/** Enabled scheduled analytics rules a workspace may have (learn.microsoft.com/azure/sentinel/sentinel-service-limits). */
export const MAX_ENABLED_SCHEDULED_RULES = 512;

/**
 * How often a scheduled rule runs, and how far back it looks: 5 minutes to 14 days each;
 * alerts are suppressed for 5 minutes to 24 hours (learn.microsoft.com/azure/sentinel/
 * create-analytics-rules, "Query scheduling" and "Alert threshold").
 */
export const RULE_MINUTES = {
    queryFrequency: { min: 5, max: 14 * 24 * 60 },
    queryPeriod: { min: 5, max: 14 * 24 * 60 },
    suppressionDuration: { min: 5, max: 24 * 60 },
} as const;

/** Alert severities (REST spec AlertRules.json `AlertSeverity`). */
export const AlertSeverity = { high: "High", medium: "Medium", low: "Low", informational: "Informational" } as const;
export type AlertSeverity = (typeof AlertSeverity)[keyof typeof AlertSeverity];
export const ALERT_SEVERITIES = valuesOf(AlertSeverity);

/** The word that asks for every rule template reading a table this stack fills. */
export const RECOMMENDED = "recommended";
