// The doctor facing clouds that misbehave rather than err, on 127.0.0.1: an endpoint that
// never answers, drips its body, streams without end or asks for a day's pause. Each run
// gets small limits so that it ends in about a second; the tests assert the FAIL row naming
// the endpoint and that the report is printed, never how long it took. The runs that wait out
// a deadline run at once, each against a cloud of its own, before the tests read their reports:
// one after the other they kept a test worker idle for some 10 s.
import { expect } from "chai";
import type { CallLimits } from "../doctor/bounds";
import type { Row } from "../doctor/report";
import { FakeClouds, hostile } from "./fixtures/doctor/fakeClouds";
import { BASE, doctor, fakeCloudPerTest, healthy, notOk, row } from "./fixtures/doctor/healthyStack";

/** Small enough for a test, large enough for a healthy local answer on a loaded machine. */
const LIMITS: CallLimits = { requestMs: 1_500, queryMs: 1_500, answerBytes: 256 * 1024, retryAfterSeconds: 2 };
/** Deadlines that never fire in a test: only --timeout can end the call. */
const PATIENT: CallLimits = { ...LIMITS, requestMs: 600_000, queryMs: 600_000 };

type Report = { code: number; rows: Row[]; text: string };

/** The JSON report of a run against `cloud` with `limits`; the text report of the same run must have printed too. */
async function run(cloud: FakeClouds, limits: CallLimits, ...extra: string[]): Promise<Report> {
    const json = await doctor(cloud, [...BASE, "--json", "--concurrency", "1", ...extra], false, undefined, limits);
    expect(json.stderr).to.equal("");
    return { code: json.code, rows: JSON.parse(json.stdout).rows, text: json.stdout };
}

/** A run that waits out a deadline, against a healthy cloud of its own that `setUp` makes hostile. */
async function onItsOwnCloud<T>(setUp: (cloud: FakeClouds) => Promise<T>): Promise<T & { aws: string; azure: string }> {
    const cloud = new FakeClouds();
    await cloud.start();
    healthy(cloud);
    try {
        return { ...(await setUp(cloud)), aws: cloud.awsEndpoint, azure: cloud.azureEndpoint };
    } finally {
        await cloud.close();
    }
}

/** The runs that wait out a deadline: each test below reads its own. */
const WAITING = {
    awsStall: (cloud: FakeClouds) => {
        cloud.interrupt("iam:GetRole", hostile.stall());
        return run(cloud, LIMITS);
    },
    awsDrip: (cloud: FakeClouds) => {
        cloud.interrupt("sqs:GetQueueAttributes", hostile.drip(100));
        return run(cloud, LIMITS);
    },
    azureStallAndDrip: (cloud: FakeClouds) => {
        cloud.interrupt("arm:GET", hostile.stall());
        cloud.interrupt("logs:SentinelHealth", hostile.drip(100));
        return run(cloud, LIMITS);
    },
    retryAfter: async (cloud: FakeClouds) => {
        cloud.interrupt("arm:GET", hostile.throttled(86_400));
        cloud.interrupt("cloudwatch:GetMetricData", hostile.throttled(86_400));
        const capped = await run(cloud, LIMITS);
        // A pause within the cap is waited for, and the call made again.
        cloud.interrupt("arm:GET", hostile.throttled(1));
        return { ...capped, again: await run(cloud, LIMITS) };
    },
    runTimeout: (cloud: FakeClouds) => {
        cloud.interrupt("iam:GetRole", hostile.stall());
        cloud.interrupt("logs:SentinelHealth", hostile.stall());
        return doctor(cloud, [...BASE, "--timeout", "1"], false, undefined, PATIENT);
    },
    signInTimeout: (cloud: FakeClouds) => {
        const never = { getToken: () => new Promise<never>(() => {}) };
        return doctor(cloud, [...BASE, "--json", "--timeout", "1"], false, never, PATIENT);
    },
};

describe("npm run doctor: hostile endpoints", () => {
    const fake = fakeCloudPerTest();
    let waited: { [K in keyof typeof WAITING]: Awaited<ReturnType<(typeof WAITING)[K]>> & { aws: string; azure: string } };
    before(async () => {
        const runs = Object.entries(WAITING).map(async ([name, setUp]) => [name, await onItsOwnCloud<object>(setUp)] as const);
        // Each entry is the report of the run of its name, as WAITING types it.
        waited = Object.fromEntries(await Promise.all(runs)) as unknown as typeof waited;
    });

    it("FAILs a check whose AWS endpoint never sends its headers, naming the endpoint", () => {
        const { code, rows, aws } = waited.awsStall;
        expect(notOk(rows)).to.deep.equal(["audit role FAIL"]);
        expect(row(rows, "audit", "role").reason).to.equal(`iam:GetRole: no complete answer from ${aws} within 1.5 s`);
        expect(code).to.equal(1);
    });

    it("FAILs a check whose AWS answer drips one byte at a time: the deadline covers the body", () => {
        const { rows, aws } = waited.awsDrip;
        expect(notOk(rows)).to.deep.equal(["logs queue cloudTrail FAIL"]);
        expect(row(rows, "logs", "queue cloudTrail").reason).to.equal(`sqs:GetQueueAttributes: no complete answer from ${aws} within 1.5 s`);
    });

    it("FAILs a check whose AWS or Azure answer never ends, at the size cap", async () => {
        fake.cloud.interrupt("iam:GetRole", hostile.endless());
        fake.cloud.interrupt("logs:AWSCloudTrail", hostile.endless());
        const { rows } = await run(fake.cloud, LIMITS);
        expect(notOk(rows)).to.deep.equal([
            "audit role FAIL",
            "audit events AWSCloudTrail FAIL",
            "logs events AWSCloudTrail FAIL",
            "organization events AWSCloudTrail FAIL",
        ]);
        expect(row(rows, "audit", "role").reason).to.equal(
            `iam:GetRole: the answer from ${fake.cloud.awsEndpoint} is larger than 0.25 MiB, more than any answer to this question`,
        );
        expect(row(rows, "audit", "events AWSCloudTrail").reason).to.equal(
            `the answer from ${fake.cloud.azureEndpoint} is larger than 0.25 MiB, more than any answer to this question`,
        );
    });

    it("FAILs an Azure endpoint that stalls or drips, naming it", () => {
        const { rows, azure } = waited.azureStallAndDrip;
        expect(notOk(rows)).to.deep.equal([
            "audit connector FAIL",
            "audit health FAIL",
            "logs health cloudTrail FAIL",
            "logs health guardDuty FAIL",
            "organization health FAIL",
        ]);
        for (const check of ["connector", "health"]) expect(row(rows, "audit", check).reason).to.equal(`no complete answer from ${azure} within 1.5 s`);
    });

    it("honours Retry-After only up to its cap: a day's pause FAILs at once, on AWS and on Azure", () => {
        const { rows, again, azure } = waited.retryAfter;
        expect(notOk(rows)).to.deep.equal(["audit connector FAIL", "logs queue cloudTrail FAIL"]);
        expect(row(rows, "audit", "connector").reason).to.equal(
            `${azure} answered 429 and asked to be called again in 86400 s (Retry-After), more than the 2 s the doctor waits`,
        );
        expect(row(rows, "logs", "queue cloudTrail").reason).to.match(/^cloudwatch:GetMetricData: http:\/\/127\.0\.0\.1:\d+ answered 429 and asked/);
        expect(notOk(again.rows)).to.deep.equal([]);
    });

    it("ends the whole run at --timeout: what has not answered FAILs naming its endpoint, and the report is printed", () => {
        const { aws, azure, ...text } = waited.runTimeout;
        expect(text.code).to.equal(1);
        expect(text.stdout).to.match(/^Health of stack "doctor": 3 accounts, /);
        expect(text.stdout).to.include(`iam:GetRole: the doctor's --timeout of 1 s ran out before ${aws} answered`);
        expect(text.stdout).to.include(`the doctor's --timeout of 1 s ran out before ${azure} answered`);
        expect(text.stdout).to.include("fix: run the doctor again with a longer --timeout");
    });

    it("ends at --timeout an Azure sign-in that never returns", () => {
        const json = waited.signInTimeout;
        const rows: Row[] = JSON.parse(json.stdout).rows;
        expect(row(rows, "audit", "azure sign-in")).to.include({
            status: "FAIL",
            reason: "the doctor's --timeout of 1 s ran out before the Azure sign-in (Microsoft Entra ID) answered",
        });
        expect(json.code).to.equal(1);
    });

    it("refuses a --timeout that is not a whole number of seconds", async () => {
        const bad = await doctor(fake.cloud, [...BASE, "--timeout", "0"]);
        expect(bad.code).to.equal(2);
        expect(bad.stderr).to.include('--timeout: "0" is not a whole number of seconds from 1 to 86400');
    });

    describe("a malformed answer is a FAIL row for its check, and the report goes on", () => {
        const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

        it("an ARM answer nested 50,000 deep, as a resource and as an error", async () => {
            fake.cloud.interrupt("arm:GET", hostile.body(200, `{"kind":${deep(50_000)},"properties":{"sqsUrls":${deep(50_000)}}}`));
            fake.cloud.interrupt("arm:GET", hostile.body(400, `{"error":{"code":${deep(50_000)},"message":"bad"}}`));
            const { rows, code } = await run(fake.cloud, LIMITS);
            expect(notOk(rows)).to.deep.equal(["audit connector FAIL", "logs connector cloudTrail FAIL"]);
            expect(row(rows, "audit", "connector").reason).to.match(/: it is of kind \[\[\[.*\.\.\..*\]\]\], not AmazonWebServicesCloudTrail; /);
            expect(row(rows, "logs", "connector cloudTrail").reason).to.match(
                /^Azure answered 400 \[\[\[.*\]\]\]: "bad"$|^Azure answered 400 \[\[\[.*\]\]\]: bad$/,
            );
            expect(code).to.equal(1);
        });

        it("a Log Analytics datetime that is not a date", async () => {
            const columns = [
                { name: "AccountId", type: "string" },
                { name: "LastEvent", type: "datetime" },
            ];
            fake.cloud.interrupt(
                "logs:AWSCloudTrail",
                hostile.body(200, JSON.stringify({ tables: [{ name: "PrimaryResult", columns, rows: [["111122223333", "not a date"]] }] })),
            );
            const text = await doctor(fake.cloud, [...BASE, "--concurrency", "1"], false, undefined, LIMITS);
            expect(text.stdout).to.match(/^Health of stack "doctor": 3 accounts, /);
            const failed = text.stdout.split("\n").filter((l) => l.startsWith("FAIL"));
            expect(failed[1]).to.match(/ no event from account 444455556666 in the last 7 days$/);
            // The answer names the audit account only: the others have no event in it.
            expect(failed).to.have.length(3);
            expect(failed[0]).to.match(
                /events AWSCloudTrail +the answer could not be read \(MalformedAnswer: Log Analytics answered a LastEvent that is not a date\)$/,
            );
        });
    });
});
