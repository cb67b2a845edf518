// One CloudWatch Logs event as a line of the CSV Sentinel reads for AWSCloudWatch: no header,
// the columns of Microsoft's sample function (Azure-Sentinel DataConnectors/AWS-S3/
// CloudWatchLambdaFunction.py): the event time in ISO 8601 UTC with milliseconds, then the
// message. Fields are quoted as RFC 4180 says, since a message may hold commas, quotes and
// line breaks (Microsoft's sample writes them unquoted, which splits such a message).

/** A field as it is, or in double quotes with its quotes doubled when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The line of one event: `2022-12-15T06:48:54.783Z,<message>`, ended by a line feed. */
export function csvLine(timestampMs: number, message: string): string {
    return `${new Date(timestampMs).toISOString()},${csvField(message)}\n`;
}
