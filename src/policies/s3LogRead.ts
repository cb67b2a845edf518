// The permissions of the role Sentinel's S3 connector assumes: read its queues and its log
// objects, nothing else (Azure-Sentinel DataConnectors/AWS-S3/AwsRequiredPolicies.md).
import { PolicyDocument, policyDocument, PolicyStatement } from "./policyDocument";

export interface S3LogReadScope {
    /** The queues the connectors read notifications from. */
    readonly queueArns: readonly string[];
    readonly bucketArn: string;
    /** Key prefixes of the log types collected, e.g. `AWSLogs/111122223333/CloudTrail/`. */
    readonly prefixes: readonly string[];
    /** The KMS key the logs are encrypted with, if any. */
    readonly keyArn?: string;
    /** WAF's bucket, when WAF is collected: its own bucket (WAF's naming rule), read under its prefix only. */
    readonly waf?: { readonly bucketArn: string; readonly prefix: string };
}

/** What Sentinel does with a queue: receive a notification, keep it hidden while it reads, delete it. */
const SENTINEL_QUEUE_ACTIONS = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ChangeMessageVisibility"];

/** Get objects under the prefixes and list them, in one bucket; none when no prefix is read there (an account collecting WAF only). */
function readStatements(sid: string, bucketArn: string, prefixes: readonly string[]): PolicyStatement[] {
    if (prefixes.length === 0) return [];
    return [
        { Sid: `Read${sid}Objects`, Effect: "Allow", Action: "s3:GetObject", Resource: prefixes.map((prefix) => `${bucketArn}/${prefix}*`) },
        {
            Sid: `List${sid}Prefixes`,
            Effect: "Allow",
            Action: "s3:ListBucket",
            Resource: bucketArn,
            Condition: { StringLike: { "s3:prefix": prefixes.map((prefix) => `${prefix}*`) } },
        },
    ];
}

export function s3LogReadPolicy(scope: S3LogReadScope): PolicyDocument {
    const statements: PolicyStatement[] = [
        { Sid: "ReadLogNotifications", Effect: "Allow", Action: SENTINEL_QUEUE_ACTIONS, Resource: [...scope.queueArns] },
        ...readStatements("Log", scope.bucketArn, scope.prefixes),
        ...(scope.waf === undefined ? [] : readStatements("WafLog", scope.waf.bucketArn, [scope.waf.prefix])),
    ];
    if (scope.keyArn !== undefined) {
        statements.push({ Sid: "DecryptLogObjects", Effect: "Allow", Action: "kms:Decrypt", Resource: scope.keyArn });
    }
    return policyDocument(...statements);
}
