// The log bucket's policy: HTTPS only, and each delivering service may write its own logs.
import { fromDetectors, fromSource, fromTrail, flowLogSource, guardDutyPrincipals, LogWriters } from "./logWriters";
import type { ConditionBlock, PolicyDocument, PolicyStatement } from "./policyDocument";

const OWNER_FULL_CONTROL = { "s3:x-amz-acl": "bucket-owner-full-control" };

/** Where a service's request must come from: at least a StringEquals block. */
type SourceCondition = ConditionBlock & { readonly StringEquals: Readonly<Record<string, string | readonly string[]>> };

/**
 * A delivering service's two statements: the bucket-level check it makes before writing,
 * and the write itself on its own prefixes (`""`: the whole bucket), both only from its source.
 */
function serviceStatements(
    sid: string,
    service: string | string[],
    check: string | string[],
    bucketArn: string,
    writes: string[],
    source: SourceCondition,
    ownerControl: boolean,
): PolicyStatement[] {
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
    // AWS's organisation-trail policy: the owner's own prefix (should the trail become a
    // single-account one) and the organisation's, both from this trail only.
    const { ownerAccountId, organizationId, trailArn } = w.cloudTrail;
    const writes = [ownerAccountId, ...(organizationId === undefined ? [] : [organizationId])].map((folder) => `AWSLogs/${folder}/`);
    return serviceStatements("CloudTrail", "cloudtrail.amazonaws.com", "s3:GetBucketAcl", bucketArn, writes, fromTrail(trailArn), true);
}

/**
 * AWS's GuardDuty export policy: the bucket's location, and writes anywhere in the bucket,
 * from this account's detectors only. GuardDuty tests its access when an export is created
 * and fails it on a 403 (trussworks/terraform-aws-logs PRs 54 and 229); its own folder alone
 * is not enough for that test.
 */
function guardDutyStatements(bucketArn: string, w: LogWriters): PolicyStatement[] {
    if (w.guardDuty === undefined) return [];
    const { detectors } = w.guardDuty;
    return serviceStatements("GuardDuty", guardDutyPrincipals(detectors), "s3:GetBucketLocation", bucketArn, [""], fromDetectors(w, detectors), false);
}

function flowLogStatements(bucketArn: string, w: LogWriters): PolicyStatement[] {
    if (!w.vpcFlowLogs) return [];
    const writes = [`AWSLogs/${w.accountId}/vpcflowlogs/`];
    return serviceStatements(
        "FlowLogs",
        "delivery.logs.amazonaws.com",
        ["s3:GetBucketAcl", "s3:ListBucket"],
        bucketArn,
        writes,
        fromSource(w, flowLogSource(w)),
        true,
    );
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
