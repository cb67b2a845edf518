// What will write into a bucket this program makes, derived from config: the trail and the
// GuardDuty detectors by their ARNs (known before they exist), and whether VPC flow logs do.
import type { S3ConnectorConfig } from "../../config/types";
import type { LogWriters } from "../../policies/logWriters";
import type { S3LogType } from "../../s3Facts";
import type { LogAccount } from "./logStore";

/**
 * The trail as it will be: created in this account's region, owned by the management account
 * when a delegated administrator creates an organisation trail (its ARN carries that ID).
 */
function trailWriter(account: LogAccount, s3Config: S3ConnectorConfig, trail: string): NonNullable<LogWriters["cloudTrail"]> {
    const ownerAccountId = s3Config.managementAccountId ?? account.accountId;
    return {
        trailArn: `arn:${account.partition}:cloudtrail:${account.region}:${ownerAccountId}:trail/${trail}`,
        ownerAccountId,
        organizationId: s3Config.organizationId,
    };
}

/** Every detector whose findings are exported: the account region's, then those of further regions. */
export function guardDutyDetectors(account: LogAccount, s3Config: S3ConnectorConfig): { region: string; detectorId: string }[] {
    const home = s3Config.guardDutyDetectorId === undefined ? [] : [{ region: account.region, detectorId: s3Config.guardDutyDetectorId }];
    return [...home, ...(s3Config.guardDutyDetectors ?? [])];
}

/** What the delivering services are, as ARNs this program can write before they exist. */
export function logWritersOf(account: LogAccount, s3Config: S3ConnectorConfig, trail: string): LogWriters {
    const { partition, accountId, region } = account;
    const collects = (logType: S3LogType) => s3Config.logTypes.includes(logType);
    return {
        partition,
        accountId,
        region,
        cloudTrail: collects("cloudTrail") ? trailWriter(account, s3Config, trail) : undefined,
        guardDuty: collects("guardDuty")
            ? {
                  detectors: guardDutyDetectors(account, s3Config).map((d) => ({
                      region: d.region,
                      detectorArn: `arn:${partition}:guardduty:${d.region}:${accountId}:detector/${d.detectorId}`,
                  })),
              }
            : undefined,
        vpcFlowLogs: collects("vpcFlowLogs"),
        waf: collects("waf"),
    };
}
