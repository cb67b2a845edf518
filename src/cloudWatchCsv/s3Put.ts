// S3 PutObject signed with Signature Version 4 by hand (S3 API reference, "Authenticating
// Requests: Using the Authorization Header"), so that the function needs no AWS SDK: Node.js
// built-ins only, nothing to install or to keep up to date in the bundle.
import { createHash, createHmac } from "node:crypto";
import { request } from "node:https";

export interface Credentials {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    /** Set for the temporary credentials Lambda hands its function. */
    readonly sessionToken?: string;
}

export interface PutObject {
    readonly bucket: string;
    readonly key: string;
    readonly body: Buffer;
    readonly region: string;
    readonly credentials: Credentials;
    readonly now: Date;
}

export interface SignedRequest {
    readonly hostname: string;
    readonly path: string;
    readonly headers: Readonly<Record<string, string>>;
}

const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data).digest();

/** A key's path as S3 signs it: every byte but RFC 3986's unreserved characters percent-encoded, slashes kept. */
const encodeKey = (key: string): string =>
    key
        .split("/")
        .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
        .join("/");

/** The request's host, path and headers, with the Authorization header. Virtual-hosted style: the bucket names this program makes hold no periods. */
export function signPut(put: PutObject): SignedRequest {
    const hostname = `${put.bucket}.s3.${put.region}.amazonaws.com`;
    const path = `/${encodeKey(put.key)}`;
    const amzDate = put.now
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "");
    const day = amzDate.slice(0, 8);
    const signed: Record<string, string> = { host: hostname, "x-amz-content-sha256": sha256Hex(put.body), "x-amz-date": amzDate };
    if (put.credentials.sessionToken !== undefined) signed["x-amz-security-token"] = put.credentials.sessionToken;
    const names = Object.keys(signed).sort();
    const canonical = ["PUT", path, "", ...names.map((n) => `${n}:${signed[n]}`), "", names.join(";"), signed["x-amz-content-sha256"]].join("\n");
    const scope = `${day}/${put.region}/s3/aws4_request`;
    const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
    const key = hmac(hmac(hmac(hmac(`AWS4${put.credentials.secretAccessKey}`, day), put.region), "s3"), "aws4_request");
    const signature = createHmac("sha256", key).update(toSign).digest("hex");
    const authorization = `AWS4-HMAC-SHA256 Credential=${put.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
    return { hostname, path, headers: { ...signed, authorization, "content-length": String(put.body.length) } };
}

/** Sends the PUT; an answer other than 200 fails with S3's status and the start of its error document. */
export function putObject(put: PutObject): Promise<void> {
    const { hostname, path, headers } = signPut(put);
    return new Promise((resolve, reject) => {
        const req = request({ hostname, path, method: "PUT", headers }, (res) => {
            let answer = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => (answer = (answer + chunk).slice(0, 1000)));
            res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`S3 PutObject of ${put.key} answered ${res.statusCode}: ${answer}`))));
        });
        req.on("error", reject);
        req.end(put.body);
    });
}
