// The CloudWatch Logs function (src/cloudWatchCsv/): payloads made here as CloudWatch Logs
// sends them, the CSV and object it writes, and the bundle Lambda runs, held to the sources and
// run as Lambda would, with the runtime's S3 client stood in for.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import type { PutObjectCommandInput } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { CLOUDWATCH_CSV_FUNCTION_JS } from "../src/cloudWatchCsv/bundle";
import { csvField } from "../src/cloudWatchCsv/csv";
import { handlerWith } from "../src/cloudWatchCsv/handler";
import { BUNDLE_FILE, functionBundleText, RUNTIME_PROVIDED_SDK } from "../scripts/functionBundle";

const PREFIX = "AWSLogs/111122223333/CloudWatch/";
const T0 = Date.UTC(2026, 11, 6, 9, 30, 0, 123);

interface Batch {
    messageType: string;
    logGroup: string;
    logStream: string;
    logEvents: unknown[];
}
const batch = (events: { id: string; timestamp: number; message?: string }[], extra: Partial<Batch> = {}): Batch => ({
    messageType: "DATA_MESSAGE",
    logGroup: "/aws/lambda/payments",
    logStream: "2026/12/06/[$LATEST]abc",
    logEvents: events,
    ...extra,
});
/** The event a subscription filter invokes its function with. */
const invocation = (payload: unknown) => ({ awslogs: { data: gzipSync(Buffer.from(JSON.stringify(payload))).toString("base64") } });

/** The handler with a recording S3. */
function recorded(maxBytes?: number) {
    const puts: { key: string; csv: string }[] = [];
    const handle = handlerWith(PREFIX, async (key, body) => void puts.push({ key, csv: gunzipSync(body).toString("utf8") }), maxBytes);
    return { puts, handle };
}

describe("the CloudWatch Logs function", () => {
    it("writes a batch of several events as one gzip CSV object without a header, one line per event, in order", async () => {
        const { puts, handle } = recorded();
        const events = [
            { id: "37", timestamp: T0, message: "started" },
            { id: "38", timestamp: T0 + 1, message: "charged 12 EUR" },
            { id: "39", timestamp: T0 + 2000, message: "done" },
        ];
        const outcome = await handle(invocation(batch(events)));
        expect(outcome).to.deep.equal({ key: `${PREFIX}2026/12/06/_aws_lambda_payments/2026_12_06___LATEST_abc/37.gz`, events: 3 });
        expect(puts).to.have.length(1);
        expect(puts[0]!.csv).to.equal("2026-12-06T09:30:00.123Z,started\n2026-12-06T09:30:00.124Z,charged 12 EUR\n2026-12-06T09:30:02.123Z,done\n");
    });

    it("quotes a message holding commas, quotes or line breaks, doubling its quotes (RFC 4180)", async () => {
        const { puts, handle } = recorded();
        await handle(invocation(batch([{ id: "1", timestamp: T0, message: 'a,b "c"\nd\r\ne' }])));
        expect(puts[0]!.csv).to.equal('2026-12-06T09:30:00.123Z,"a,b ""c""\nd\r\ne"\n');
        expect(csvField("plain text")).to.equal("plain text");
    });

    it("writes nothing for CloudWatch Logs' control message, and does not fail on it", async () => {
        const { puts, handle } = recorded();
        const control = batch([{ id: "1", timestamp: T0, message: "CWL CONTROL MESSAGE: Checking health of destination Lambda." }], {
            messageType: "CONTROL_MESSAGE",
            logGroup: "",
            logStream: "",
        });
        expect(await handle(invocation(control))).to.deep.equal({ events: 0 });
        expect(puts).to.deep.equal([]);
    });

    it("writes the same key when a batch is retried, instead of a second copy", async () => {
        const { puts, handle } = recorded();
        const event = invocation(batch([{ id: "99", timestamp: T0, message: "x" }]));
        await handle(event);
        await handle(event);
        expect(puts[0]!.key).to.equal(puts[1]!.key);
    });

    const refusals: [string, unknown, RegExp][] = [
        ["an event without awslogs.data", { Records: [] }, /no awslogs.data/],
        ["data that is not base64", { awslogs: { data: "not base64!" } }, /not base64/],
        ["data that is not gzip", { awslogs: { data: Buffer.from("plain").toString("base64") } }, /not gzip/],
        ["gzip that is not JSON", { awslogs: { data: gzipSync(Buffer.from("{oops")).toString("base64") } }, /not JSON/],
        ["an unknown message type", invocation(batch([], { messageType: "OTHER" })), /messageType/],
        ["an event without a message", invocation(batch([{ id: "1", timestamp: T0 }])), /logEvents\[0\] lacks/],
        ["an event with a timestamp beyond dates", invocation(batch([{ id: "1", timestamp: 1e20, message: "x" }])), /logEvents\[0\] has no valid timestamp/],
    ];
    for (const [what, event, message] of refusals) {
        it(`fails the invocation on ${what}, so that Lambda retries it and then parks it in the dead-letter queue`, async () => {
            const { puts, handle } = recorded();
            let error: unknown;
            await handle(event).catch((e: unknown) => (error = e));
            expect(String(error)).to.match(message);
            expect(puts).to.deep.equal([]);
        });
    }

    it("refuses a batch that decompresses beyond its limit (a gzip bomb), naming the limit", async () => {
        const { puts, handle } = recorded(1000);
        let error: unknown;
        await handle(invocation(batch([{ id: "1", timestamp: T0, message: "x".repeat(5000) }]))).catch((e: unknown) => (error = e));
        expect(String(error)).to.include("more than 1000 bytes");
        expect(puts).to.deep.equal([]);
    });
});

describe("the function's bundle", () => {
    it("is what npm run bundle-function makes of the sources now", async () => {
        expect(readFileSync(BUNDLE_FILE, "utf8"), "src/cloudWatchCsv/bundle.ts is stale: run npm run bundle-function").to.equal(await functionBundleText());
    });

    it("runs as Lambda runs it: requires Node.js built-ins and the runtime's S3 client only, and puts the CSV in the bucket through it", async () => {
        const required: string[] = [];
        const clients: { config: unknown; sent: PutObjectCommandInput[] }[] = [];
        /** The runtime's `@aws-sdk/client-s3`, as far as the function uses it. */
        const runtimeS3 = {
            PutObjectCommand: class {
                constructor(readonly input: PutObjectCommandInput) {}
            },
            S3Client: class {
                private readonly sent: PutObjectCommandInput[] = [];
                constructor(config: unknown) {
                    clients.push({ config, sent: this.sent });
                }
                send(command: { input: PutObjectCommandInput }) {
                    this.sent.push(command.input);
                    return Promise.resolve({ $metadata: { httpStatusCode: 200 } });
                }
            },
        };
        const requireInLambda = (id: string): unknown => {
            required.push(id);
            return id === RUNTIME_PROVIDED_SDK ? runtimeS3 : createRequire(__filename)(id);
        };
        const module = { exports: {} as { handler?: (event: unknown) => Promise<unknown> } };
        new Function("module", "exports", "require", CLOUDWATCH_CSV_FUNCTION_JS)(module, module.exports, requireInLambda);
        const env = { BUCKET: "security-logs-82cc152", PREFIX };
        const saved = { ...process.env };
        Object.assign(process.env, env);
        try {
            await module.exports.handler!(invocation(batch([{ id: "5", timestamp: T0, message: "hello, world" }])));
            await module.exports.handler!(invocation(batch([{ id: "6", timestamp: T0, message: "again" }])));
        } finally {
            for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
            Object.assign(process.env, saved);
        }
        expect(
            required.every((id) => id.startsWith("node:") || id === RUNTIME_PROVIDED_SDK),
            required.join(", "),
        ).to.equal(true);
        expect(clients, "one client for the execution environment, taking region and credentials from Lambda's").to.deep.equal([
            { config: {}, sent: clients[0]!.sent },
        ]);
        const [first, second] = clients[0]!.sent;
        expect(first!.Bucket).to.equal("security-logs-82cc152");
        expect(first!.Key).to.equal(`${PREFIX}2026/12/06/_aws_lambda_payments/2026_12_06___LATEST_abc/5.gz`);
        expect(gunzipSync(first!.Body as Buffer).toString("utf8")).to.equal('2026-12-06T09:30:00.123Z,"hello, world"\n');
        expect(second!.Key).to.match(/\/6\.gz$/);
    });

    it("holds none of the AWS SDK: the runtime provides it", () => {
        expect(CLOUDWATCH_CSV_FUNCTION_JS).to.include(`require("${RUNTIME_PROVIDED_SDK}")`);
        expect(CLOUDWATCH_CSV_FUNCTION_JS).not.to.match(/SignatureV4|@smithy\//);
        expect(CLOUDWATCH_CSV_FUNCTION_JS.length).to.be.below(10_000);
    });
});
