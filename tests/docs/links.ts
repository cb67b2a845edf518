// Relative links of a markdown page, and the anchors GitHub gives its headings.

export interface Link {
    /** The file linked, relative to the page; "" for a link within the page. */
    readonly target: string;
    readonly anchor?: string;
    /** 1-based. */
    readonly line: number;
}

/** The page's lines, with fenced code blocks and inline code blanked out: links and headings there are text. */
function proseLines(text: string): string[] {
    let fence: string | undefined;
    return text.split("\n").map((line) => {
        const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
        if (fence === undefined && open) {
            fence = open[1];
            return "";
        }
        if (fence !== undefined) {
            if (new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`).test(line)) fence = undefined;
            return "";
        }
        return line.replace(/(`+)[^`]*?\1/g, "");
    });
}

/** Every link that is not to another site (no scheme), e.g. `[x](plan.md#exit-codes)`. */
export function relativeLinks(text: string): Link[] {
    return proseLines(text).flatMap((line, i) =>
        [...line.matchAll(/\]\(([^)\s]+)\)/g)]
            .map((m) => m[1])
            .filter((href) => !/^[a-z][a-z0-9+.-]*:/i.test(href))
            .map((href) => {
                const [target, anchor] = href.split("#");
                return { target: decodeURIComponent(target), ...(anchor === undefined ? {} : { anchor }), line: i + 1 };
            }),
    );
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slug(heading: string): string {
    return heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "")
        .replace(/\s/g, "-");
}

/** The anchors of every heading of the page; a repeated one gets -1, -2… as on GitHub. */
export function anchorsOf(text: string): Set<string> {
    const anchors = new Set<string>();
    const raw = text.split("\n");
    proseLines(text).forEach((line, i) => {
        const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line.trim() === "" ? "" : raw[i]);
        if (!heading) return;
        const base = slug(heading[1].replace(/`/g, ""));
        let anchor = base;
        for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
        anchors.add(anchor);
    });
    return anchors;
}
