// The start-up floor of `npm run plan`: a Node process that only loads @pulumi/pulumi and
// registers one bare resource under the mock engine. Plain JavaScript, loaded by plain Node
// with only the deferral of the SDK's closure modules that the plan's loader makes too.
const pulumi = require("@pulumi/pulumi");

class Bare extends pulumi.CustomResource {
    constructor(name) {
        super("bench:index:Bare", name, { value: 1 });
    }
}

pulumi.runtime
    .setMocks({ newResource: (args) => ({ id: args.name, state: args.inputs }), call: () => ({}) }, "bench", "bench", false)
    .then(() => new Promise((resolve) => new Bare("one").urn.apply(resolve)));
