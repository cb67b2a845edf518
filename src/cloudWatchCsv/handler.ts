// The Lambda function a subscription filter invokes: one batch of CloudWatch Logs events in,
// one gzip CSV object under the CloudWatch prefix out. Bundled into one file of JavaScript
// (`bundle.ts`, by `npm run bundle-function`); it imports Node.js built-ins only.
import { csvObjectOf } from "./csvObject";
import { MAX_BATCH_BYTES, readBatch } from "./payload";
import { putObject, PutObject } from "./s3Put";

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

/** Lambda's entry: the bucket and prefix from the function's environment, the credentials and region Lambda sets. */
export const handler = (event: unknown): Promise<Outcome> => {
    const put = (key: string, body: Buffer): Promise<void> => {
        const request: PutObject = {
            bucket: required("BUCKET"),
            key,
            body,
            region: required("AWS_REGION"),
            credentials: {
                accessKeyId: required("AWS_ACCESS_KEY_ID"),
                secretAccessKey: required("AWS_SECRET_ACCESS_KEY"),
                sessionToken: process.env.AWS_SESSION_TOKEN,
            },
            now: new Date(),
        };
        return putObject(request);
    };
    return handlerWith(required("PREFIX"), put)(event);
};
