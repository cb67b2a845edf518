// The CloudWatch Logs function of an S3 account: batches it failed on every attempt wait in its
// dead-letter queue (those logs are not in the bucket, so Sentinel never sees them), and its
// errors of the last 24 hours (Lambda retried them; a recurring error fills that queue).
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { GetQueueAttributesCommand, QueueDoesNotExist, SQSClient } from "@aws-sdk/client-sqs";
import { shown } from "../plan/inputFile";
import { awsFailure } from "./errors";
import { QUEUE_URL } from "./outputs";
import { fail, Finding, ok, warn } from "./report";

export interface CloudWatchFunction {
    readonly functionName: string;
    readonly deadLetterQueueUrl: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const PARKED = "parked batches cloudWatch";
const ERRORS = "function errors cloudWatch";

export async function cloudWatchFunctionFindings(
    clients: { sqs: (region: string) => SQSClient; cloudWatch: (region: string) => CloudWatchClient },
    fn: CloudWatchFunction,
): Promise<Finding[]> {
    const [, region] = fn.deadLetterQueueUrl.match(QUEUE_URL)!;
    const logs = `its log group /aws/lambda/${fn.functionName} says why`;

    let parked: Finding;
    try {
        const { Attributes } = await clients
            .sqs(region)
            .send(new GetQueueAttributesCommand({ QueueUrl: fn.deadLetterQueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));
        const depth = Number(Attributes?.ApproximateNumberOfMessages ?? 0);
        parked =
            depth === 0
                ? ok(PARKED, "none")
                : fail(
                      PARKED,
                      `${depth} batches of CloudWatch Logs events the function ${fn.functionName} failed on: they are not in the bucket`,
                      `${logs}; once fixed, invoke the function with each message again (aws sqs receive-message --queue-url ${fn.deadLetterQueueUrl}; aws lambda invoke --function-name ${fn.functionName} --invocation-type Event --payload file://message.json)`,
                  );
    } catch (err) {
        parked =
            err instanceof QueueDoesNotExist
                ? fail(
                      PARKED,
                      `${shown(fn.deadLetterQueueUrl)} does not exist: batches the function fails on are lost`,
                      "run pulumi up: it recreates the queue",
                  )
                : awsFailure(PARKED, "sqs:GetQueueAttributes", err);
    }

    let errors: Finding;
    try {
        const end = new Date();
        const answer = await clients.cloudWatch(region).send(
            new GetMetricDataCommand({
                StartTime: new Date(end.getTime() - DAY_MS),
                EndTime: end,
                MetricDataQueries: [
                    {
                        Id: "errors",
                        MetricStat: {
                            Metric: { Namespace: "AWS/Lambda", MetricName: "Errors", Dimensions: [{ Name: "FunctionName", Value: fn.functionName }] },
                            Period: DAY_MS / 1000,
                            Stat: "Sum",
                        },
                    },
                ],
            }),
        );
        const total = (answer.MetricDataResults?.[0]?.Values ?? []).reduce((a, b) => a + b, 0);
        errors =
            total === 0 ? ok(ERRORS, "none in 24 h") : warn(ERRORS, `${total} failed invocations in 24 h; Lambda retries each twice before parking it`, logs);
    } catch (err) {
        errors = awsFailure(ERRORS, "cloudwatch:GetMetricData", err);
    }
    return [parked, errors];
}
