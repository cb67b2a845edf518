// JSON input files (account lists, ESC values, pack config, saved plans, the doctor's outputs)
// read as strictly as stack files: no byte-order mark, each key at most once per object (JSON.parse
// silently keeps the last, which could hide a setting), no `__proto__` key (objects and
// schemas drop it silently), nesting capped. One linear pass over the text, without recursion,
// before JSON.parse builds the values.
//
// A library was looked for first: @humanwhocodes/momoa (ESLint's JSON parser) builds a full
// syntax tree, several times the file's size in memory for a 32 MiB file, and leaves
// duplicates to a rule run over it; jsonc-parser (VS Code's) descends recursively and accepts
// comments and trailing commas unless told not to; secure-json-parse refuses `__proto__` but
// not duplicates. The pass below is 80 lines, and JSON.parse still judges the syntax.
import { describe } from "../src/facts";
import { InputFileError, MAX_JSON_FILE_BYTES, MAX_NESTING, readInputFile, shown } from "./inputFile";

export interface JsonFileRules {
    /** `__proto__` is a key like any other (saved plans compare resource inputs of any name). */
    readonly allowProtoKey?: boolean;
    /** As JSON.parse's; an InputFileError it throws is the file's error. */
    readonly reviver?: (key: string, value: unknown) => unknown;
}

/** Line and column (1-based) of an offset, for messages. */
function position(text: string, offset: number): string {
    let line = 1;
    let start = 0;
    for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
        line++;
        start = i + 1;
    }
    return `line ${line}, column ${offset - start + 1}`;
}

/** The end of the string token that starts at `start` (its closing quote), or -1. */
function stringEnd(text: string, start: number): number {
    for (let i = start + 1; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c) i++;
        else if (c === 0x22) return i;
    }
    return -1;
}

/** Throws at the first duplicate key, `__proto__` key or nesting deeper than MAX_NESTING; leaves syntax to JSON.parse. */
function checkStructure(text: string, source: string, rules: JsonFileRules): void {
    const frames: { keys?: Set<string>; expectKey: boolean }[] = [];
    const refuse = (offset: number, why: string) => {
        throw new InputFileError(`${source}: ${position(text, offset)}: ${why}`);
    };
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"') {
            const end = stringEnd(text, i);
            if (end === -1) return;
            const top = frames[frames.length - 1];
            if (top?.keys !== undefined && top.expectKey) {
                let key: string;
                try {
                    key = JSON.parse(text.slice(i, end + 1)) as string;
                } catch {
                    return; // A bad escape: JSON.parse reports it.
                }
                if (key === "__proto__" && !rules.allowProtoKey)
                    refuse(i, `the key "__proto__" is refused: objects drop it silently, so it would be read as absent`);
                if (top.keys.has(key)) refuse(i, `duplicate key ${describe(key)}: JSON readers keep one of them silently, so each key may appear once`);
                top.keys.add(key);
                top.expectKey = false;
            }
            i = end;
        } else if (c === "{" || c === "[") {
            if (frames.length >= MAX_NESTING) refuse(i, `nested deeper than ${MAX_NESTING} levels, more than any valid file of its kind`);
            frames.push(c === "{" ? { keys: new Set(), expectKey: true } : { expectKey: false });
        } else if (c === "}" || c === "]") frames.pop();
        else if (c === ",") {
            const top = frames[frames.length - 1];
            if (top?.keys !== undefined) top.expectKey = true;
        }
    }
}

/**
 * A JSON file's value. `source` names it in messages (`--org-accounts: FILE`), `hint` says
 * how to write one (`write it with ...`). Every problem is an InputFileError: exit 2.
 */
export function readJsonFile(file: string, source: string, hint: string, rules: JsonFileRules = {}): unknown {
    const text = readInputFile(file, MAX_JSON_FILE_BYTES);
    if (text.startsWith("\uFEFF"))
        throw new InputFileError(
            `${source} starts with a byte-order mark (U+FEFF), which JSON does not allow (RFC 8259, section 8.1): save it as UTF-8 without one`,
        );
    checkStructure(text, source, rules);
    try {
        return JSON.parse(text, rules.reviver);
    } catch (err) {
        if (err instanceof InputFileError) throw err;
        throw new InputFileError(`${source} is not JSON (${hint}): ${shown((err as Error).message)}`);
    }
}
