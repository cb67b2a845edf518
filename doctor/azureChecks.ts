// The Azure side of one account, with the Azure SDK: the data connector exists and points at
// the account's role (ARM GET); events from the account arrive in its table; and the
// connector has not been failing (the SentinelHealth table, where health monitoring is on).
// The two Log Analytics questions are asked once for the whole workspace, not per account.
import { Client, getClient } from "@azure-rest/core-client";
import type { TokenCredential } from "@azure/identity";
import { Durations, LogsQueryClient, LogsQueryResultStatus } from "@azure/monitor-query-logs";
import { CLOUDTRAIL_CONNECTOR_KIND, describe, DESTINATION_TABLE, S3_CONNECTOR_API_VERSION, S3_CONNECTOR_KIND, WAF_CONNECTOR_API_VERSION } from "../src/facts";
import { shown } from "../plan/inputFile";
import type { CallBounds } from "./bounds";
import { azurePolicies, boundedCredential } from "./boundedHttp";
import { once } from "./concurrency";
import { azureFailure, azureThrown } from "./errors";
import type { StackOutputs } from "./outputs";
import { duration, fail, Finding, guarded, MalformedAnswer, ok, warn } from "./report";
import type { Target } from "./targets";

export interface AzureAccess {
    /** @azure/identity's DefaultAzureCredential in real use. */
    readonly credential: TokenCredential;
    /** Azure Resource Manager of the workspace's cloud, e.g. https://management.azure.com. */
    readonly armEndpoint: string;
    /** The Log Analytics query API of that cloud, e.g. https://api.loganalytics.io. */
    readonly logsEndpoint: string;
    /**
     * A certificate to trust besides the system's: the tests' local servers. The Azure SDK
     * sends bearer tokens over HTTPS only, so they cannot be plain HTTP.
     */
    readonly trustedCertificate?: string;
}

/**
 * The API version the CloudTrail API connector is created with: @pulumi/azure-native 3.x's
 * `securityinsights.AwsCloudTrailDataConnector` ("Uses Azure REST API version 2024-09-01").
 */
export const CLOUDTRAIL_CONNECTOR_API_VERSION = "2024-09-01";

/** The Azure RBAC actions each question needs, with a built-in role that has them. */
const CONNECTOR_READ = "Microsoft.SecurityInsights/dataConnectors/read (role Microsoft Sentinel Reader)";
const QUERY_READ = "Microsoft.OperationalInsights/workspaces/query/*/read (role Log Analytics Reader, or Microsoft Sentinel Reader)";

/** The column of each table that holds the AWS account ID (Azure Monitor table reference). */
const ACCOUNT_COLUMN: Readonly<Record<string, string>> = { AWSCloudTrail: "RecipientAccountId", AWSGuardDuty: "AccountId", AWSVPCFlow: "AccountId" };

/**
 * The AWS account of a table's row, as KQL; undefined for AWSCloudWatch, whose rows name none
 * (its columns are the event's time and message: Azure Monitor's AWSCloudWatch reference, and
 * the CSV Microsoft's connect-aws page asks for). A WAF record names no account, only its web
 * ACL's ARN (WAF's log field `webaclId`), which holds it; its column's name in AWSWAF,
 * `WebAclId`, is UNVERIFIED (Azure Monitor's AWSWAF reference was not read that far).
 */
const accountOf = (table: string): string | undefined =>
    table === DESTINATION_TABLE.waf
        ? 'extract(@":(\\d{12}):", 1, tostring(WebAclId))'
        : ACCOUNT_COLUMN[table] === undefined
          ? undefined
          : `tostring(${ACCOUNT_COLUMN[table]})`;

/** An account with no event for this long is not delivering (issue: "no events for 24 hours"). */
const STALE_HOURS = 24;
/** How far back the last event is looked for. */
const LOOKBACK = Durations.sevenDays;

/**
 * Per resource of a type ("Data connector", "Analytics Rule": SentinelHealth's
 * SentinelResourceType): failures and successes over the period, and the description of the
 * latest failure (not just any).
 */
const healthQuery = (type: string) => `SentinelHealth
| where SentinelResourceType == "${type}"
| summarize Failures = countif(Status == "Failure"), LastFailure = maxif(TimeGenerated, Status == "Failure"), LastSuccess = maxif(TimeGenerated, Status == "Success") by SentinelResourceId
| join kind=leftouter (SentinelHealth | where SentinelResourceType == "${type}" and Status == "Failure" | summarize arg_max(TimeGenerated, Description) by SentinelResourceId | project SentinelResourceId, Reason = Description) on SentinelResourceId
| project SentinelResourceId, Failures, LastFailure, LastSuccess, Reason`;

/** The API version scheduled rules are created with: @pulumi/azure-native 3.x's ScheduledAlertRule ("Uses Azure REST API version 2024-09-01"). */
const ALERT_RULE_API_VERSION = "2024-09-01";
const RULE_READ = "Microsoft.SecurityInsights/alertRules/read (role Microsoft Sentinel Reader)";
const HEALTH_ON = "turn it on: Microsoft Sentinel, Settings, Auditing and health monitoring (learn.microsoft.com/azure/sentinel/enable-monitoring)";

const eventsQuery = (table: string) => {
    const account = accountOf(table);
    return `${table}\n| summarize LastEvent = max(TimeGenerated)${account === undefined ? "" : ` by AccountId = ${account}`}`;
};

type Cell = unknown;
type QueryAnswer = { kind: "rows"; rows: Record<string, Cell>[] } | { kind: "missing" } | { kind: "error"; error: unknown };

/**
 * A query of a table the workspace does not have fails as a semantic error (KQL SEM0100,
 * "'summarize' operator: Failed to resolve table or column expression named 'SentinelHealth'"),
 * in the error's inner errors.
 */
function missingTable(err: unknown, table: string): boolean {
    const said = `${(err as Error).message} ${JSON.stringify((err as { details?: unknown }).details ?? "")}`;
    return said.includes(`expression named '${table}'`);
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
const ago = (d: Date) => `${duration(Math.max(0, (Date.now() - d.getTime()) / 1000))} ago (${iso(d)})`;
/** A datetime cell; empty is undefined, anything else that is not a date is a malformed answer. */
function asDate(v: Cell, column: string): Date | undefined {
    if (v === null || v === undefined || v === "") return undefined;
    const date = v instanceof Date ? v : typeof v === "string" ? new Date(v) : undefined;
    if (date === undefined || Number.isNaN(date.getTime()))
        // The client turns datetime columns into Date objects: an unreadable one is an Invalid Date, its text lost.
        throw new MalformedAnswer(`Log Analytics answered a ${column} that is not a date${typeof v === "string" ? ` (${describe(v)})` : ""}`);
    return date;
}

export class AzureChecks {
    private readonly arm: Client;
    private readonly logs: LogsQueryClient;
    private readonly events = new Map<string, () => Promise<QueryAnswer>>();
    private readonly health: () => Promise<QueryAnswer>;
    private readonly ruleHealth: () => Promise<QueryAnswer>;
    /** The sign-in, tried once for the run: its failure is one row per account, not one per Azure check. */
    private readonly signIn: () => Promise<unknown>;

    constructor(
        access: AzureAccess,
        private readonly outputs: StackOutputs,
        bounds: CallBounds,
    ) {
        const tlsOptions = access.trustedCertificate === undefined ? undefined : { ca: access.trustedCertificate };
        const credential = boundedCredential(access.credential, bounds, "the Azure sign-in (Microsoft Entra ID)");
        this.arm = getClient(access.armEndpoint, credential, {
            credentials: { scopes: [`${access.armEndpoint}/.default`] },
            tlsOptions,
            additionalPolicies: azurePolicies(bounds, bounds.limits.requestMs),
        });
        // The client takes the versioned endpoint, and its scope from `credentials`: it ignores `audience` (1.0.0).
        this.logs = new LogsQueryClient(credential, {
            endpoint: `${access.logsEndpoint}/v1`,
            credentials: { scopes: [`${access.logsEndpoint}/.default`] },
            tlsOptions,
            additionalPolicies: azurePolicies(bounds, bounds.limits.queryMs),
        });
        this.health = once(() => this.query("SentinelHealth", healthQuery("Data connector"), Durations.oneDay));
        this.ruleHealth = once(() => this.query("SentinelHealth", healthQuery("Analytics Rule"), Durations.oneDay));
        this.signIn = once(() => credential.getToken(`${access.armEndpoint}/.default`));
    }

    private async query(table: string, query: string, timespan: string): Promise<QueryAnswer> {
        try {
            const result = await this.logs.queryWorkspace(this.outputs.workspaceId, query, { duration: timespan });
            if (result.status !== LogsQueryResultStatus.Success) return { kind: "error", error: new Error(`partial result: ${result.partialError.message}`) };
            const [first] = result.tables;
            const names = first?.columnDescriptors.map((c) => c.name ?? "") ?? [];
            return { kind: "rows", rows: (first?.rows ?? []).map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]]))) };
        } catch (err) {
            return missingTable(err, table) ? { kind: "missing" } : { kind: "error", error: err };
        }
    }

    /** A Sentinel resource of the workspace by its ARM path: its status and body, or the finding of a call that failed. */
    private async sentinelResource(
        check: string,
        type: string,
        id: string,
        apiVersion: string,
        permission: string,
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ARM's JSON, read field by field with checks
    ): Promise<Finding | { status: number; body: Record<string, any> }> {
        try {
            const response = await this.arm
                .pathUnchecked(`${this.outputs.workspaceResourceId}/providers/Microsoft.SecurityInsights/${type}/{id}`, id)
                .get({ queryParameters: { "api-version": apiVersion } });
            return { status: Number(response.status), body: typeof response.body === "object" && response.body !== null ? response.body : {} };
        } catch (err) {
            return azureThrown(check, permission, err);
        }
    }

    /** The data connector at its ARM path, compared with what the program declares for it. */
    private async connector(
        check: string,
        connectorId: string,
        expected: { kind: string; roleProperty: string; roleArn: string; queueUrl?: string; table?: string },
        apiVersion: string,
    ): Promise<Finding> {
        const answer = await this.sentinelResource(check, "dataConnectors", connectorId, apiVersion, CONNECTOR_READ);
        if ("check" in answer) return answer;
        const { status, body } = answer;
        if (status === 404) {
            return fail(
                check,
                `connector ${connectorId} does not exist in the workspace: nothing collects this account's logs`,
                "run pulumi up: it creates the connector again (it was deleted outside Pulumi, in the portal or with az sentinel data-connector delete)",
            );
        }
        if (status !== 200) return azureFailure(check, CONNECTOR_READ, { status, code: body.error?.code, message: body.error?.message });

        const properties = typeof body.properties === "object" && body.properties !== null ? body.properties : {};
        const problems: string[] = [];
        // Values of any shape and depth: describe() shows them cut, never recursing without end.
        const said = (v: unknown) => (typeof v === "string" ? shown(v) : describe(v));
        if (body.kind !== expected.kind) problems.push(`it is of kind ${said(body.kind)}, not ${expected.kind}`);
        if (properties[expected.roleProperty] !== expected.roleArn)
            problems.push(`it assumes ${said(properties[expected.roleProperty])}, not ${expected.roleArn}`);
        if (expected.queueUrl !== undefined && !(Array.isArray(properties.sqsUrls) && properties.sqsUrls.includes(expected.queueUrl)))
            problems.push(`it reads ${describe(properties.sqsUrls ?? null)}, not ${expected.queueUrl}`);
        if (expected.table !== undefined && properties.destinationTable !== expected.table)
            problems.push(`it writes to ${said(properties.destinationTable)}, not ${expected.table}`);
        if (properties.dataTypes?.logs?.state !== "Enabled") problems.push("its logs are not enabled (dataTypes.logs.state)");
        if (problems.length > 0)
            return fail(check, `connector ${connectorId}: ${problems.join("; ")}`, "run pulumi up: it sets the connector back to what the program declares");
        return ok(check, `${expected.kind} connector ${connectorId}, assuming this account's role, logs enabled`);
    }

    /** When the account's last event reached `table`. GuardDuty writes only when it finds something, so its silence is a WARN. */
    private async lastEvent(table: string, target: Target): Promise<Finding> {
        const check = `events ${table}`;
        let answer = this.events.get(table);
        if (answer === undefined) {
            answer = once(() => this.query(table, eventsQuery(table), LOOKBACK));
            this.events.set(table, answer);
        }
        const result = await answer();
        const fix =
            target.connector === "s3"
                ? "look at this account's queue, dead-letter and connector rows, and the connector's page in Sentinel (Data connectors)"
                : "look at this account's trust, permissions and connector rows, and the connector's page in Sentinel (Data connectors)";
        const quiet = (reason: string) =>
            table === DESTINATION_TABLE.guardDuty ? warn(check, `${reason} (GuardDuty exports findings only when it has some)`, fix) : fail(check, reason, fix);
        if (result.kind === "missing") return quiet(`the workspace has no table ${table}: nothing has ever arrived`);
        if (result.kind === "error") return azureThrown(check, QUERY_READ, result.error);
        // A table whose rows name no account has one row: the last event of any account.
        const perAccount = accountOf(table) !== undefined;
        const from = perAccount ? `from account ${target.accountId}` : `in ${table} (its rows name no account: from any account)`;
        const last = asDate((perAccount ? result.rows.find((r) => r.AccountId === target.accountId) : result.rows[0])?.LastEvent, "LastEvent");
        if (last === undefined) return quiet(`no event ${from} in the last 7 days`);
        if (Date.now() - last.getTime() > STALE_HOURS * 3600 * 1000) return quiet(`no event ${from} for ${STALE_HOURS} hours: the last arrived ${ago(last)}`);
        return ok(check, `the last event ${perAccount ? "" : `${from} `}arrived ${ago(last)}`);
    }

    /** Failures SentinelHealth recorded for the connector in the last 24 hours. */
    private async connectorHealth(check: string, connectorId: string): Promise<Finding> {
        const result = await this.health();
        if (result.kind === "missing") {
            return warn(check, "health monitoring is off (the workspace has no SentinelHealth table), so connector failures are not recorded", HEALTH_ON);
        }
        if (result.kind === "error") return azureThrown(check, QUERY_READ, result.error);
        // The connector's ID is a GUID: whatever else SentinelResourceId holds (the workspace, the path), it names one connector.
        const row = result.rows.find((r) => String(r.SentinelResourceId).toLowerCase().includes(connectorId.toLowerCase()));
        const failures = Number(row?.Failures ?? 0);
        if (row === undefined || failures === 0) return ok(check, "no connector failure recorded in 24 h");
        const lastFailure = asDate(row.LastFailure, "LastFailure");
        const lastSuccess = asDate(row.LastSuccess, "LastSuccess");
        const said = `${failures} failure${failures === 1 ? "" : "s"} in 24 h, the last ${lastFailure ? ago(lastFailure) : "at an unknown time"}: ${shown(String(row.Reason ?? ""))}`;
        const fix = "fix what the failure names (often the role's trust or permissions), then watch the connector's page in Sentinel";
        if (lastSuccess !== undefined && lastFailure !== undefined && lastSuccess > lastFailure)
            return warn(check, `${said}; fetching again since ${iso(lastSuccess)}`, fix);
        return fail(check, said, fix);
    }

    /** A scheduled rule of the stack: it exists and is enabled (ARM GET), and how its runs went (SentinelHealth). */
    private async rule(check: string, ruleId: string): Promise<Finding> {
        const answer = await this.sentinelResource(check, "alertRules", ruleId, ALERT_RULE_API_VERSION, RULE_READ);
        if ("check" in answer) return answer;
        const { status, body } = answer;
        if (status === 404)
            return fail(check, `rule ${ruleId} does not exist in the workspace: nothing detects with it`, "run pulumi up: it creates the rule again");
        if (status !== 200) return azureFailure(check, RULE_READ, { status, code: body.error?.code, message: body.error?.message });
        const name = shown(String(body.properties?.displayName ?? ruleId));
        if (body.properties?.enabled !== true)
            return fail(
                check,
                `${name} is disabled`,
                "run pulumi up: it enables the rule again (it was disabled outside Pulumi), or set enabled: false in its content.analyticsRules entry",
            );
        const health = await this.ruleHealth();
        if (health.kind === "missing") return warn(check, `${name} is enabled; health monitoring is off, so its runs are not recorded`, HEALTH_ON);
        if (health.kind === "error") return azureThrown(check, QUERY_READ, health.error);
        const row = health.rows.find((r) => String(r.SentinelResourceId).toLowerCase().includes(ruleId.toLowerCase()));
        const lastFailure = asDate(row?.LastFailure, "LastFailure");
        const lastSuccess = asDate(row?.LastSuccess, "LastSuccess");
        if (lastFailure !== undefined && (lastSuccess === undefined || lastFailure > lastSuccess))
            return fail(
                check,
                `${name}: its last run failed ${ago(lastFailure)}: ${shown(String(row?.Reason ?? ""))}`,
                "fix what the failure names (a table or column the query reads, often), then watch the rule's page in Sentinel (Analytics)",
            );
        if (lastSuccess === undefined)
            return warn(
                check,
                `${name} is enabled; no run recorded in 24 h`,
                "a rule that runs less often than daily shows none; otherwise look at its page in Sentinel (Analytics)",
            );
        return ok(check, `${name} is enabled; its last run succeeded ${ago(lastSuccess)}`);
    }

    /** One row per scheduled rule of the stack, by template ID. */
    async ruleFindings(): Promise<Finding[]> {
        try {
            await this.signIn();
        } catch (err) {
            return [azureThrown("azure sign-in", RULE_READ, err)];
        }
        const rules = Object.entries(this.outputs.analyticsRules ?? {});
        return Promise.all(rules.map(([templateId, ruleId]) => guarded(`rule ${templateId}`, () => this.rule(`rule ${templateId}`, ruleId))));
    }

    /** Every Azure check of one account, in a fixed order. */
    async findings(target: Target): Promise<Finding[]> {
        try {
            await this.signIn();
        } catch (err) {
            return [azureThrown("azure sign-in", CONNECTOR_READ, err)];
        }
        if (target.connector === "cloudTrailApi") {
            const expected = { kind: CLOUDTRAIL_CONNECTOR_KIND, roleProperty: "awsRoleArn", roleArn: target.roleArn };
            return [
                await guarded("connector", () => this.connector("connector", target.connectorId, expected, CLOUDTRAIL_CONNECTOR_API_VERSION)),
                await guarded(`events ${DESTINATION_TABLE.cloudTrail}`, () => this.lastEvent(DESTINATION_TABLE.cloudTrail, target)),
                await guarded("health", () => this.connectorHealth("health", target.connectorId)),
            ];
        }
        const findings: Finding[] = [];
        for (const log of target.logs) {
            const table = DESTINATION_TABLE[log.logType];
            const expected = { kind: S3_CONNECTOR_KIND, roleProperty: "roleArn", roleArn: target.roleArn, queueUrl: log.queueUrl, table };
            findings.push(
                await guarded(`connector ${log.logType}`, () =>
                    // Read with the version it was written with: WAF's connector is the Codeless Connector Framework's.
                    this.connector(
                        `connector ${log.logType}`,
                        log.connectorId,
                        expected,
                        log.logType === "waf" ? WAF_CONNECTOR_API_VERSION : S3_CONNECTOR_API_VERSION,
                    ),
                ),
                await guarded(`events ${table}`, () => this.lastEvent(table, target)),
                await guarded(`health ${log.logType}`, () => this.connectorHealth(`health ${log.logType}`, log.connectorId)),
            );
        }
        return findings;
    }
}
