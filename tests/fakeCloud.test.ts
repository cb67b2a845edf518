import { expect } from "chai";
import { FakeCloud } from "../plan/fakeCloud";

describe("the plan's fake cloud", () => {
    it("answers a resource type it does not model with its inputs, leaving what the cloud assigns unknown", () => {
        const cloud = new FakeCloud();
        const result = cloud.newResource({ type: "aws:ecs/taskDefinition:TaskDefinition", name: "web", inputs: { family: "web" }, custom: true });
        expect(result).to.deep.equal({ id: undefined, state: { family: "web" } });
        expect(cloud.placeholders).to.deep.equal([]);
    });

    it("passes components through: they have no cloud state", () => {
        const result = new FakeCloud().newResource({ type: "sentinel-aws:index:Anything", name: "x", inputs: { a: 1 }, custom: false });
        expect(result).to.deep.equal({ id: undefined, state: { a: 1 } });
    });

    it("refuses a call it does not model", () => {
        expect(() => new FakeCloud().call({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {} })).to.throw(/no answer for the call/);
    });
});
