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
}

/** What Sentinel does with a queue: receive a notification, keep it hidden while it reads, delete it. */
const SENTINEL_QUEUE_ACTIONS = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ChangeMessageVisibility"];

export function s3LogReadPolicy(scope: S3LogReadScope): PolicyDocument {
    const statements: PolicyStatement[] = [
        { Sid: "ReadLogNotifications", Effect: "Allow", Action: SENTINEL_QUEUE_ACTIONS, Resource: [...scope.queueArns] },
        { Sid: "ReadLogObjects", Effect: "Allow", Action: "s3:GetObject", Resource: scope.prefixes.map((prefix) => `${scope.bucketArn}/${prefix}*`) },
        {
            Sid: "ListLogPrefixes",
            Effect: "Allow",
            Action: "s3:ListBucket",
            Resource: scope.bucketArn,
            Condition: { StringLike: { "s3:prefix": scope.prefixes.map((prefix) => `${prefix}*`) } },
        },
    ];
    if (scope.keyArn !== undefined) {
        statements.push({ Sid: "DecryptLogObjects", Effect: "Allow", Action: "kms:Decrypt", Resource: scope.keyArn });
    }
    return policyDocument(...statements);
}
