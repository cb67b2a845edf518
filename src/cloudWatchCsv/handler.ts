// The Lambda function a subscription filter invokes: one batch of CloudWatch Logs events in,
// one gzip CSV object under the CloudWatch prefix out. Bundled into one file of JavaScript
// (`bundle.ts`, by `npm run bundle-function`) with `@aws-sdk/client-s3` left out: Lambda's
// Node.js runtimes include the AWS SDK for JavaScript v3 (Lambda developer guide, "Building
// Lambda functions with Node.js", Runtime-included SDK versions), so the function signs its
// requests with the SDK AWS maintains and ships none of it.
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { csvObjectOf } from "./csvObject";
import { MAX_BATCH_BYTES, readBatch } from "./payload";

export interface Outcome {
    /** The object written, if the batch held events. */
    readonly key?: string;
    readonly events: number;
}

/** A handler writing through `put`: the tests give their own; Lambda gets `handler` below. */
export const handlerWith =
    (prefix: string, put: (key: string, body: Buffer) => Promise<void>, maxBytes = MAX_BATCH_BYTES) =>
    async (event: unknown): Promise<Outcome> => {
        const object = csvObjectOf(readBatch(event, maxBytes), prefix);
        if (object === undefined) return { events: 0 };
        await put(object.key, object.body);
        return { key: object.key, events: object.events };
    };

const required = (name: string): string => {
    const value = process.env[name];
    if (value === undefined || value === "") throw new Error(`The function's environment lacks ${name}`);
    return value;
};

/** Made on the first invocation and kept for the next ones of the same execution environment; the SDK takes the region and credentials Lambda sets. */
let s3: S3Client | undefined;

/** Lambda's entry: the bucket and prefix from the function's environment. */
export const handler = (event: unknown): Promise<Outcome> => {
    const bucket = required("BUCKET");
    const client = (s3 ??= new S3Client({}));
    const put = async (key: string, body: Buffer): Promise<void> => {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    };
    return handlerWith(required("PREFIX"), put)(event);
};
