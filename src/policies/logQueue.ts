// The access policy of a log queue: S3 may post notifications of this bucket only.
import type { PolicyDocument } from "./policyDocument";

/**
 * Lets S3 send to the queue, and only for events of `bucketArn` in `accountId`: S3 signs as
 * the service for every bucket in every account, so without both conditions anyone could
 * point their bucket's notifications at the queue and feed Sentinel forged logs.
 */
export function logQueuePolicy(queueArn: string, bucketArn: string, accountId: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "LogBucketNotifications",
                Effect: "Allow",
                Principal: { Service: "s3.amazonaws.com" },
                Action: "sqs:SendMessage",
                Resource: queueArn,
                Condition: { ArnEquals: { "aws:SourceArn": bucketArn }, StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    };
}
