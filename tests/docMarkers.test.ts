// The doc test's marker parser: what it accepts, and each problem named by file and line.
import { expect } from "chai";
import { parseMarker, shellBlocks } from "./docs/markers";
import { anchorsOf, relativeLinks } from "./docs/links";

const page = (...lines: string[]) => lines.join("\n");

describe("doc-test markers", () => {
    it("read a run block with its options, and a needs-cloud block, in order", () => {
        const { blocks, problems } = shellBlocks(
            "p.md",
            page(
                "# Title",
                "",
                '<!-- doc-test: run exit=2 contains="no resource was registered" -->',
                "",
                "```sh",
                "npm run -s plan -- --config-file bad.yaml",
                "```",
                "",
                "<!-- doc-test: needs-cloud -->",
                "```console",
                "pulumi up",
                "```",
            ),
        );
        expect(problems).to.deep.equal([]);
        expect(blocks).to.deep.equal([
            { line: 5, code: "npm run -s plan -- --config-file bad.yaml", marker: { kind: "run", exit: 2, contains: "no resource was registered" } },
            { line: 10, code: "pulumi up", marker: { kind: "needs-cloud" } },
        ]);
    });

    it("default to exit 0 and no text to look for", () => {
        expect(parseMarker(" run ")).to.deep.equal({ kind: "run", exit: 0 });
        expect(parseMarker('run contains="a b" exit=3')).to.deep.equal({ kind: "run", exit: 3, contains: "a b" });
    });

    it("name the file and line of a shell block without a marker, whatever its info string", () => {
        for (const lang of ["sh", "bash", "shell", "console", "Bash"]) {
            const { blocks, problems } = shellBlocks("docs/x.md", page("text", "", "```" + lang, "ls", "```"));
            expect(blocks).to.deep.equal([]);
            expect(problems).to.deep.equal([`docs/x.md:3: a ${lang.toLowerCase()} block without a doc-test marker (run or needs-cloud)`]);
        }
    });

    it("refuse two markers on one block", () => {
        const { problems } = shellBlocks("r.md", page("<!-- doc-test: run -->", "", "<!-- doc-test: needs-cloud -->", "```bash", "ls", "```"));
        expect(problems).to.deep.equal(["r.md:4: a bash block with 2 doc-test markers (lines 1, 3): give it one"]);
    });

    it("refuse a marker separated from its block by text, or before a block that is never run", () => {
        expect(shellBlocks("a.md", page("<!-- doc-test: run -->", "Some text.", "```sh", "ls", "```")).problems).to.deep.equal([
            "a.md:1: a doc-test marker must come right before a shell block",
            "a.md:3: a sh block without a doc-test marker (run or needs-cloud)",
        ]);
        expect(shellBlocks("b.md", page("<!-- doc-test: run -->", "```yaml", "a: 1", "```")).problems).to.deep.equal([
            "b.md:1: a doc-test marker before a yaml block, which is never run: only sh, bash, shell and console blocks take one",
        ]);
    });

    it("refuse unknown kinds and options", () => {
        expect(parseMarker("skip")).to.equal('the marker must say run or needs-cloud, not "skip"');
        expect(parseMarker("run exit=two")).to.match(/^unknown option in "exit=two"/);
        expect(parseMarker("run timeout=5")).to.match(/^unknown option in "timeout=5"/);
        expect(parseMarker('run contains=""')).to.equal("contains= needs a text");
        expect(parseMarker("needs-cloud exit=1")).to.equal('needs-cloud takes no options, not "exit=1"');
        expect(shellBlocks("c.md", page("<!-- doc-test: later -->", "```sh", "ls", "```")).problems).to.deep.equal([
            'c.md:1: the marker must say run or needs-cloud, not "later"',
        ]);
    });

    it("see no marker or block inside another block, and take a longer fence whole", () => {
        const { blocks, problems } = shellBlocks(
            "d.md",
            page("````markdown", "<!-- doc-test: run -->", "```sh", "rm -rf /", "```", "````", "", "<!-- doc-test: run -->", "~~~sh", "echo ok", "~~~"),
        );
        expect(problems).to.deep.equal([]);
        expect(blocks).to.deep.equal([{ line: 9, code: "echo ok", marker: { kind: "run", exit: 0 } }]);
    });
});

describe("doc links", () => {
    it("are the relative ones, outside code, with their anchors and lines", () => {
        const text = page("See [plan](plan.md#exit-codes) and [site](https://example.com).", "`[not](a.md)`", "```", "[no](b.md)", "```", "[here](#top)");
        expect(relativeLinks(text)).to.deep.equal([
            { target: "plan.md", anchor: "exit-codes", line: 1 },
            { target: "", anchor: "top", line: 6 },
        ]);
    });

    it("land on GitHub's anchors: lower case, punctuation and backticks dropped, repeats numbered", () => {
        const anchors = anchorsOf(
            page(
                "# Top",
                "## Setting keys with `pulumi config set`",
                "## From Python, Go, C#, Java or YAML: the package",
                "## Top",
                "```",
                "## not a heading",
                "```",
            ),
        );
        expect([...anchors]).to.deep.equal(["top", "setting-keys-with-pulumi-config-set", "from-python-go-c-java-or-yaml-the-package", "top-1"]);
    });
});
