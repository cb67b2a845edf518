// The doctor on an S3 account that collects WAF: its queue and dead letters, its connector read
// with the API version it was written with, and the last event in AWSWAF by the account in the
// web ACL's ARN, against the local fake clouds (tests/fixtures/doctor/fakeClouds.ts).
import { expect } from "chai";
import { WAF_CONNECTOR_API_VERSION } from "../src/s3Facts";
import type { Row } from "../doctor/report";
import { argsWithOutputs, doctor, fakeCloudPerTest, healthyQueue, HOUR, logs, LOGS, notOk } from "./fixtures/doctor/healthyStack";

const QUEUE = `https://sqs.eu-west-1.amazonaws.com/${LOGS}/logs-waf-queue-0a1b2c3`;
const CONNECTOR = "6e2d3c4b-5f6a-4b7c-8d9e-0f1a2b3c4d5e";

describe("npm run doctor, on an account collecting WAF", () => {
    const fake = fakeCloudPerTest();

    it("checks its queue, its connector (as the Codeless Connector Framework wrote it) and the last event in AWSWAF", async () => {
        const { cloud } = fake;
        healthyQueue(cloud, QUEUE);
        cloud.connectors.set(CONNECTOR, {
            apiVersion: WAF_CONNECTOR_API_VERSION,
            resource: {
                kind: "AmazonWebServicesS3",
                properties: { roleArn: logs.roleArn, sqsUrls: [QUEUE], destinationTable: "AWSWAF", dataTypes: { logs: { state: "Enabled" } } },
            },
        });
        cloud.tables.set("AWSWAF", [{ account: LOGS, time: new Date(Date.now() - HOUR / 4) }]);
        const args = argsWithOutputs((o) => {
            o.awsAccounts.logs.queueUrls.waf = QUEUE;
            o.awsAccounts.logs.connectorIds.waf = CONNECTOR;
        });
        const rows: Row[] = JSON.parse((await doctor(cloud, [...args, "--json"])).stdout).rows;
        expect(notOk(rows)).to.deep.equal([]);
        expect(rows.filter((r) => r.account === "logs").map((r) => r.check)).to.include.members([
            "queue waf",
            "dead letters waf",
            "connector waf",
            "events AWSWAF",
        ]);
    });
});
