import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { FakeCloud } from "../plan/fakeCloud";
import { ProgramFailed, recordPlan } from "../plan/record";

/** A resource type the fake cloud does not model. */
class Unmodelled extends pulumi.CustomResource {
    constructor(name: string, inputs: pulumi.Inputs = {}) {
        super("aws:ecs/taskDefinition:TaskDefinition", name, inputs);
    }
}

/** A cloud that refuses every resource. */
class Refusing extends FakeCloud {
    override newResource(): never {
        throw new Error("refused");
    }
}

describe("recording a plan", () => {
    it("turns a failed registration into ProgramFailed, counting what was sent, instead of crashing", async () => {
        const failure = await recordPlan(
            "t",
            {},
            () => {
                const lambda = new Unmodelled("logs");
                return { id: lambda.id };
            },
            new Refusing(),
        ).then(
            () => undefined,
            (err: unknown) => err,
        );
        expect(failure).to.be.instanceOf(ProgramFailed);
        expect((failure as ProgramFailed).message).to.include("refused");
        expect((failure as ProgramFailed).registered).to.equal(1);
    });

    it("keeps the program's own error as the cause, with nothing registered when it throws first", async () => {
        const thrown = new Error("bad config");
        const failure = (await recordPlan("t", {}, () => {
            throw thrown;
        }).catch((err: unknown) => err)) as ProgramFailed;
        expect(failure.cause).to.equal(thrown);
        expect(failure.registered).to.equal(0);
    });

    it("plans a resource the fake cloud does not model, as long as no resource reads it: its ID stays unknown", async () => {
        const plan = await recordPlan("t", {}, () => {
            const logs = new Unmodelled("logs", { family: "web" });
            return { id: logs.id };
        });
        expect(plan.resources.map((r) => [r.name, r.outputs])).to.deep.equal([["logs", { family: "web" }]]);
        expect(pulumi.isUnknown(plan.outputs.id)).to.equal(true);
    });

    it("records a function's code archive as what it holds, plain data that renders and copies (the SDK's objects hold promises)", async () => {
        const plan = await recordPlan("t", {}, () => {
            const code = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = 1;") });
            new Unmodelled("fn", { code });
            return {};
        });
        const recorded = structuredClone(plan.resources[0]!.inputs);
        expect(recorded.code).to.deep.equal({ archive: { "index.js": "20 characters of text, sha256 b44ee8d43acc" } });
    });

    it("fails when the program reads a resource the fake cloud does not model", async () => {
        const failure = await recordPlan("t", {}, () => {
            const logs = new Unmodelled("logs");
            new Unmodelled("reader", { source: logs.id });
            return {};
        }).catch((err: unknown) => err);
        expect((failure as Error).message).to.equal(
            "reader.source is made from logs, but the plan does not model the resource type aws:ecs/taskDefinition:TaskDefinition: give it an answer in plan/fakeCloud.ts",
        );
    });
});
