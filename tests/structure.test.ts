// The project's parts, visible from the top level: the Pulumi program (index.ts, src/), the
// offline plan tool (plan/), the health check (doctor/) and the policy pack (policy/). The
// program depends on none of the others; the pack on nothing of the project; the plan tool
// not on the health check. Checked on every relative import of every source file.
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

/** The top-level folder a relative import of `file` lands in. */
function importedParts(file: string): string[] {
    const text = readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/(?:from\s+|import\s+|import\s*\(|require\s*\()\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
    return specifiers.map((spec) => path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep)[0]);
}

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

    it("has the Pulumi entry point use the program only", () => {
        expect(importedParts(path.join(ROOT, "index.ts"))).to.deep.equal(["src", "src"]);
    });
});
