// Runs the TypeScript sources as Node requires them: esbuild strips the types file by file,
// with no type-check (that is `npm test`'s job). Used by `pulumi up` (Pulumi.yaml
// nodeargs), `npm run plan`, `npm run bench` and the tests.
require("esbuild-register/dist/node").register({ target: `node${process.versions.node}`, sourcemap: false });

// esbuild-register turns on source-mapped stack traces for the whole process. Pulumi
// records a stack trace for every resource and promise it creates, and mapping them
// made registration several times slower, so they stay off: stack traces then name the
// transpiled lines, which esbuild keeps close to the source.
process.setSourceMapsEnabled(false);
