// A batch of CloudWatch Logs events as the object Sentinel reads: gzip-compressed CSV without
// a header, under the CloudWatch prefix, one object per batch.
import { gzipSync } from "node:zlib";
import { csvLine } from "./csv";
import type { LogBatch } from "./payload";

export interface CsvObject {
    readonly key: string;
    readonly body: Buffer;
    readonly events: number;
}

/** Letters, digits, `.`, `_` and `-` only: log group and stream names hold `/`, `#`, `[` and `$`, which would nest or need escaping in a key. */
const keySafe = (name: string): string => name.replace(/[^\w.-]/g, "_");

/**
 * The object of a batch, or nothing for a control message or an empty batch. The key is
 * `<prefix><yyyy>/<mm>/<dd>/<log group>/<log stream>/<first event ID>.gz`: the date of the first
 * event, and an ID CloudWatch Logs makes unique, so a retried invocation writes the same key
 * again instead of a second copy beside it.
 */
export function csvObjectOf(batch: LogBatch, prefix: string): CsvObject | undefined {
    const first = batch.logEvents[0];
    if (batch.messageType === "CONTROL_MESSAGE" || first === undefined) return undefined;
    const day = new Date(first.timestamp).toISOString().slice(0, 10).replace(/-/g, "/");
    const key = `${prefix}${day}/${keySafe(batch.logGroup)}/${keySafe(batch.logStream)}/${keySafe(first.id)}.gz`;
    const csv = batch.logEvents.map((e) => csvLine(e.timestamp, e.message)).join("");
    return { key, body: gzipSync(Buffer.from(csv, "utf8")), events: batch.logEvents.length };
}
