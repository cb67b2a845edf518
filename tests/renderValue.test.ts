// Values shown in the plan come from stack files: a newline or an ESC in one (a role's
// description, which IAM allows to hold line breaks) is shown escaped, never raw.
import { expect } from "chai";
import { renderValue } from "../plan/render";

describe("plan: values as shown", () => {
    it("escapes a value's line breaks and control characters, and leaves plain text as it is", () => {
        expect(renderValue('made by hand\nPlan for stack "prod": no changes', "")).to.equal('made by hand\\u000aPlan for stack "prod": no changes');
        expect(renderValue("\x1b[2Jcleared", "")).to.equal("\\u001b[2Jcleared");
        expect(renderValue("Sentinel reads CloudTrail", "")).to.equal("Sentinel reads CloudTrail");
    });
});
