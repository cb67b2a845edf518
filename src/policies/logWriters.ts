// Who writes into the log bucket: the AWS services delivering the logs Sentinel reads,
// each named by its service principal and held to its own source and prefix.
import { guardDutyPrincipal } from "../s3Facts";

export interface LogWriters {
    readonly partition: string;
    readonly accountId: string;
    readonly region: string;
    /**
     * The trail, when CloudTrail is collected. Its owner is the account in its ARN: the
     * management account for an organisation trail, even one a delegated administrator
     * created (CloudTrail user guide, "Organization delegated administrator"). An organisation
     * trail also writes under the organisation ID.
     */
    readonly cloudTrail?: { readonly trailArn: string; readonly ownerAccountId: string; readonly organizationId?: string };
    /** The GuardDuty detectors whose findings are exported, one per region, all of this account. */
    readonly guardDuty?: { readonly detectors: readonly { readonly region: string; readonly detectorArn: string }[] };
    /** Whether VPC flow logs are delivered. */
    readonly vpcFlowLogs: boolean;
    /** Whether WAF's web ACL logs are delivered (into a bucket of their own, whose key may be this one). */
    readonly waf: boolean;
}

/** Condition that the request comes from `sourceArn` in this account (confused-deputy protection, AWS docs). */
export const fromSource = (w: LogWriters, sourceArn: string) => ({
    StringEquals: { "aws:SourceAccount": w.accountId },
    ArnLike: { "aws:SourceArn": sourceArn },
});

/**
 * Condition that the request comes from the trail, as AWS's CloudTrail bucket and key policies
 * write it: `aws:SourceArn` alone. The trail's ARN already names its owner, and AWS's
 * organisation-trail policies have no `aws:SourceAccount` (whose value would be the
 * management account, not the account deploying).
 */
export const fromTrail = (trailArn: string) => ({ StringEquals: { "aws:SourceArn": trailArn } });

/** As AWS's GuardDuty export policies write it: from these detectors of this account only. */
export const fromDetectors = (w: LogWriters, detectors: NonNullable<LogWriters["guardDuty"]>["detectors"]) => ({
    StringEquals: { "aws:SourceAccount": w.accountId, "aws:SourceArn": detectors.map((d) => d.detectorArn) },
});

/** GuardDuty's principals for these detectors: one for the default regions, one per opt-in region. */
export const guardDutyPrincipals = (detectors: NonNullable<LogWriters["guardDuty"]>["detectors"]): string[] => [
    ...new Set(detectors.map((d) => guardDutyPrincipal(d.region))),
];

/**
 * Any log group or delivery source of the account in the region: the source ARN pattern of logs
 * that CloudWatch Logs delivers to S3 for VPC Flow Logs and WAF (VPC user guide; CloudWatch Logs
 * user guide, "Logs sent to Amazon S3").
 */
export const logDeliverySource = (w: LogWriters): string => `arn:${w.partition}:logs:${w.region}:${w.accountId}:*`;
