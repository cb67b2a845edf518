import { expect } from "chai";
import { FakeCloud } from "../plan/fakeCloud";

describe("the plan's fake cloud", () => {
    it("refuses a resource type it does not model, instead of inventing its outputs", () => {
        const cloud = new FakeCloud();
        expect(() => cloud.newResource({ type: "aws:lambda/function:Function", name: "logs", inputs: {}, custom: true })).to.throw(
            /does not model the resource type aws:lambda\/function:Function/,
        );
    });

    it("passes components through: they have no cloud state", () => {
        const result = new FakeCloud().newResource({ type: "sentinel-aws:index:Anything", name: "x", inputs: { a: 1 }, custom: false });
        expect(result).to.deep.equal({ id: undefined, state: { a: 1 } });
    });

    it("refuses a call it does not model", () => {
        expect(() => new FakeCloud().call({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {} })).to.throw(/no answer for the call/);
    });
});
