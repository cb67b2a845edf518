// The CloudWatch Logs function's role: Lambda may assume it, and it may write CSV objects
// under the CloudWatch prefix, its own log lines, and a failed batch into its dead-letter
// queue, nothing else (the function reads no log group: CloudWatch Logs hands it the events).
import { PolicyDocument, policyDocument, PolicyStatement } from "./policyDocument";

export interface CloudWatchFunctionScope {
    readonly bucketArn: string;
    /** The CloudWatch prefix, e.g. `AWSLogs/111122223333/CloudWatch/`. */
    readonly prefix: string;
    /** The function's own log group, made before it. */
    readonly logGroupArn: string;
    /** Where Lambda puts a batch that failed every attempt. */
    readonly deadLetterQueueArn: string;
    /** The bucket's KMS key, if the logs are encrypted with one: S3 asks it for a data key per object. */
    readonly keyArn?: string;
}

/** Lambda, and only Lambda, assumes the function's role (Lambda developer guide, "Execution role"). */
export function lambdaTrustPolicy(): PolicyDocument {
    return policyDocument({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
}

export function cloudWatchFunctionPolicy(scope: CloudWatchFunctionScope): PolicyDocument {
    const statements: PolicyStatement[] = [
        { Sid: "WriteCsvObjects", Effect: "Allow", Action: "s3:PutObject", Resource: `${scope.bucketArn}/${scope.prefix}*` },
        { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${scope.logGroupArn}:*` },
        { Sid: "ParkFailedBatches", Effect: "Allow", Action: "sqs:SendMessage", Resource: scope.deadLetterQueueArn },
    ];
    if (scope.keyArn !== undefined) statements.push({ Sid: "EncryptCsvObjects", Effect: "Allow", Action: "kms:GenerateDataKey", Resource: scope.keyArn });
    return policyDocument(...statements);
}
