// Runs the TypeScript sources as Node requires them: esbuild strips the types file by file,
// with no type-check (that is `npm test`'s job). Used by `pulumi up` (Pulumi.yaml
// nodeargs), `npm run plan`, the doctor, the benchmark and the tests.
//
// Each file's JavaScript is kept in node_modules/.cache/typescript-loader/, named by a hash
// of esbuild's version, the options and the source, so a process whose files have not
// changed since an earlier run skips esbuild: `npm run plan` then takes about a fifth less
// CPU (docs/development.md). `npm ci` empties the folder with the rest of node_modules.
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");
require("./scripts/lazyClosureModules.cjs");

const OPTIONS = { loader: "ts", format: "cjs", target: `node${process.versions.node}` };
const CACHE = path.join(__dirname, "node_modules", ".cache", "typescript-loader");
const SALT = `${esbuild.version}\0${JSON.stringify(OPTIONS)}\0`;

function javascriptOf(filename) {
    const source = fs.readFileSync(filename, "utf8");
    const kept = path.join(CACHE, `${createHash("sha256").update(SALT).update(source).digest("hex")}.js`);
    try {
        return fs.readFileSync(kept, "utf8");
    } catch {
        // Not kept yet: transform it below.
    }
    const { code } = esbuild.transformSync(source, { ...OPTIONS, sourcefile: filename });
    try {
        fs.mkdirSync(CACHE, { recursive: true });
        // Written aside, then renamed: another process reads the whole file or none.
        const partial = `${kept}.${process.pid}`;
        fs.writeFileSync(partial, code);
        fs.renameSync(partial, kept);
    } catch {
        // A read-only checkout: transform again next time.
    }
    return code;
}

require.extensions[".ts"] = (module, filename) => module._compile(javascriptOf(filename), filename);
