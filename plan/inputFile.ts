// Files the plan reads (stack and project files, saved plans, account lists, policy pack
// config) come from whoever wrote the pull request: read only regular files, only up to a
// size, and show nothing from them that a terminal or a review would act on.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, Stats } from "node:fs";
import { encodingProblem } from "./stackFileChecks";
import { escapedChar } from "../src/facts";

/** A stack, project or saved plan file that cannot be read or parsed: bad input, exit code 2. */
export class InputFileError extends Error {}

/** Stack and project files. The largest stack the documented limits allow (100 accounts, 500 VPC IDs, 50 tags each) is under 1 MB of YAML. */
export const MAX_YAML_FILE_BYTES = 4 * 1024 * 1024;

/** Saved plans, account lists, policy pack config. The plan of a 5,000-member organisation saves as 13.9 MB of JSON. */
export const MAX_JSON_FILE_BYTES = 32 * 1024 * 1024;

/** Nesting of YAML and of saved plans: stack files need 6 levels; the deepest saved plan (an organisation's StackSet template, JSON text inside it, counted) 15. */
export const MAX_NESTING = 32;

/** Echoed file content is cut here: enough to recognise, too little to flood a log or a comment. */
const MAX_SHOWN = 200;

/** Printable ASCII but the backtick, which makes Markdown's code fences. */
const SAFE = /[\x20-\x5f\x61-\x7e]/;

/**
 * Text from a file (or a file name) as it may be shown: every character outside SAFE as
 * `\uXXXX`, at most MAX_SHOWN characters (an escape is never cut), then `...`.
 */
export function shown(text: string, max = MAX_SHOWN): string {
    let out = "";
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        const piece = SAFE.test(c) ? c : escapedChar(c);
        if (out.length + piece.length > max) return `${out}...`;
        out += piece;
    }
    return out;
}

/** Control and format characters (ESC, line breaks, bidi overrides): a terminal or a review acts on them. */
export const CONTROL = /[\p{Cc}\p{Cf}]/u;
const CONTROLS = new RegExp(CONTROL.source, "gu");

/**
 * Text for a terminal, whole lines kept: every control or format character but the line break
 * as `\uXXXX`, so that what a file or the policy pack echoes cannot move the cursor, recolour
 * the screen or reorder the lines around it.
 */
export function withoutControls(text: string): string {
    return text.replace(CONTROLS, (c) => (c === "\n" ? c : escapedChar(c)));
}

/**
 * shown(), then inert in Markdown: every character that could open HTML (`<`, `&`), a link
 * or image (`[`, `]`), an @-mention or a table cell (`|`), and the backslash of Markdown's
 * escapes, as a character reference, which GitHub shows as the character itself; shown()
 * already made backticks (code spans) and line breaks `\uXXXX`. For text outside code spans
 * (inside them references are not read: use shown(), `|` as `\|`).
 */
export function shownInMarkdown(text: string, max = MAX_SHOWN): string {
    return shown(text, max).replace(/[&<>[\]@|\\]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function kindOf(stat: Stats): string {
    if (stat.isDirectory()) return "a directory";
    if (stat.isFIFO()) return "a named pipe";
    if (stat.isSocket()) return "a socket";
    if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
    return "not a regular file";
}

const notRegular = (file: string, stat: Stats) =>
    new InputFileError(`${shown(file)} is ${kindOf(stat)}: only regular files are read (a symlink may point to one)`);
const tooBig = (file: string, maxBytes: number) =>
    new InputFileError(`${shown(file)} is larger than ${maxBytes / 1024 / 1024} MiB, more than any valid file of its kind; refused unread`);

const errorCode = (err: unknown) => (err as NodeJS.ErrnoException).code ?? String(err);

/**
 * A regular file's text, at most `maxBytes`. Anything else (a FIFO, a device such as
 * /dev/zero, a directory, a symlink to one of them) is refused before it is opened, so that
 * nothing blocks or streams without end; the open itself does not block either, and the
 * opened file is checked again, in case it was swapped in between.
 */
export function readInputFile(file: string, maxBytes: number): string {
    let fd: number;
    try {
        const stat = statSync(file);
        if (!stat.isFile()) throw notRegular(file, stat);
        fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (err) {
        if (err instanceof InputFileError) throw err;
        throw new InputFileError(`cannot read ${shown(file)}: ${errorCode(err)}`);
    }
    try {
        const stat = fstatSync(fd);
        if (!stat.isFile()) throw notRegular(file, stat);
        if (stat.size > maxBytes) throw tooBig(file, maxBytes);
        // Read to the end, not to the size: files such as those in /proc report size 0, others grow.
        const chunks: Buffer[] = [];
        let total = 0;
        for (;;) {
            const chunk = Buffer.allocUnsafe(64 * 1024);
            const n = readSync(fd, chunk, 0, chunk.length, null);
            if (n === 0) break;
            total += n;
            if (total > maxBytes) throw tooBig(file, maxBytes);
            chunks.push(chunk.subarray(0, n));
        }
        const bytes = Buffer.concat(chunks, total);
        const problem = encodingProblem(bytes);
        if (problem !== undefined) throw new InputFileError(`${shown(file)} ${problem}`);
        return bytes.toString("utf8");
    } catch (err) {
        if (err instanceof InputFileError) throw err;
        throw new InputFileError(`cannot read ${shown(file)}: ${errorCode(err)}`);
    } finally {
        closeSync(fd);
    }
}
