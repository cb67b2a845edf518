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
    /** What the messages are and how to move them back; by default, said of Sentinel's notifications. */
    readonly description?: pulumi.Input<string>;
    readonly tags: Tags;
}

/**
 * In alarm from the first occurrence in a period (one message parked, one error), notifying the
 * topic when it fires and when it clears. A metric not published (an idle queue or function)
 * is no problem.
 */
export const onFirstOccurrence = (topicArn: string | undefined) => {
    const actions = topicArn === undefined ? [] : [topicArn];
    return {
        period: DEAD_LETTER_ALARM_PERIOD_SECONDS,
        evaluationPeriods: 1,
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
        treatMissingData: "notBreaching",
        alarmActions: actions,
        okActions: actions,
    };
};

/**
 * In alarm as soon as one message is in the dead-letter queue (the SQS developer guide's
 * dead-letter alarm), with the command that moves the messages back to the queue they came
 * from in its description, which SNS sends along.
 */
export function deadLetterAlarm(name: string, args: DeadLetterAlarmArgs, opts: pulumi.CustomResourceOptions): cloudwatch.MetricAlarm {
    return new cloudwatch.MetricAlarm(
        name,
        {
            alarmDescription:
                args.description ??
                pulumi.interpolate`Sentinel failed ${QUEUE_MAX_RECEIVES} times on notifications of new logs, now in ${args.deadLetters.name}; it does not read that queue. Fix the cause (SentinelHealth in the workspace), then move them back within their 14 days: aws sqs start-message-move-task --source-arn ${args.deadLetters.arn}`,
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: { QueueName: args.deadLetters.name },
            statistic: "Maximum",
            // SQS stops publishing the metrics of a queue idle for six hours: an empty queue.
            ...onFirstOccurrence(args.topicArn),
            tags: args.tags,
        },
        opts,
    );
}
