// What a CloudWatch Logs subscription filter hands its function: `awslogs.data`, the batch as
// gzip-compressed JSON in base64 (CloudWatch Logs user guide, "Subscription filters with AWS
// Lambda"). A batch is read whole or refused whole: a refused batch fails the invocation,
// which Lambda retries and then parks in the dead-letter queue, so no event is dropped unseen.
import { gunzipSync } from "node:zlib";

export interface LogEvent {
    readonly id: string;
    readonly timestamp: number;
    readonly message: string;
}

export interface LogBatch {
    /** `DATA_MESSAGE`, or `CONTROL_MESSAGE`: CloudWatch Logs checking that the destination is reachable. */
    readonly messageType: "DATA_MESSAGE" | "CONTROL_MESSAGE";
    readonly logGroup: string;
    readonly logStream: string;
    readonly logEvents: readonly LogEvent[];
}

/**
 * The most a batch may grow to once decompressed. CloudWatch Logs sends at most about 1 MB
 * compressed, and logs compress some 10 to 20 times; a batch beyond this is no batch of
 * CloudWatch's (a gzip bomb) and would exhaust the function's memory.
 */
export const MAX_BATCH_BYTES = 64 * 1024 * 1024;

const refuse = (why: string): never => {
    throw new Error(`Refused a CloudWatch Logs batch: ${why}`);
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function logEventOf(value: unknown, index: number): LogEvent {
    if (!isRecord(value)) return refuse(`logEvents[${index}] is not an object`);
    const { id, timestamp, message } = value;
    if (typeof id !== "string" || typeof message !== "string") return refuse(`logEvents[${index}] lacks a text id or message`);
    if (typeof timestamp !== "number" || !Number.isFinite(new Date(timestamp).getTime())) return refuse(`logEvents[${index}] has no valid timestamp`);
    return { id, timestamp, message };
}

/** The batch of a subscription filter's invocation, or an error saying what is wrong with it. */
export function readBatch(event: unknown, maxBytes = MAX_BATCH_BYTES): LogBatch {
    const data = isRecord(event) && isRecord(event.awslogs) ? event.awslogs.data : undefined;
    if (typeof data !== "string") return refuse("the event has no awslogs.data text");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return refuse("awslogs.data is not base64");
    let json: string;
    try {
        json = gunzipSync(Buffer.from(data, "base64"), { maxOutputLength: maxBytes }).toString("utf8");
    } catch (error) {
        const tooBig = (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
        return refuse(tooBig ? `it decompresses to more than ${maxBytes} bytes` : "awslogs.data is not gzip");
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(json);
    } catch {
        return refuse("it is not JSON");
    }
    if (!isRecord(parsed)) return refuse("it is not a JSON object");
    const { messageType, logGroup, logStream, logEvents } = parsed;
    if (messageType !== "DATA_MESSAGE" && messageType !== "CONTROL_MESSAGE") return refuse("its messageType is neither DATA_MESSAGE nor CONTROL_MESSAGE");
    if (typeof logGroup !== "string" || typeof logStream !== "string") return refuse("it lacks logGroup or logStream");
    if (!Array.isArray(logEvents)) return refuse("its logEvents is not a list");
    return { messageType, logGroup, logStream, logEvents: logEvents.map(logEventOf) };
}
