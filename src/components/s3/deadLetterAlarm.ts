// The alarm that makes a dead-letter queue impossible to miss: Sentinel never reads that
// queue, so a notification parked there is a log Sentinel will not ingest until someone
// moves it back.
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import type * as sqs from "@pulumi/aws/sqs";
import type { Tags } from "../../config/types";
import { DEAD_LETTER_ALARM_PERIOD_SECONDS, QUEUE_MAX_RECEIVES } from "../../s3Facts";

export interface DeadLetterAlarmArgs {
    readonly deadLetters: sqs.Queue;
    /** An SNS topic to notify when the alarm fires and when it clears. */
    readonly topicArn?: string;
    readonly tags: Tags;
}

/**
 * In alarm as soon as one message is in the dead-letter queue (the SQS developer guide's
 * dead-letter alarm), with the command that moves the messages back to the queue they came
 * from in its description, which SNS sends along.
 */
export function deadLetterAlarm(name: string, args: DeadLetterAlarmArgs, opts: pulumi.CustomResourceOptions): cloudwatch.MetricAlarm {
    const actions = args.topicArn === undefined ? [] : [args.topicArn];
    return new cloudwatch.MetricAlarm(
        name,
        {
            alarmDescription: pulumi.interpolate`Sentinel failed ${QUEUE_MAX_RECEIVES} times on notifications of new logs, now in ${args.deadLetters.name}; it does not read that queue. Fix the cause (SentinelHealth in the workspace), then move them back within their 14 days: aws sqs start-message-move-task --source-arn ${args.deadLetters.arn}`,
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: { QueueName: args.deadLetters.name },
            statistic: "Maximum",
            period: DEAD_LETTER_ALARM_PERIOD_SECONDS,
            evaluationPeriods: 1,
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            // SQS stops publishing the metrics of a queue idle for six hours: an empty queue, not a problem.
            treatMissingData: "notBreaching",
            alarmActions: actions,
            okActions: actions,
            tags: args.tags,
        },
        opts,
    );
}
