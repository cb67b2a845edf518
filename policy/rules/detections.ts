// A stack that manages detections should detect something in every table it fills: logs
// that trigger nothing are half the job.
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { CLOUDTRAIL_TABLE, S3_CONNECTOR_KIND, TYPES } from "../types";
import { known } from "./props";

/** The tables the stack's Sentinel AWS connectors fill, each with the first connector filling it. */
function filledTables(resources: readonly PolicyResource[]): Map<string, PolicyResource> {
    const tables = new Map<string, PolicyResource>();
    for (const r of resources) {
        const s3 = r.type === TYPES.s3Connector || (r.type === TYPES.armResource && known(r, "kind") === S3_CONNECTOR_KIND);
        const table =
            r.type === TYPES.cloudTrailConnector
                ? CLOUDTRAIL_TABLE
                : s3
                  ? (known(r, "destinationTable") ?? known(r, "properties", "destinationTable"))
                  : undefined;
        if (typeof table === "string" && !tables.has(table)) tables.set(table, r);
    }
    return tables;
}

/** Whether a query names the table (as a whole word): how a rule reads it. */
const reads = (query: unknown, table: string) => typeof query === "string" && new RegExp(`(^|[^\\w])${table}($|[^\\w])`).test(query);

export const detectionsForConnectedTables: StackValidationPolicy = {
    name: "detections-for-connected-tables",
    description:
        "A stack that manages scheduled analytics rules should have, for every table its Sentinel AWS connectors fill, at least one enabled rule whose query reads it. Stacks without rules are not judged.",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        const rules = args.resources.filter((r) => r.type === TYPES.scheduledRule);
        if (rules.length === 0) return;
        // A rule whose enabled flag is not known yet (a preview) counts as enabled: only what is known is judged.
        const enabled = rules.filter((r) => known(r, "enabled") !== false);
        for (const [table, connector] of filledTables(args.resources)) {
            if (enabled.some((r) => reads(known(r, "query"), table))) continue;
            reportViolation(
                `The stack fills ${table} (connector ${connector.name}), but none of its enabled scheduled rules reads it: add one to sentinel-aws:content.analyticsRules (recommended adds the solution's), or enable one.`,
                connector.urn,
            );
        }
    },
};
