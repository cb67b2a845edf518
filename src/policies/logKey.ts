// The key policy of the KMS key the logs are encrypted with: the account administers it,
// the delivering services encrypt with it, and Sentinel's role decrypts with it.
import { accountRootPrincipal } from "./sentinelTrust";
import { fromDetectors, fromSource, fromTrail, logDeliverySource, guardDutyPrincipals, LogWriters } from "./logWriters";
import { PolicyDocument, policyDocument, PolicyStatement } from "./policyDocument";

export function logKeyPolicy(writers: LogWriters, readerRoleArn: string): PolicyDocument {
    const w = writers;
    const statements: PolicyStatement[] = [
        // Without it no IAM policy could grant use of the key and nobody could manage it (KMS key policy docs).
        { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: accountRootPrincipal(w.accountId, w.partition) }, Action: "kms:*", Resource: "*" },
        { Sid: "SentinelDecrypts", Effect: "Allow", Principal: { AWS: readerRoleArn }, Action: "kms:Decrypt", Resource: "*" },
    ];
    if (w.cloudTrail !== undefined) {
        // As AWS's CloudTrail key policy writes it: this trail only, and data keys only for
        // trails of the trail's owner (the management account for an organisation trail).
        const { trailArn, ownerAccountId } = w.cloudTrail;
        const cloudTrail = { Service: "cloudtrail.amazonaws.com" };
        statements.push(
            {
                Sid: "CloudTrailEncrypts",
                Effect: "Allow",
                Principal: cloudTrail,
                Action: "kms:GenerateDataKey*",
                Resource: "*",
                Condition: {
                    ...fromTrail(trailArn),
                    StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${w.partition}:cloudtrail:*:${ownerAccountId}:trail/*` },
                },
            },
            { Sid: "CloudTrailDescribesKey", Effect: "Allow", Principal: cloudTrail, Action: "kms:DescribeKey", Resource: "*", Condition: fromTrail(trailArn) },
        );
    }
    if (w.guardDuty !== undefined) {
        const { detectors } = w.guardDuty;
        statements.push({
            Sid: "GuardDutyEncrypts",
            Effect: "Allow",
            Principal: { Service: guardDutyPrincipals(detectors) },
            Action: "kms:GenerateDataKey",
            Resource: "*",
            Condition: fromDetectors(w, detectors),
        });
    }
    // CloudWatch Logs' delivery writes flow logs and WAF logs alike, from the same source.
    if (w.vpcFlowLogs || w.waf) {
        statements.push({
            Sid: w.vpcFlowLogs ? "FlowLogsEncrypt" : "WafLogsEncrypt",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: "kms:GenerateDataKey*",
            Resource: "*",
            Condition: fromSource(w, logDeliverySource(w)),
        });
    }
    return policyDocument(...statements);
}
