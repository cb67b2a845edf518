import { expect } from "chai";
import { ConfigError, loadStackConfig } from "../src/config/load";
import { account, flatConfig, Json } from "./helpers";

const load = (overrides: Json = {}, stack = "dev") => loadStackConfig(flatConfig(overrides), stack);

function problemsOf(overrides: Json, stack = "dev"): string {
    try {
        load(overrides, stack);
    } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        return (err as ConfigError).message;
    }
    throw new Error("the config was accepted");
}

describe("stack config", () => {
    describe("valid shapes", () => {
        it("fills every default for a minimal config", () => {
            const cfg = load();
            expect(cfg.workspace).to.deep.equal({
                name: "sentinel-test",
                resourceGroupName: "rg-sentinel-test",
                retentionInDays: 90,
                existing: false,
                adopt: false,
                onboard: true,
                protect: true,
            });
            expect(cfg.microsoftAccountId).to.equal("197857026523");
            expect(cfg.iamPropagationSeconds).to.equal(30);
            expect(cfg.location).to.equal("westeurope");
            expect(cfg.awsAccounts[0].roleName).to.equal("MicrosoftSentinelCloudTrail-dev");
        });

        it("names the default role after the stack, so two stacks can share an account", () => {
            expect(load({}, "prod").awsAccounts[0].roleName).to.not.equal(load({}, "dev").awsAccounts[0].roleName);
        });

        it("reads each way to authenticate", () => {
            const cfg = load({
                awsAccounts: [
                    account("a", "111122223333"),
                    { name: "b", accountId: "222233334444", region: "eu-west-1", profile: "b-admin" },
                    { name: "c", accountId: "333344445555", region: "ap-southeast-2" },
                ],
            });
            expect(cfg.awsAccounts.map((a) => a.credentials)).to.deep.equal([
                { kind: "assumeRole", roleArn: "arn:aws:iam::111122223333:role/pulumi-deploy" },
                { kind: "profile", profile: "b-admin" },
                { kind: "ambient" },
            ]);
        });

        it("accepts a CloudFront (global) web ACL beside regional ones on an entry in us-east-1, where WAF keeps it", () => {
            const acls = [
                "arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/1234abcd-12ab-34cd-56ef-1234567890ab",
                "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/api/1234abcd-12ab-34cd-56ef-1234567890ac",
            ];
            const cfg = load({ awsAccounts: [account("a", "111122223333", { connector: "s3", s3: { logTypes: ["waf"], wafWebAclArns: acls } })] });
            const [entry] = cfg.awsAccounts;
            expect(entry?.connector === "s3" && entry.s3.wafWebAclArns).to.deep.equal(acls);
        });

        it("accepts a role ARN with a path", () => {
            const arn = "arn:aws:iam::111122223333:role/deploy/pulumi";
            const cfg = load({ awsAccounts: [account("a", "111122223333", { assumeRoleArn: arn })] });
            expect(cfg.awsAccounts[0].credentials).to.deep.equal({ kind: "assumeRole", roleArn: arn });
        });

        it("merges stack-wide tags under each account's own", () => {
            const cfg = load({
                tags: { owner: "secops", env: "dev" },
                awsAccounts: [account("a", "111122223333", { tags: { env: "audit" } }), account("b", "222233334444")],
            });
            expect(cfg.awsAccounts[0].tags).to.deep.equal({ owner: "secops", env: "audit" });
            expect(cfg.awsAccounts[1].tags).to.deep.equal({ owner: "secops", env: "dev" });
        });

        it("keeps tags named like Object.prototype's members, in tags the Pulumi SDK can label", () => {
            const cfg = load({ tags: { toString: "a", constructor: "b" }, awsAccounts: [account("a", "111122223333", { tags: { valueOf: "c" } })] });
            expect({ ...cfg.awsAccounts[0].tags }).to.deep.equal({ toString: "a", constructor: "b", valueOf: "c" });
            // The SDK labels every input with `${value}`; a plain object with a toString tag throws there.
            expect(() => `${cfg.tags}${cfg.awsAccounts[0].tags}`).to.not.throw();
        });

        it("takes an existing workspace without a location and without retention", () => {
            const cfg = load({
                "azure-native:location": undefined,
                workspace: { name: "sentinel-prod", resourceGroupName: "rg-soc", existing: true, onboard: false },
            });
            expect(cfg.workspace.existing).to.equal(true);
            expect(cfg.workspace.onboard).to.equal(false);
            expect(cfg.workspace.retentionInDays).to.equal(undefined);
        });

        it("reads the simple keys from their text form", () => {
            const cfg = load({ iamPropagationSeconds: "45", microsoftAccountId: "123456789012" });
            expect(cfg.iamPropagationSeconds).to.equal(45);
            expect(cfg.microsoftAccountId).to.equal("123456789012");
        });

        it("ignores other namespaces, which belong to providers", () => {
            // azure-native:location and :subscriptionId are read (and checked) here too; the provider's other keys are not.
            expect(() => load({ "aws:region": "us-west-2", "azure-native:environment": "x" })).to.not.throw();
        });
    });

    describe("bad input (every kind: badConfig.test.ts)", () => {
        it("reports every problem at once, not just the first", () => {
            const message = problemsOf({
                workspace: { name: "ws", resourceGroupName: "rg" },
                awsAccounts: [account("a", "111122223333", { region: "nowhere" })],
            });
            expect(message).to.include("sentinel-aws:workspace.name");
            expect(message).to.include("sentinel-aws:awsAccounts[0].region");
        });
    });
});
