// The access policy of the SNS topic that relays an existing bucket's notifications to a
// log queue: S3 may publish the notifications of that bucket only.
import { PolicyDocument, policyDocument } from "./policyDocument";

/**
 * Lets S3 publish to the topic for events of `bucketArn` in `accountId` only (the S3 user
 * guide's SNS destination policy): S3 publishes as the service for every bucket, so without
 * both conditions anyone's bucket could feed Sentinel forged notifications through the topic.
 */
export function logTopicPolicy(topicArn: string, bucketArn: string, accountId: string): PolicyDocument {
    return policyDocument({
        Sid: "LogBucketNotifications",
        Effect: "Allow",
        Principal: { Service: "s3.amazonaws.com" },
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: { ArnEquals: { "aws:SourceArn": bucketArn }, StringEquals: { "aws:SourceAccount": accountId } },
    });
}
