// The project's parts, visible from the top level: the Pulumi program (index.ts, src/), the
// offline plan tool (plan/), the health check (doctor/) and the policy pack (policy/). The
// program depends on none of the others; the pack on nothing of the project; the plan tool
// not on the health check; and the tools (with scripts/) reach the program only through its
// doors, so that its insides can change. Checked on every relative import of every source file.
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";

const ROOT = path.resolve(__dirname, "..");
const PARTS = ["src", "plan", "doctor", "policy"] as const;
type Part = (typeof PARTS)[number];

/** What each part may import from the others. */
const MAY_IMPORT: Record<Part, readonly Part[]> = { src: [], policy: [], plan: ["src"], doctor: ["src", "plan"] };

function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const file = path.join(dir, name);
        if (name === "node_modules") return [];
        if (statSync(file).isDirectory()) return sources(file);
        return name.endsWith(".ts") ? [file] : [];
    });
}

/** Where each relative import of `file` lands, from the top level (`src/config/load`). */
function importedPaths(file: string): string[] {
    const text = readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/(?:from\s+|import\s+|import\s*\(|require\s*\()\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
    return specifiers.map((spec) =>
        path
            .relative(ROOT, path.resolve(path.dirname(file), spec))
            .split(path.sep)
            .join("/"),
    );
}

/** The top-level folder a relative import of `file` lands in. */
const importedParts = (file: string): string[] => importedPaths(file).map((target) => target.split("/")[0]);

/** The program's doors for the tools beside it: the library (src/index.ts) and the facts they share (src/facts.ts). */
const PROGRAM_DOORS: readonly string[] = ["src", "src/index", "src/index.ts", "src/facts", "src/facts.ts"];

describe("project structure", () => {
    for (const part of PARTS) {
        it(`${part}/ imports from no other part but ${MAY_IMPORT[part].join(", ") || "none"}`, () => {
            const files = sources(path.join(ROOT, part));
            expect(files.length).to.be.greaterThan(3);
            const foreign = files.flatMap((file) =>
                importedParts(file)
                    .filter((target) => target !== part && (PARTS as readonly string[]).includes(target) && !MAY_IMPORT[part].includes(target as Part))
                    .map((target) => `${path.relative(ROOT, file)} -> ${target}/`),
            );
            expect(foreign).to.deep.equal([]);
        });
    }

    it("has plan/, doctor/ and scripts/ come into the program only through src/index.ts and src/facts.ts", () => {
        const files = ["plan", "doctor", "scripts"].flatMap((dir) => sources(path.join(ROOT, dir)));
        const internal = files.flatMap((file) =>
            importedPaths(file)
                .filter((target) => target.split("/")[0] === "src" && !PROGRAM_DOORS.includes(target))
                .map((target) => `${path.relative(ROOT, file)} -> ${target}`),
        );
        expect(internal).to.deep.equal([]);
    });

    it("has the Pulumi entry point use the program only", () => {
        expect([...new Set(importedParts(path.join(ROOT, "index.ts")))]).to.deep.equal(["src"]);
    });
});
