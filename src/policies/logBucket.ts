// The log bucket's policy: HTTPS only, and each delivering service may write its own logs.
import { fromSource, flowLogSource, LogWriters } from "./logWriters";
import type { PolicyDocument, PolicyStatement } from "./policyDocument";

const OWNER_FULL_CONTROL = { "s3:x-amz-acl": "bucket-owner-full-control" };

function cloudTrailStatements(bucketArn: string, w: LogWriters): PolicyStatement[] {
    if (w.cloudTrail === undefined) return [];
    const source = fromSource(w, w.cloudTrail.trailArn);
    const owners = [w.accountId, ...(w.cloudTrail.organizationId === undefined ? [] : [w.cloudTrail.organizationId])];
    return [
        { Sid: "CloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: bucketArn, Condition: source },
        {
            Sid: "CloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: owners.map((owner) => `${bucketArn}/AWSLogs/${owner}/*`),
            Condition: { ...source, StringEquals: { ...source.StringEquals, ...OWNER_FULL_CONTROL } },
        },
    ];
}

function guardDutyStatements(bucketArn: string, w: LogWriters): PolicyStatement[] {
    if (w.guardDuty === undefined) return [];
    const source = fromSource(w, w.guardDuty.detectorArn);
    return [
        { Sid: "GuardDutyLocation", Effect: "Allow", Principal: { Service: "guardduty.amazonaws.com" }, Action: "s3:GetBucketLocation", Resource: bucketArn, Condition: source },
        {
            Sid: "GuardDutyWrite",
            Effect: "Allow",
            Principal: { Service: "guardduty.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${bucketArn}/AWSLogs/${w.accountId}/GuardDuty/*`,
            Condition: source,
        },
    ];
}

function flowLogStatements(bucketArn: string, w: LogWriters): PolicyStatement[] {
    if (!w.vpcFlowLogs) return [];
    const source = fromSource(w, flowLogSource(w));
    return [
        { Sid: "FlowLogsAclCheck", Effect: "Allow", Principal: { Service: "delivery.logs.amazonaws.com" }, Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: bucketArn, Condition: source },
        {
            Sid: "FlowLogsWrite",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${bucketArn}/AWSLogs/${w.accountId}/vpcflowlogs/*`,
            Condition: { ...source, StringEquals: { ...source.StringEquals, ...OWNER_FULL_CONTROL } },
        },
    ];
}

export function logBucketPolicy(bucketArn: string, writers: LogWriters): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "HttpsOnly",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucketArn, `${bucketArn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            ...cloudTrailStatements(bucketArn, writers),
            ...guardDutyStatements(bucketArn, writers),
            ...flowLogStatements(bucketArn, writers),
        ],
    };
}
