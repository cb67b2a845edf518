// Stack and project files as YAML, parsed in time linear in their size and refused (exit 2)
// where Pulumi's reader (Go's yaml.v3) and a reviewer could read them differently.
import { Alias, isAlias, isMap, isNode, isScalar, isSeq, LineCounter, Node, parseDocument, YAMLError } from "yaml";
import { InputFileError, MAX_NESTING, MAX_YAML_FILE_BYTES, readInputFile, shown } from "./inputFile";

/**
 * Anchors and aliases together. yaml finds an alias's anchor by scanning every anchor and
 * alias before it, a cost that grows with the square of their number; 2,000 lets each of the
 * at most 100 listed accounts use twenty.
 */
export const MAX_ANCHORS = 2000;

type Fail = (node: Node, message: string) => never;

/** What each of yaml's diagnostics means for a stack file; by default its own message. */
function explain(problem: YAMLError): string {
    if (problem.code === "TAG_RESOLVE_FAILED") {
        // yaml.v3 reads a value with a tag it does not know as if the tag were absent: `!secret x`
        // would be deployed as the plain text x. No tag has a meaning in a stack file.
        return `${shown(problem.message)}: Pulumi ignores YAML tags in stack files and would read the value without it; remove the tag`;
    }
    if (problem.code === "RESOURCE_EXHAUSTION") return `nested too deeply (at most ${MAX_NESTING} levels)`;
    return shown(problem.message);
}

/**
 * Every mapping's keys are plain values, each at most once, and nothing nests deeper than
 * MAX_NESTING: one pass, a Set per mapping. (yaml's own duplicate check compares every pair
 * of keys, which took 19 s for a mapping of 50,000.) Keys are compared as they become object
 * keys, so `1` and `"1"` are duplicates, as are `~` and `""`. Returns the nodes with anchors
 * and the aliases, which are not followed: they point to nodes checked where they stand.
 */
function checkStructure(root: unknown, fail: Fail): { anchored: Node[]; aliases: Alias[] } {
    const anchored: Node[] = [];
    const aliases: Alias[] = [];
    const track = (node: Node) => {
        if (isAlias(node)) aliases.push(node);
        else if (node.anchor) anchored.push(node);
        if (anchored.length + aliases.length > MAX_ANCHORS) fail(node, `more than ${MAX_ANCHORS} anchors and aliases`);
    };
    const pending: [node: unknown, depth: number][] = [[root, 1]];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
        const [node, depth] = next;
        if (isNode(node)) track(node);
        if (!isMap(node) && !isSeq(node)) continue;
        if (depth > MAX_NESTING) fail(node, `nested too deeply (at most ${MAX_NESTING} levels)`);
        if (isSeq(node)) {
            for (const item of node.items) pending.push([item, depth + 1]);
            continue;
        }
        const seen = new Set<string>();
        for (const { key, value } of node.items) {
            if (!isScalar(key)) fail(key as Node, "a mapping key must be a plain value, not a list, a mapping or an alias");
            const name = key.value === null ? "" : String(key.value);
            if (seen.has(name)) fail(key, `duplicate key ${shown(name)}`);
            seen.add(name);
            track(key);
            pending.push([value, depth + 1]);
        }
    }
    return { anchored, aliases };
}

/**
 * Each alias names an anchor set before it, outside the value it anchors: an alias inside its
 * own anchor's value makes a value that contains itself, which yaml.v3 refuses and JSON
 * cannot hold. Anchors may be set again; an alias names the latest.
 */
function checkAliases({ anchored, aliases }: { anchored: Node[]; aliases: Alias[] }, fail: Fail): void {
    const start = (node: Node) => node.range?.[0] ?? 0;
    const events = [...anchored, ...aliases].sort((a, b) => start(a) - start(b));
    const latest = new Map<string, Node>();
    for (const node of events) {
        if (!isAlias(node)) {
            latest.set(node.anchor!, node);
            continue;
        }
        const target = latest.get(node.source);
        if (target === undefined) fail(node, `alias *${shown(node.source)} names no anchor set before it`);
        if ((target.range?.[2] ?? 0) > start(node)) fail(node, `alias *${shown(node.source)} stands inside the value it names`);
    }
}

/** A YAML file's one document as plain values; anything else is an InputFileError naming the file and line. */
export function readYamlFile(file: string): unknown {
    const text = readInputFile(file, MAX_YAML_FILE_BYTES);
    const lineCounter = new LineCounter();
    // Positions from the line counter; yaml's pretty errors would echo the source line raw.
    const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, lineCounter });
    const at = (offset: number) => {
        const { line, col } = lineCounter.linePos(offset);
        return `${shown(file)} is not valid YAML: line ${line}, column ${col}`;
    };
    // Warnings too: each is something two readers may take differently.
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem) throw new InputFileError(`${at(problem.pos[0])}: ${explain(problem)}`);
    // YAML 1.1 reads `yes`, `y`, `off` and `012` as true, true, false and 10; yaml.v3 reads them as YAML 1.2 does.
    const { version } = doc.directives.yaml;
    if (version !== "1.2")
        throw new InputFileError(
            `${shown(file)}: %YAML ${version} would make the plan read values differently from Pulumi, which reads YAML 1.2; remove the directive`,
        );
    const fail: Fail = (node, message) => {
        throw new InputFileError(`${at(node.range?.[0] ?? 0)}: ${message}`);
    };
    checkAliases(checkStructure(doc.contents, fail), fail);
    try {
        return doc.toJS();
    } catch (err) {
        // An alias bomb: yaml's limit on how often an alias is expanded.
        throw new InputFileError(`${shown(file)} is not valid YAML: ${shown((err as Error).message)}`);
    }
}
