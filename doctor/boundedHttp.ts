// The bounds of bounds.ts fitted to each SDK: a request handler for the AWS clients, pipeline
// policies and a credential wrapper for the Azure ones. Neither SDK bounds a response body
// or its size, and the Azure SDK waits for any Retry-After it is given.
import type { AdditionalPolicyConfig } from "@azure-rest/core-client";
import type { TokenCredential } from "@azure/identity";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { Readable } from "node:stream";
import type { CallBounds } from "./bounds";

type AwsRequest = Parameters<NodeHttpHandler["handle"]>[0];
type AwsOptions = Parameters<NodeHttpHandler["handle"]>[1];

/** The AWS clients' HTTP: the SDK's own Node handler, each request bounded by `bounds`. */
export class BoundedAwsHandler {
    readonly metadata = { handlerProtocol: "http/1.1" };
    private readonly inner: NodeHttpHandler;

    constructor(private readonly bounds: CallBounds) {
        // Connecting is bounded on its own; the attempt's deadline covers the rest, body included.
        this.inner = new NodeHttpHandler({ connectionTimeout: 10_000, requestTimeout: bounds.limits.requestMs, throwOnRequestTimeout: true });
    }

    async handle(request: AwsRequest, options: AwsOptions = {}): ReturnType<NodeHttpHandler["handle"]> {
        const endpoint = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""}`;
        const attempt = this.bounds.attempt(endpoint, undefined, options.abortSignal as AbortSignal | undefined);
        try {
            const { response } = await this.inner.handle(request, { ...options, abortSignal: attempt.signal });
            const header = (name: string) => Object.entries(response.headers).find(([k]) => k.toLowerCase() === name)?.[1];
            try {
                attempt.checkRetryAfter(response.statusCode, header);
            } catch (err) {
                (response.body as Readable).destroy();
                throw err;
            }
            response.body = attempt.body(response.body as Readable);
            return { response };
        } catch (err) {
            throw attempt.explain(err);
        }
    }

    updateHttpClientConfig(...args: Parameters<NodeHttpHandler["updateHttpClientConfig"]>): void {
        this.inner.updateHttpClientConfig(...args);
    }

    httpHandlerConfigs(): ReturnType<NodeHttpHandler["httpHandlerConfigs"]> {
        return this.inner.httpHandlerConfigs();
    }

    destroy(): void {
        this.inner.destroy();
    }
}

/** Every AWS client's HTTP options. */
export const awsHttp = (bounds: CallBounds) => ({ requestHandler: new BoundedAwsHandler(bounds) });

/**
 * Pipeline policies for an Azure client: the run's deadline on the whole call (its retries and
 * their pauses included), and each attempt bounded in time, size and Retry-After. `ms` is the
 * attempt's deadline.
 */
export function azurePolicies(bounds: CallBounds, ms: number): AdditionalPolicyConfig[] {
    return [
        {
            position: "perCall",
            policy: {
                name: "doctorRunDeadline",
                sendRequest: (request, next) => {
                    const own = request.abortSignal as AbortSignal | undefined;
                    request.abortSignal = own === undefined ? bounds.total : AbortSignal.any([own, bounds.total]);
                    return next(request);
                },
            },
        },
        {
            position: "perRetry",
            policy: {
                name: "doctorAttemptBounds",
                sendRequest: async (request, next) => {
                    const endpoint = new URL(request.url).origin;
                    const outer = request.abortSignal;
                    const attempt = bounds.attempt(endpoint, ms, outer as AbortSignal | undefined);
                    request.abortSignal = attempt.signal;
                    request.onDownloadProgress = ({ loadedBytes }) => attempt.received(loadedBytes);
                    try {
                        const response = await next(request);
                        attempt.checkRetryAfter(response.status, (name) => response.headers.get(name));
                        return response;
                    } catch (err) {
                        throw attempt.explain(err);
                    } finally {
                        attempt.done();
                        request.abortSignal = outer;
                    }
                },
            },
        },
    ];
}

/** An Azure credential whose token requests end with the run's deadline, naming `what` they wait for. */
export function boundedCredential(credential: TokenCredential, bounds: CallBounds, what: string): TokenCredential {
    return {
        getToken: (scopes, options) => bounds.within(credential.getToken(scopes, { ...options, abortSignal: bounds.total }), what),
    };
}
