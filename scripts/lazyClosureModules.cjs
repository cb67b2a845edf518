// @pulumi/pulumi loads TypeScript's compiler and npm's arborist (with pacote and sigstore) as
// it starts, for closure serialization: turning a JavaScript function into a Lambda's code.
// This program never serializes a closure (it bundles its function with esbuild), yet every
// process that loads the SDK pays for them: about 0.6 s of CPU of a plan's 1.9 s start
// (docs/development.md). Pulumi removed the same cost once before (pulumi/pulumi#10185);
// the closure code brought it back.
//
// This hook hands the SDK's closure code stand-ins that load the real module on the first
// property read, so a program that does serialize a closure still gets the real compiler and
// arborist. tests/lazyClosureModules.test.ts checks both halves.
const Module = require("node:module");

/**
 * Which request, from which SDK file (path ending), is deferred. `esModule`: the file imports
 * the module through TypeScript's old `__importStar`, which copies every property unless the
 * module says it is an ES module; saying so makes it keep the stand-in, read on use.
 */
const DEFERRED = [
    { request: "typescript", from: "/@pulumi/pulumi/typescript-shim.js", esModule: false },
    { request: "@npmcli/arborist", from: "/@pulumi/pulumi/runtime/closure/codePaths.js", esModule: true },
];

function loadedOnFirstRead(load, esModule) {
    let real;
    const module = () => (real ??= load());
    return new Proxy(
        {},
        {
            get: (_, name) => (name === "__esModule" && esModule ? true : module()[name]),
            has: (_, name) => name in module(),
        },
    );
}

const load = Module._load;
Module._load = function (request, parent, isMain) {
    const from = parent?.filename?.replaceAll("\\", "/");
    const deferred = from && DEFERRED.find((d) => d.request === request && from.endsWith(d.from));
    if (!deferred) return load.call(this, request, parent, isMain);
    return loadedOnFirstRead(() => load.call(this, request, parent, isMain), deferred.esModule);
};
