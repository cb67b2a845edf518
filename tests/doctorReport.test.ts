// The doctor's report for organisations of any size: the text table is built in one pass,
// never by spreading every row into one call's arguments.
import { expect } from "chai";
import { reportToText, Row } from "../doctor/report";

describe("doctor: the report", () => {
    it("renders 130,000 rows (more than the 125,000 that overflowed the stack) as a table whose columns line up", () => {
        const rows: Row[] = Array.from({ length: 130_000 }, (_, i) => ({
            account: "organization",
            accountId: String(100000000000 + i),
            check: i === 7 ? "events AWSCloudTrail" : "role",
            status: "OK",
            reason: "fine",
        }));
        const lines = reportToText("big", rows).split("\n");
        expect(lines[0]).to.equal('Health of stack "big": 130000 accounts, 130000 checks: 130000 OK, 0 WARN, 0 FAIL');
        expect(lines).to.have.length(130_000 + 4);
        const column = lines[2].indexOf("REASON");
        expect(lines[3].indexOf("fine")).to.equal(column);
        expect(lines[130_002].indexOf("fine")).to.equal(column);
    });
});
