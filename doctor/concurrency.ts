// Checking hundreds of accounts one after another takes too long, and all at once trips
// the clouds' rate limits: a fixed number of workers take accounts in turn.

/** `work` on every item, at most `limit` at a time; results in the items' order. `work` must not throw. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>, onDone: (done: number) => void): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    let done = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await work(items[i]);
            onDone(++done);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

/**
 * A counter rewritten in place on a terminal; nothing where stderr is a file or a pipe, so
 * that logs and CI output stay clean.
 */
export function progress(write: (text: string) => void, isTTY: boolean, total: number): { update: (done: number) => void; end: () => void } {
    if (!isTTY) return { update: () => {}, end: () => {} };
    return {
        update: (done) => write(`\rchecked ${done}/${total} accounts`),
        // Clears the counter's line, so the report starts on a clean one.
        end: () => write("\r\x1b[2K"),
    };
}

/** The first call runs `make`; every call gets its promise, so that a shared look-up is made once. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
    let made: Promise<T> | undefined;
    return () => (made ??= make());
}
