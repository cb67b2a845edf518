// The doc-test markers of a markdown page: every shell block (info string sh, bash, shell or
// console) is preceded, blank lines allowed between, by exactly one marker comment that says
// whether the doc test runs it (docs/development.md, "Tested docs").

export const SHELL_LANGUAGES: readonly string[] = ["sh", "bash", "shell", "console"];

export type Marker = { readonly kind: "run"; readonly exit: number; readonly contains?: string } | { readonly kind: "needs-cloud" };

export interface ShellBlock {
    /** 1-based line of the opening fence. */
    readonly line: number;
    readonly code: string;
    readonly marker: Marker;
}

export interface PageBlocks {
    readonly blocks: readonly ShellBlock[];
    /** Each names the file and line. */
    readonly problems: readonly string[];
}

const MARKER = /^\s*<!--\s*doc-test:(.*?)-->\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/;

/** `run exit=2 contains="no resource"` or `needs-cloud`; a string is what is wrong with it. */
export function parseMarker(text: string): Marker | string {
    const [kind, ...rest] = text.trim().split(/\s+(.*)/s);
    const options = (rest[0] ?? "").trim();
    if (kind === "needs-cloud") return options ? `needs-cloud takes no options, not ${JSON.stringify(options)}` : { kind };
    if (kind !== "run") return `the marker must say run or needs-cloud, not ${JSON.stringify(kind)}`;
    let exit = 0;
    let contains: string | undefined;
    const option = /\s*(?:exit=(\d+)|contains="([^"]*)")(?=\s|$)/y;
    let at = 0;
    while (at < options.length) {
        option.lastIndex = at;
        const m = option.exec(options);
        if (!m) return `unknown option in ${JSON.stringify(options.slice(at).trim())}: run takes exit=N and contains="text"`;
        if (m[1] !== undefined) exit = Number(m[1]);
        else if (m[2] === "") return "contains= needs a text";
        else contains = m[2];
        at = option.lastIndex;
        while (options[at] === " ") at++;
    }
    return { kind, exit, ...(contains === undefined ? {} : { contains }) };
}

/** The shell blocks of `text` (the markdown of `file`) with their markers, and every marker problem. */
export function shellBlocks(file: string, text: string): PageBlocks {
    const lines = text.split("\n");
    const blocks: ShellBlock[] = [];
    const problems: string[] = [];
    // Markers seen since the last block or text, by line; consumed by the next fence.
    let pending: { line: number; text: string }[] = [];
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        const marker = MARKER.exec(line);
        if (marker) {
            pending.push({ line: i + 1, text: marker[1] });
            continue;
        }
        const fence = FENCE.exec(line);
        if (!fence) {
            if (line.trim() !== "") {
                for (const p of pending) problems.push(`${file}:${p.line}: a doc-test marker must come right before a shell block`);
                pending = [];
            }
            continue;
        }
        const [open, lang] = [fence[1], fence[2].toLowerCase()];
        const close = new RegExp(`^ {0,3}${open[0] === "`" ? "`" : "~"}{${open.length},}\\s*$`);
        let end = i + 1;
        while (end < lines.length && !close.test(lines[end])) end++;
        const code = lines.slice(i + 1, end).join("\n");
        if (SHELL_LANGUAGES.includes(lang)) {
            if (pending.length === 0) problems.push(`${file}:${i + 1}: a ${lang} block without a doc-test marker (run or needs-cloud)`);
            else if (pending.length > 1)
                problems.push(
                    `${file}:${i + 1}: a ${lang} block with ${pending.length} doc-test markers (lines ${pending.map((p) => p.line).join(", ")}): give it one`,
                );
            else {
                const parsed = parseMarker(pending[0].text);
                if (typeof parsed === "string") problems.push(`${file}:${pending[0].line}: ${parsed}`);
                else blocks.push({ line: i + 1, code, marker: parsed });
            }
        } else {
            for (const p of pending)
                problems.push(
                    `${file}:${p.line}: a doc-test marker before a ${lang || "plain"} block, which is never run: only sh, bash, shell and console blocks take one`,
                );
        }
        pending = [];
        i = end;
    }
    for (const p of pending) problems.push(`${file}:${p.line}: a doc-test marker must come right before a shell block`);
    return { blocks, problems };
}
