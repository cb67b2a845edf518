// The access policy of a log queue: only the notifications of the log bucket may be posted,
// by S3 directly or through the one SNS topic that relays them.
import { PolicyDocument, policyDocument, PolicyStatement } from "./policyDocument";

/** Who posts to a log queue: S3, for the log bucket of the given account; or SNS, for the topic relaying that bucket's notifications. */
export type QueueSender =
    { readonly service: "s3"; readonly bucketArn: string; readonly accountId: string } | { readonly service: "sns"; readonly topicArn: string };

/**
 * S3 and SNS sign as the service for every bucket and topic in every account, so without the
 * source conditions anyone could point their own bucket or topic at the queue and feed
 * Sentinel forged logs. A topic's ARN names its account; a bucket's does not.
 */
function sendStatement(queueArn: string, sender: QueueSender): PolicyStatement {
    const common = { Effect: "Allow", Action: "sqs:SendMessage", Resource: queueArn } as const;
    return sender.service === "s3"
        ? {
              Sid: "LogBucketNotifications",
              ...common,
              Principal: { Service: "s3.amazonaws.com" },
              Condition: { ArnEquals: { "aws:SourceArn": sender.bucketArn }, StringEquals: { "aws:SourceAccount": sender.accountId } },
          }
        : {
              Sid: "LogTopicNotifications",
              ...common,
              Principal: { Service: "sns.amazonaws.com" },
              Condition: { ArnEquals: { "aws:SourceArn": sender.topicArn } },
          };
}

export function logQueuePolicy(queueArn: string, sender: QueueSender): PolicyDocument {
    return policyDocument(sendStatement(queueArn, sender));
}
