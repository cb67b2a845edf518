import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { ProgramFailed, recordPlan } from "../plan/record";

/** A resource type the fake cloud does not model. */
class Bucket extends pulumi.CustomResource {
    constructor(name: string) {
        super("aws:lambda/function:Function", name, { bucket: name });
    }
}

describe("recording a plan", () => {
    it("turns a failed registration into ProgramFailed, counting what was sent, instead of crashing", async () => {
        const failure = await recordPlan("t", {}, () => {
            const bucket = new Bucket("logs");
            return { id: bucket.id };
        }).then(
            () => undefined,
            (err: unknown) => err,
        );
        expect(failure).to.be.instanceOf(ProgramFailed);
        expect((failure as ProgramFailed).message).to.include("does not model the resource type aws:lambda/function:Function");
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
});
