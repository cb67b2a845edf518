// The log bucket's policy: HTTPS only, and each delivering service may write its own logs.
import { logPrefix } from "../naming";
import { fromDetectors, fromSource, fromTrail, logDeliverySource, guardDutyPrincipals, LogWriters } from "./logWriters";
import { ConditionBlock, PolicyDocument, policyDocument, PolicyStatement } from "./policyDocument";

const OWNER_FULL_CONTROL = { "s3:x-amz-acl": "bucket-owner-full-control" };

/** Where a service's request must come from: at least a StringEquals block. */
type SourceCondition = ConditionBlock & { readonly StringEquals: Readonly<Record<string, string | readonly string[]>> };

/** A service that delivers logs into the bucket, and how. */
interface DeliveringService {
    /** Prefix of the statements' IDs (`CloudTrail` → `CloudTrailBucketCheck`, `CloudTrailWrite`). */
    readonly sid: string;
    /** Its service principal(s). */
    readonly service: string | string[];
    /** What it calls on the bucket before writing. */
    readonly check: string | string[];
    readonly bucketArn: string;
    /** The prefixes it writes under (`""`: the whole bucket). */
    readonly writes: readonly string[];
    /** Where its requests must come from. */
    readonly source: SourceCondition;
    /** Whether each object it writes must grant the bucket owner full control. */
    readonly ownerFullControl: boolean;
}

/** A delivering service's two statements: the bucket-level check, and the write on its own prefixes, both only from its source. */
function serviceStatements(s: DeliveringService): PolicyStatement[] {
    const principal = { Service: s.service };
    return [
        { Sid: `${s.sid}BucketCheck`, Effect: "Allow", Principal: principal, Action: s.check, Resource: s.bucketArn, Condition: s.source },
        {
            Sid: `${s.sid}Write`,
            Effect: "Allow",
            Principal: principal,
            Action: "s3:PutObject",
            Resource: s.writes.map((prefix) => `${s.bucketArn}/${prefix}*`),
            Condition: s.ownerFullControl ? { ...s.source, StringEquals: { ...s.source.StringEquals, ...OWNER_FULL_CONTROL } } : s.source,
        },
    ];
}

function cloudTrailStatements(bucketArn: string, w: LogWriters): PolicyStatement[] {
    if (w.cloudTrail === undefined) return [];
    // AWS's organisation-trail policy: the owner's own prefix (should the trail become a
    // single-account one) and the organisation's, both from this trail only.
    const { ownerAccountId, organizationId, trailArn } = w.cloudTrail;
    const writes = [ownerAccountId, ...(organizationId === undefined ? [] : [organizationId])].map((folder) => `AWSLogs/${folder}/`);
    return serviceStatements({
        sid: "CloudTrail",
        service: "cloudtrail.amazonaws.com",
        check: "s3:GetBucketAcl",
        bucketArn,
        writes,
        source: fromTrail(trailArn),
        ownerFullControl: true,
    });
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
    return serviceStatements({
        sid: "GuardDuty",
        service: guardDutyPrincipals(detectors),
        check: "s3:GetBucketLocation",
        bucketArn,
        writes: [""],
        source: fromDetectors(w, detectors),
        ownerFullControl: false,
    });
}

function flowLogStatements(bucketArn: string, w: LogWriters): PolicyStatement[] {
    if (!w.vpcFlowLogs) return [];
    const writes = [logPrefix("vpcFlowLogs", w.accountId)];
    return serviceStatements({
        sid: "FlowLogs",
        service: "delivery.logs.amazonaws.com",
        check: ["s3:GetBucketAcl", "s3:ListBucket"],
        bucketArn,
        writes,
        source: fromSource(w, logDeliverySource(w)),
        ownerFullControl: true,
    });
}

/**
 * WAF's logs, delivered by CloudWatch Logs as vended logs ("Logs sent to Amazon S3",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-S3.html):
 * the bucket's ACL and listing, and writes under `AWSLogs/<account>/` granting the bucket owner
 * full control, from this account's deliveries in its region only. WAF would add these
 * statements itself, but only where it may rewrite the bucket policy, and this program's next
 * update would then drop them.
 */
function wafStatements(bucketArn: string, w: LogWriters): PolicyStatement[] {
    if (!w.waf) return [];
    return serviceStatements({
        sid: "WafLogs",
        service: "delivery.logs.amazonaws.com",
        check: ["s3:GetBucketAcl", "s3:ListBucket"],
        bucketArn,
        writes: [`AWSLogs/${w.accountId}/`],
        source: fromSource(w, logDeliverySource(w)),
        ownerFullControl: true,
    });
}

export function logBucketPolicy(bucketArn: string, writers: LogWriters): PolicyDocument {
    return policyDocument(
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
        ...wafStatements(bucketArn, writers),
    );
}
