// The doctor on an S3 account that collects CloudWatch Logs: its queue, connector and table
// like every log type's, and the function's parked batches and errors, against the local
// fake clouds (tests/fixtures/doctor/fakeClouds.ts).
import { expect } from "chai";
import { S3_CONNECTOR_API_VERSION } from "../src/s3Facts";
import type { Row } from "../doctor/report";
import { argsWithOutputs, doctor, fakeCloudPerTest, healthyQueue, HOUR, logs, LOGS, notOk, row } from "./fixtures/doctor/healthyStack";

const QUEUE = `https://sqs.eu-west-1.amazonaws.com/${LOGS}/logs-cloudWatch-queue-0a1b2c3`;
const CONNECTOR = "5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const FUNCTION = "sentinel-aws-doctor-logs-cloudwatch";
const FUNCTION_DLQ = `https://sqs.eu-west-1.amazonaws.com/${LOGS}/logs-sources-cloudwatch-dead-letters-4d5e6f7`;

describe("npm run doctor, on an account collecting CloudWatch Logs", () => {
    const fake = fakeCloudPerTest();
    /** The fixture's outputs with the logs account collecting cloudWatch too, as the program writes them. */
    let args: string[];
    before(() => {
        args = argsWithOutputs((o) => {
            o.awsAccounts.logs.queueUrls.cloudWatch = QUEUE;
            o.awsAccounts.logs.connectorIds.cloudWatch = CONNECTOR;
            o.awsAccounts.logs.cloudWatchFunction = { functionName: FUNCTION, deadLetterQueueUrl: FUNCTION_DLQ };
        });
    });

    beforeEach(() => {
        const { cloud } = fake;
        const now = Date.now();
        healthyQueue(cloud, QUEUE);
        cloud.queues.set(FUNCTION_DLQ, { visible: 0, inFlight: 0 });
        cloud.metrics.set(`Errors/${FUNCTION}`, [0]);
        cloud.connectors.set(CONNECTOR, {
            apiVersion: S3_CONNECTOR_API_VERSION,
            resource: {
                kind: "AmazonWebServicesS3",
                properties: { roleArn: logs.roleArn, sqsUrls: [QUEUE], destinationTable: "AWSCloudWatch", dataTypes: { logs: { state: "Enabled" } } },
            },
        });
        cloud.tables.set("AWSCloudWatch", [{ account: LOGS, time: new Date(now - HOUR / 4) }]);
    });

    const run = async (): Promise<{ code: number; rows: Row[] }> => {
        const result = await doctor(fake.cloud, [...args, "--json"]);
        expect(result.stderr).to.equal("");
        return { code: result.code, rows: JSON.parse(result.stdout).rows };
    };

    it("checks its queue, connector and table like every log type's, and the function's parked batches and errors", async () => {
        const { code, rows } = await run();
        expect(notOk(rows)).to.deep.equal([]);
        const checks = rows.filter((r) => r.account === "logs").map((r) => r.check);
        expect(checks).to.include.members([
            "queue cloudWatch",
            "dead letters cloudWatch",
            "parked batches cloudWatch",
            "function errors cloudWatch",
            "connector cloudWatch",
            "events AWSCloudWatch",
        ]);
        expect(row(rows, "logs", "parked batches cloudWatch").reason).to.equal("none");
        expect(code).to.equal(0);
    });

    it("FAILs batches parked in the function's dead-letter queue, and WARNs its errors, pointing at its log group", async () => {
        fake.cloud.queues.get(FUNCTION_DLQ)!.visible = 3;
        fake.cloud.metrics.set(`Errors/${FUNCTION}`, [2, 5]);
        const { code, rows } = await run();
        expect(notOk(rows)).to.deep.equal(["logs parked batches cloudWatch FAIL", "logs function errors cloudWatch WARN"]);
        expect(row(rows, "logs", "parked batches cloudWatch").reason).to.equal(
            `3 batches of CloudWatch Logs events the function ${FUNCTION} failed on: they are not in the bucket`,
        );
        expect(row(rows, "logs", "function errors cloudWatch").reason).to.equal("7 failed invocations in 24 h; Lambda retries each twice before parking it");
        expect(row(rows, "logs", "function errors cloudWatch").fix).to.include(`/aws/lambda/${FUNCTION}`);
        expect(code).to.equal(1);
    });

    it("FAILs a function dead-letter queue that is gone", async () => {
        fake.cloud.queues.delete(FUNCTION_DLQ);
        const { rows } = await run();
        expect(notOk(rows)).to.deep.equal(["logs parked batches cloudWatch FAIL"]);
        expect(row(rows, "logs", "parked batches cloudWatch").reason).to.match(/does not exist: batches the function fails on are lost$/);
    });

    it("asks AWSCloudWatch for its last event without an account column, which the table does not have, and says so", async () => {
        expect(row((await run()).rows, "logs", "events AWSCloudWatch").reason).to.match(
            /^the last event in AWSCloudWatch \(its rows name no account: from any account\) arrived /,
        );
        fake.cloud.tables.set("AWSCloudWatch", [{ account: LOGS, time: new Date(Date.now() - 30 * HOUR) }]);
        const stale = row((await run()).rows, "logs", "events AWSCloudWatch");
        expect(stale.status).to.equal("FAIL");
        expect(stale.reason).to.match(
            /^no event in AWSCloudWatch \(its rows name no account: from any account\) for 24 hours: the last arrived 30 h 0 min ago/,
        );
        fake.cloud.tables.set("AWSCloudWatch", []);
        expect(row((await run()).rows, "logs", "events AWSCloudWatch").reason).to.equal(
            "no event in AWSCloudWatch (its rows name no account: from any account) in the last 7 days",
        );
    });
});
