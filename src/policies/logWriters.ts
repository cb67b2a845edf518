// Who writes into the log bucket: the AWS services delivering the logs Sentinel reads,
// each named by its service principal and held to its own source and prefix.

export interface LogWriters {
    readonly partition: string;
    readonly accountId: string;
    readonly region: string;
    /** The trail, when CloudTrail is collected; an organisation trail also writes under the organisation ID. */
    readonly cloudTrail?: { readonly trailArn: string; readonly organizationId?: string };
    /** The GuardDuty detector whose findings are exported. */
    readonly guardDuty?: { readonly detectorArn: string };
    /** Whether VPC flow logs are delivered. */
    readonly vpcFlowLogs: boolean;
}

/** Condition that the request comes from `sourceArn` in this account (confused-deputy protection, AWS docs). */
export const fromSource = (w: LogWriters, sourceArn: string) => ({
    StringEquals: { "aws:SourceAccount": w.accountId },
    ArnLike: { "aws:SourceArn": sourceArn },
});

/** Any log group or flow log of the account in the region: VPC Flow Logs' source ARN pattern (VPC user guide). */
export const flowLogSource = (w: LogWriters): string => `arn:${w.partition}:logs:${w.region}:${w.accountId}:*`;
