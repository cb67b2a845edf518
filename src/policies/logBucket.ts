// The log bucket's policy: HTTPS only, and each delivering service may write its own logs.
import { fromSource, flowLogSource, LogWriters } from "./logWriters";
import type { PolicyDocument, PolicyStatement } from "./policyDocument";

const OWNER_FULL_CONTROL = { "s3:x-amz-acl": "bucket-owner-full-control" };

type SourceCondition = ReturnType<typeof fromSource>;

/**
 * A delivering service's two statements: the bucket-level check it makes before writing,
 * and the write itself on its own prefixes, both only from its source.
 */
function serviceStatements(sid: string, service: string, check: string | string[], bucketArn: string, writes: string[], source: SourceCondition, ownerControl: boolean): PolicyStatement[] {
    const principal = { Service: service };
    return [
        { Sid: `${sid}BucketCheck`, Effect: "Allow", Principal: principal, Action: check, Resource: bucketArn, Condition: source },
        {
            Sid: `${sid}Write`,
            Effect: "Allow",
            Principal: principal,
            Action: "s3:PutObject",
            Resource: writes.map((prefix) => `${bucketArn}/${prefix}*`),
            Condition: ownerControl ? { ...source, StringEquals: { ...source.StringEquals, ...OWNER_FULL_CONTROL } } : source,
        },
    ];
}

function cloudTrailStatements(bucketArn: string, w: LogWriters): PolicyStatement[] {
    if (w.cloudTrail === undefined) return [];
    const owners = [w.accountId, ...(w.cloudTrail.organizationId === undefined ? [] : [w.cloudTrail.organizationId])];
    const writes = owners.map((owner) => `AWSLogs/${owner}/`);
    return serviceStatements("CloudTrail", "cloudtrail.amazonaws.com", "s3:GetBucketAcl", bucketArn, writes, fromSource(w, w.cloudTrail.trailArn), true);
}

function guardDutyStatements(bucketArn: string, w: LogWriters): PolicyStatement[] {
    if (w.guardDuty === undefined) return [];
    const writes = [`AWSLogs/${w.accountId}/GuardDuty/`];
    return serviceStatements("GuardDuty", "guardduty.amazonaws.com", "s3:GetBucketLocation", bucketArn, writes, fromSource(w, w.guardDuty.detectorArn), false);
}

function flowLogStatements(bucketArn: string, w: LogWriters): PolicyStatement[] {
    if (!w.vpcFlowLogs) return [];
    const writes = [`AWSLogs/${w.accountId}/vpcflowlogs/`];
    return serviceStatements("FlowLogs", "delivery.logs.amazonaws.com", ["s3:GetBucketAcl", "s3:ListBucket"], bucketArn, writes, fromSource(w, flowLogSource(w)), true);
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
