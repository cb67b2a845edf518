// Flags of the project's commands (`npm run plan`, `npm run doctor`): parsed strictly, and
// every mistake a UsageError, which the command reports with its usage and exit code 2.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { shown } from "./inputFile";

/** Bad arguments: the message, then the usage. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The flags' values; an unknown flag, a missing value or a stray argument is a UsageError, escaped. */
export function parseFlags<const T extends Options>(argv: readonly string[], options: T) {
    try {
        return parseArgs<{ args: string[]; options: T; strict: true }>({ args: [...argv], options, strict: true }).values;
    } catch (err) {
        throw new UsageError(shown((err as Error).message));
    }
}

/** Refuses an empty path, which would otherwise read as no option at all (`--config-file ""` planning dev). */
export function refuseEmptyPaths(values: Readonly<Record<string, unknown>>, flags: readonly string[]): void {
    for (const flag of flags) if (values[flag] === "") throw new UsageError(`--${flag}: the path is empty`);
}
