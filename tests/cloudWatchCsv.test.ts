// The CloudWatch Logs function (src/cloudWatchCsv/): payloads made here as CloudWatch Logs
// sends them, the CSV and object it writes, its Signature Version 4 against the AWS SDK's
// signer, and the bundle Lambda runs, held to the sources and run as Lambda would.
import { createHash, createHmac, Hash, Hmac } from "node:crypto";
import { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { SignatureV4 } from "@smithy/signature-v4";
import { expect } from "chai";
import { CLOUDWATCH_CSV_FUNCTION_JS } from "../src/cloudWatchCsv/bundle";
import { csvField } from "../src/cloudWatchCsv/csv";
import { handlerWith } from "../src/cloudWatchCsv/handler";
import { signPut } from "../src/cloudWatchCsv/s3Put";
import { BUNDLE_FILE, functionBundleText } from "../scripts/functionBundle";

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

/** SHA-256 and HMAC-SHA-256 as the SDK's signer takes them. */
class NodeSha256 {
    private readonly hash: Hash | Hmac;
    constructor(secret?: Uint8Array | string | ArrayBuffer | ArrayBufferView) {
        const key =
            secret === undefined || typeof secret === "string"
                ? secret
                : secret instanceof ArrayBuffer
                  ? Buffer.from(secret)
                  : Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength);
        this.hash = key === undefined ? createHash("sha256") : createHmac("sha256", key);
    }
    update(data: Uint8Array | string) {
        this.hash.update(data);
    }
    digest() {
        return Promise.resolve(new Uint8Array(this.hash.digest()));
    }
}

describe("the function's S3 PutObject signature", () => {
    it("is the AWS SDK's Signature Version 4 for the same request, session token and odd key characters included", async () => {
        const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "token/with+chars=" };
        const now = new Date(Date.UTC(2026, 11, 6, 9, 30, 5));
        const put = {
            bucket: "security-logs-82cc152",
            key: `${PREFIX}2026/12/06/a(b)!c*'d/1 2.gz`,
            body: Buffer.from("body"),
            region: "eu-west-1",
            credentials,
            now,
        };
        const ours = signPut(put);
        const signer = new SignatureV4({ credentials, region: "eu-west-1", service: "s3", sha256: NodeSha256, uriEscapePath: false, applyChecksum: true });
        const theirs = await signer.sign(
            {
                method: "PUT",
                protocol: "https:",
                hostname: ours.hostname,
                path: ours.path,
                query: {},
                headers: { host: ours.hostname, "x-amz-content-sha256": ours.headers["x-amz-content-sha256"]! },
                body: put.body,
            },
            { signingDate: now },
        );
        expect(ours.headers.authorization).to.equal(theirs.headers.authorization);
        expect(ours.path).to.equal("/AWSLogs/111122223333/CloudWatch/2026/12/06/a%28b%29%21c%2A%27d/1%202.gz");
    });
});

describe("the function's bundle", () => {
    it("is what npm run bundle-function makes of the sources now", async () => {
        expect(readFileSync(BUNDLE_FILE, "utf8"), "src/cloudWatchCsv/bundle.ts is stale: run npm run bundle-function").to.equal(await functionBundleText());
    });

    it("runs as Lambda runs it: requires Node.js built-ins only, and sends the signed PUT of the CSV to the bucket", async () => {
        const required: string[] = [];
        const sent: { options: { hostname: string; path: string; method: string; headers: Record<string, string> }; body?: Buffer }[] = [];
        const fakeHttps = {
            request: (options: (typeof sent)[0]["options"], answer: (res: EventEmitter & { statusCode: number; setEncoding: () => void }) => void) => {
                const req = Object.assign(new EventEmitter(), {
                    end: (body: Buffer) => {
                        sent.push({ options, body });
                        const res = Object.assign(new EventEmitter(), { statusCode: 200, setEncoding: () => undefined });
                        answer(res);
                        res.emit("end");
                    },
                });
                return req;
            },
        };
        const requireInLambda = (id: string): unknown => {
            required.push(id);
            return id === "node:https" ? fakeHttps : createRequire(__filename)(id);
        };
        const module = { exports: {} as { handler?: (event: unknown) => Promise<unknown> } };
        new Function("module", "exports", "require", CLOUDWATCH_CSV_FUNCTION_JS)(module, module.exports, requireInLambda);
        const env = {
            BUCKET: "security-logs-82cc152",
            PREFIX,
            AWS_REGION: "eu-west-1",
            AWS_ACCESS_KEY_ID: "AKID",
            AWS_SECRET_ACCESS_KEY: "secret",
            AWS_SESSION_TOKEN: "tok",
        };
        const saved = { ...process.env };
        Object.assign(process.env, env);
        try {
            await module.exports.handler!(invocation(batch([{ id: "5", timestamp: T0, message: "hello, world" }])));
        } finally {
            for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
            Object.assign(process.env, saved);
        }
        expect(
            required.every((id) => id.startsWith("node:")),
            required.join(", "),
        ).to.equal(true);
        expect(sent).to.have.length(1);
        const { options, body } = sent[0]!;
        expect(options.method).to.equal("PUT");
        expect(options.hostname).to.equal("security-logs-82cc152.s3.eu-west-1.amazonaws.com");
        expect(options.path).to.equal(`/${PREFIX}2026/12/06/_aws_lambda_payments/2026_12_06___LATEST_abc/5.gz`);
        expect(options.headers.authorization).to.match(
            /^AWS4-HMAC-SHA256 Credential=AKID\/20261206\/eu-west-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
        );
        expect(gunzipSync(body!).toString("utf8")).to.equal('2026-12-06T09:30:00.123Z,"hello, world"\n');
    });
});
