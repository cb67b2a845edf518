// Every cloud call of the doctor is bounded: a deadline per request that covers the body, a
// size cap per answer, Retry-After honoured only up to a cap, and one deadline for the whole
// run (`--timeout`). An endpoint that stalls, drips, streams without end or asks for a day's
// pause becomes a FAIL row naming it, and the report is still printed.
import { Transform, type Readable } from "node:stream";

export interface CallLimits {
    /** One request to AWS, ARM or the sign-in, headers and body. */
    readonly requestMs: number;
    /** One Log Analytics query, which the service itself may run for up to 3 minutes. */
    readonly queryMs: number;
    /** One answer's body. */
    readonly answerBytes: number;
    /** The longest Retry-After the doctor waits for; a longer one FAILs the check at once. */
    readonly retryAfterSeconds: number;
}

/**
 * - requestMs: 60 s, the AWS clients' request timeout before this change; IAM, STS, SQS,
 *   CloudWatch and ARM answer these reads in well under a second.
 * - queryMs: 3 min 10 s: Log Analytics' default server timeout is 3 minutes
 *   (learn.microsoft.com/azure/azure-monitor/logs/api/timeouts, read 2026-12), plus the transfer.
 * - answerBytes: 16 MiB. The largest answer is a workspace-wide query with one row per account
 *   (about 100 bytes each): 5,000 organisation members make 0.5 MB, so 16 MiB leaves a
 *   margin of 30 while keeping a hostile endpoint far from memory trouble.
 * - retryAfterSeconds: 60, the longest pause of the Azure SDK's own exponential retry
 *   (maxRetryDelayInMs 64 s, @azure/core-rest-pipeline 1.24); longer is not throttling but a refusal.
 */
export const CALL_LIMITS: CallLimits = { requestMs: 60_000, queryMs: 190_000, answerBytes: 16 * 1024 * 1024, retryAfterSeconds: 60 };

/**
 * The whole run's default deadline, in seconds: 10 minutes. At the default concurrency of 8 and
 * about 2 s per account (10 calls of ~200 ms), that checks some 2,400 accounts (an estimate);
 * larger organisations raise it with --timeout.
 */
export const DEFAULT_TIMEOUT_SECONDS = 600;
/** --timeout's range: 1 s to a day. */
export const TIMEOUT_RANGE = { min: 1, max: 86_400 } as const;

/** After the run's deadline, how long the aborted calls get to turn into rows before an account is reported unfinished. */
const SETTLE_MS = 5_000;

/** Error codes of a host that cannot be reached at all (DNS, routing, nobody listening). */
const UNREACHABLE = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN"]);

/** A call the doctor gave up on, or could not make: the endpoint, what happened and what to do. */
export class CloudCallError extends Error {
    override readonly name = "CloudCallError";
    constructor(
        readonly endpoint: string,
        readonly problem: string,
        readonly fix: string,
    ) {
        super(problem);
    }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** The seconds a 429 or 503 asks to wait (Retry-After as seconds or as a date, or Azure's -ms headers); undefined without one. */
export function retryAfterSeconds(status: number, header: (name: string) => string | undefined): number | undefined {
    if (status !== 429 && status !== 503) return undefined;
    for (const name of ["retry-after-ms", "x-ms-retry-after-ms"]) {
        const ms = Number(header(name));
        if (header(name) !== undefined && Number.isFinite(ms)) return ms / 1000;
    }
    const value = header("retry-after");
    if (value === undefined) return undefined;
    if (/^\s*\d+\s*$/.test(value)) return Number(value);
    const date = Date.parse(value);
    return Number.isFinite(date) ? Math.max(0, (date - Date.now()) / 1000) : undefined;
}

/** One attempt at one request: its own deadline, the run's, and the size cap of its answer. */
export class Attempt {
    private readonly controller = new AbortController();
    private readonly timer: NodeJS.Timeout;
    private why?: CloudCallError;
    private readonly onOuterAbort = () => this.stop(this.bounds.ranOut(this.endpoint));

    constructor(
        private readonly bounds: CallBounds,
        readonly endpoint: string,
        ms: number,
        private readonly outer: readonly (AbortSignal | undefined)[],
    ) {
        this.timer = setTimeout(
            () =>
                this.stop(
                    new CloudCallError(
                        endpoint,
                        `no complete answer from ${endpoint} within ${seconds(ms)}`,
                        `the endpoint stalled: check the network path to ${endpoint} (proxy, VPC endpoint), then run the doctor again`,
                    ),
                ),
            ms,
        );
        for (const signal of outer) {
            if (signal?.aborted) this.onOuterAbort();
            else signal?.addEventListener("abort", this.onOuterAbort, { once: true });
        }
    }

    /** Aborts when the request's deadline or the run's passes, or its answer grows too large. */
    get signal(): AbortSignal {
        return this.controller.signal;
    }

    private stop(why: CloudCallError): void {
        if (this.why !== undefined) return;
        this.why = why;
        this.controller.abort(why);
        this.done();
    }

    /** Clears the timers; the attempt is over. */
    done(): void {
        clearTimeout(this.timer);
        for (const signal of this.outer) signal?.removeEventListener("abort", this.onOuterAbort);
    }

    /** Counts `total` bytes of the answer so far; past the cap, the attempt is aborted and this throws. */
    received(total: number): void {
        if (total <= this.bounds.limits.answerBytes) return;
        const cap = `${this.bounds.limits.answerBytes / 1024 / 1024} MiB`;
        this.stop(
            new CloudCallError(
                this.endpoint,
                `the answer from ${this.endpoint} is larger than ${cap}, more than any answer to this question`,
                `check that ${this.endpoint} is the cloud's own endpoint (a proxy or a fake one may stand in between)`,
            ),
        );
        throw this.why;
    }

    /** The body of an answer, cut off at the size cap and at the deadline; the attempt ends with it. */
    body(stream: Readable): Readable {
        let total = 0;
        const limited = new Transform({
            transform: (chunk: Buffer, _encoding, callback) => {
                total += chunk.length;
                try {
                    this.received(total);
                    callback(null, chunk);
                } catch (err) {
                    callback(err as Error);
                }
            },
        });
        const abort = () => {
            stream.destroy();
            limited.destroy(this.why);
        };
        if (this.signal.aborted) abort();
        else this.signal.addEventListener("abort", abort, { once: true });
        stream.on("error", (err) => limited.destroy(this.why ?? err));
        limited.on("close", () => {
            this.signal.removeEventListener("abort", abort);
            this.done();
        });
        stream.pipe(limited);
        return limited;
    }

    /** Throws when a throttled answer asks for a longer pause than the doctor waits. */
    checkRetryAfter(status: number, header: (name: string) => string | undefined): void {
        const wait = retryAfterSeconds(status, header);
        const cap = this.bounds.limits.retryAfterSeconds;
        if (wait === undefined || wait <= cap) return;
        this.stop(
            new CloudCallError(
                this.endpoint,
                `${this.endpoint} answered ${status} and asked to be called again in ${Math.round(wait)} s (Retry-After), more than the ${cap} s the doctor waits`,
                "the service is refusing calls for now: run the doctor again later",
            ),
        );
        throw this.why;
    }

    /** What a failed attempt is reported as: the doctor's own reason, a host that cannot be reached, or the error itself. */
    explain(err: unknown): unknown {
        this.done();
        if (this.why !== undefined) return this.why;
        if (err instanceof CloudCallError) return err;
        const code = (err as { code?: unknown } | undefined)?.code;
        if (typeof code === "string" && UNREACHABLE.has(code)) {
            return new CloudCallError(
                this.endpoint,
                `cannot reach ${this.endpoint} (${code})`,
                `check the network path to ${this.endpoint} (DNS, proxy, firewall), then run the doctor again`,
            );
        }
        return err;
    }
}

/** The run's deadline and every call's limits. */
export class CallBounds {
    private readonly controller = new AbortController();
    private readonly timer: NodeJS.Timeout;

    constructor(
        readonly limits: CallLimits,
        readonly timeoutSeconds: number,
    ) {
        this.timer = setTimeout(() => this.controller.abort(), timeoutSeconds * 1000);
    }

    /** Aborts when the run's deadline passes. */
    get total(): AbortSignal {
        return this.controller.signal;
    }

    /** Ends the run's timer: the report is written. */
    stop(): void {
        clearTimeout(this.timer);
    }

    ranOut(endpoint: string): CloudCallError {
        return new CloudCallError(
            endpoint,
            `the doctor's --timeout of ${this.timeoutSeconds} s ran out before ${endpoint} answered`,
            "run the doctor again with a longer --timeout, or check fewer accounts at a time with a larger --concurrency",
        );
    }

    /** An attempt at a request to `endpoint`, bounded by `ms` (by default the request deadline), the run's deadline and `signals`. */
    attempt(endpoint: string, ms = this.limits.requestMs, ...signals: (AbortSignal | undefined)[]): Attempt {
        return new Attempt(this, endpoint, ms, [this.total, ...signals]);
    }

    /** `work`, or a CloudCallError naming `what` once the run's deadline passes: for waits outside any HTTP request of ours (credential chains). */
    within<T>(work: Promise<T>, what: string): Promise<T> {
        if (this.total.aborted) return Promise.reject(this.ranOut(what));
        return new Promise<T>((resolve, reject) => {
            const onAbort = () => reject(this.ranOut(what));
            this.total.addEventListener("abort", onAbort, { once: true });
            work.then(resolve, reject).finally(() => this.total.removeEventListener("abort", onAbort));
        });
    }

    /** Resolves with `late()` some seconds after the run's deadline: for work that did not end when its calls were aborted. */
    afterDeadline<T>(late: () => T): { promise: Promise<T>; cancel: () => void } {
        let timer: NodeJS.Timeout | undefined;
        const onAbort = (resolve: (value: T) => void) => () => {
            timer = setTimeout(() => resolve(late()), SETTLE_MS);
        };
        let listener: () => void = () => {};
        const promise = new Promise<T>((resolve) => {
            listener = onAbort(resolve);
            if (this.total.aborted) listener();
            else this.total.addEventListener("abort", listener, { once: true });
        });
        return {
            promise,
            cancel: () => {
                clearTimeout(timer);
                this.total.removeEventListener("abort", listener);
            },
        };
    }
}
