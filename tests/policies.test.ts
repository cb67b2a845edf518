import { expect } from "chai";
import { cloudTrailConnectorId, cloudWatchFunctionName, defaultRoleName, wafBucketName, wafIngestionName } from "../src/naming";
import { accountRootPrincipal, sentinelCloudTrailTrustPolicy } from "../src/policies/sentinelTrust";

const WORKSPACE_ID = "4f9d2c1e-8b7a-4c3d-9e2f-1a0b9c8d7e6f";

describe("trust policy", () => {
    const policy = sentinelCloudTrailTrustPolicy("197857026523", WORKSPACE_ID);

    it("has exactly one statement, an Allow", () => {
        expect(policy.Version).to.equal("2012-10-17");
        expect(policy.Statement).to.have.length(1);
        expect(policy.Statement[0].Effect).to.equal("Allow");
    });

    it("trusts only the given account, as a whole", () => {
        expect(policy.Statement[0].Principal).to.deep.equal({ AWS: "arn:aws:iam::197857026523:root" });
    });

    it("allows only sts:AssumeRole", () => {
        expect(policy.Statement[0].Action).to.equal("sts:AssumeRole");
    });

    it("requires the workspace ID as the external ID, with an exact match", () => {
        expect(policy.Statement[0].Condition).to.deep.equal({ StringEquals: { "sts:ExternalId": WORKSPACE_ID } });
    });

    for (const bad of ["", " ", "*", "sentinel-dev", `${WORKSPACE_ID}*`, "/subscriptions/x/workspaces/y"]) {
        it(`refuses ${JSON.stringify(bad)} as an external ID`, () => {
            expect(() => sentinelCloudTrailTrustPolicy("197857026523", bad)).to.throw(/workspace ID, a GUID/);
        });
    }

    it("refuses a principal that is not a 12-digit account", () => {
        expect(() => sentinelCloudTrailTrustPolicy("*", WORKSPACE_ID)).to.throw(/not an AWS account ID/);
        expect(() => accountRootPrincipal("19785702652")).to.throw(/not an AWS account ID/);
    });
});

describe("naming", () => {
    it("derives one connector ID per entry, the same on every run", () => {
        expect(cloudTrailConnectorId("audit", "111122223333")).to.equal(cloudTrailConnectorId("audit", "111122223333"));
        expect(cloudTrailConnectorId("audit", "111122223333")).to.not.equal(cloudTrailConnectorId("audit", "111122223334"));
    });

    it("gives a renamed entry a new connector ID, so replacing it never deletes the live connector", () => {
        expect(cloudTrailConnectorId("audit", "111122223333")).to.not.equal(cloudTrailConnectorId("security", "111122223333"));
    });

    it("makes connector IDs GUIDs, as the Sentinel portal does", () => {
        expect(cloudTrailConnectorId("a", "012345678901")).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it("names the CloudWatch Logs function within Lambda's 64 characters, apart for long names that share their start", () => {
        expect(cloudWatchFunctionName("prod", "logs")).to.equal("sentinel-aws-prod-logs-cloudwatch");
        const long = "a".repeat(60);
        const [one, two] = [cloudWatchFunctionName("prod", `${long}-eu`), cloudWatchFunctionName("prod", `${long}-us`)];
        expect(one).to.not.equal(two);
        for (const name of [one, two])
            expect(name)
                .to.match(/^sentinel-aws-prod-a+-[0-9a-f]{8}$/)
                .and.have.length(64);
        expect(cloudWatchFunctionName("prod", `${long}-eu`)).to.equal(one);
    });

    it("names WAF's bucket with WAF's prefix, within 63 characters, the same for the same stack, account and region and apart otherwise", () => {
        const name = wafBucketName("prod", "111122223333", "eu-west-1");
        expect(name).to.match(/^aws-waf-logs-prod-[0-9a-f]{12}$/);
        expect(wafBucketName("prod", "111122223333", "eu-west-1")).to.equal(name);
        const others = [
            wafBucketName("dev", "111122223333", "eu-west-1"),
            wafBucketName("prod", "444455556666", "eu-west-1"),
            wafBucketName("prod", "111122223333", "us-east-1"),
        ];
        expect(new Set([name, ...others]).size).to.equal(4);
        // A long stack name with capitals, periods and underscores: cut, in the characters buckets take, and still apart.
        const long = ["Team.Security_", "Team.Security_x"].map((prefix) => wafBucketName(`${prefix}${"s".repeat(80)}`, "111122223333", "eu-west-1"));
        for (const n of long)
            expect(n)
                .to.match(/^aws-waf-logs-[a-z0-9-]*[a-z0-9]-[0-9a-f]{12}$/)
                .and.have.length.at.most(63);
        expect(long[0]).to.not.equal(long[1]);
    });

    it("names the stack's WAF endpoint within the 44 characters Azure Monitor takes", () => {
        expect(wafIngestionName("prod")).to.equal("sentinel-aws-prod-waf");
        expect(wafIngestionName("p".repeat(60))).to.have.length(44);
    });

    it("names the default role after the stack", () => {
        expect(defaultRoleName("prod")).to.include("prod");
        expect(defaultRoleName("prod")).to.not.equal(defaultRoleName("dev"));
    });
});
