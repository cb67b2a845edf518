// The key policy of the KMS key the logs are encrypted with: the account administers it,
// the delivering services encrypt with it, and Sentinel's role decrypts with it.
import { fromSource, flowLogSource, LogWriters } from "./logWriters";
import type { PolicyDocument, PolicyStatement } from "./policyDocument";

export function logKeyPolicy(writers: LogWriters, readerRoleArn: string): PolicyDocument {
    const w = writers;
    const statements: PolicyStatement[] = [
        // Without it no IAM policy could grant use of the key and nobody could manage it (KMS key policy docs).
        { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:${w.partition}:iam::${w.accountId}:root` }, Action: "kms:*", Resource: "*" },
        { Sid: "SentinelDecrypts", Effect: "Allow", Principal: { AWS: readerRoleArn }, Action: "kms:Decrypt", Resource: "*" },
    ];
    if (w.cloudTrail !== undefined) {
        statements.push({
            Sid: "CloudTrailEncrypts",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: ["kms:GenerateDataKey*", "kms:DescribeKey"],
            Resource: "*",
            Condition: fromSource(w, w.cloudTrail.trailArn),
        });
    }
    if (w.guardDuty !== undefined) {
        statements.push({
            Sid: "GuardDutyEncrypts",
            Effect: "Allow",
            Principal: { Service: "guardduty.amazonaws.com" },
            Action: "kms:GenerateDataKey",
            Resource: "*",
            Condition: fromSource(w, w.guardDuty.detectorArn),
        });
    }
    if (w.vpcFlowLogs) {
        statements.push({
            Sid: "FlowLogsEncrypt",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: "kms:GenerateDataKey*",
            Resource: "*",
            Condition: fromSource(w, flowLogSource(w)),
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}
