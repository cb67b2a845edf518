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
            expect(() => load({ "aws:region": "us-west-2", "azure-native:subscriptionId": "x" })).to.not.throw();
        });
    });

    describe("bad input", () => {
        // Each: the config overrides, the key path the message must name, and the bad value it must show.
        const cases: [string, Json, string, string][] = [
            ["an unquoted (numeric) account ID", { awsAccounts: [account("a", "1")].map((a) => ({ ...a, accountId: 12345678901, assumeRoleArn: undefined })) }, "sentinel-aws:awsAccounts[0].accountId", "12345678901"],
            ["an 11-digit account ID", { awsAccounts: [{ ...account("a", "11112222333"), assumeRoleArn: undefined }] }, "sentinel-aws:awsAccounts[0].accountId", '"11112222333"'],
            ["a duplicate label", { awsAccounts: [account("a", "111122223333"), account("a", "222233334444")] }, "sentinel-aws:awsAccounts[1].name", '"a"'],
            ["a duplicate account ID", { awsAccounts: [account("a", "111122223333"), account("b", "111122223333")] }, "sentinel-aws:awsAccounts[1].accountId", '"111122223333"'],
            ["an invalid role name", { awsAccounts: [account("a", "111122223333", { roleName: "has space" })] }, "sentinel-aws:awsAccounts[0].roleName", '"has space"'],
            ["a role name over 64 characters", { awsAccounts: [account("a", "111122223333", { roleName: "r".repeat(65) })] }, "sentinel-aws:awsAccounts[0].roleName", "rrrr"],
            ["an invalid region", { awsAccounts: [account("a", "111122223333", { region: "mars-1" })] }, "sentinel-aws:awsAccounts[0].region", '"mars-1"'],
            ["a GovCloud region", { awsAccounts: [account("a", "111122223333", { region: "us-gov-west-1" })] }, "sentinel-aws:awsAccounts[0].region", "GovCloud"],
            ["a China region", { awsAccounts: [account("a", "111122223333", { region: "cn-north-1" })] }, "sentinel-aws:awsAccounts[0].region", '"cn-north-1"'],
            ["an invalid workspace name", { workspace: { name: "ws_1", resourceGroupName: "rg" } }, "sentinel-aws:workspace.name", '"ws_1"'],
            ["a retention below the minimum", { workspace: { name: "sentinel-x", resourceGroupName: "rg", retentionInDays: 7 } }, "sentinel-aws:workspace.retentionInDays", "7"],
            ["a retention above the maximum", { workspace: { name: "sentinel-x", resourceGroupName: "rg", retentionInDays: 731 } }, "sentinel-aws:workspace.retentionInDays", "731"],
            ["a fractional retention", { workspace: { name: "sentinel-x", resourceGroupName: "rg", retentionInDays: 90.5 } }, "sentinel-aws:workspace.retentionInDays", "90.5"],
            ["retention on an existing workspace", { workspace: { name: "sentinel-x", resourceGroupName: "rg", existing: true, retentionInDays: 120 } }, "sentinel-aws:workspace.retentionInDays", "120"],
            ["a malformed deployment role ARN", { awsAccounts: [account("a", "111122223333", { assumeRoleArn: "arn:aws:iam::111122223333:user/bob" })] }, "sentinel-aws:awsAccounts[0].assumeRoleArn", "user/bob"],
            ["a deployment role in another account", { awsAccounts: [account("a", "111122223333", { assumeRoleArn: "arn:aws:iam::999988887777:role/x" })] }, "sentinel-aws:awsAccounts[0].assumeRoleArn", "999988887777"],
            ["both a role ARN and a profile", { awsAccounts: [account("a", "111122223333", { profile: "p" })] }, "sentinel-aws:awsAccounts[0]", "choose one"],
            ["an empty account list", { awsAccounts: [] }, "sentinel-aws:awsAccounts", "[]"],
            ["a missing account list", { awsAccounts: undefined }, "sentinel-aws:awsAccounts", "is required"],
            ["a missing workspace", { workspace: undefined }, "sentinel-aws:workspace", "is required"],
            ["an unknown top-level key", { awsAcounts: [] }, "sentinel-aws:awsAcounts", "not a known config key"],
            ["an unknown workspace key", { workspace: { name: "sentinel-x", resourceGroupName: "rg", retention: 90 } }, "sentinel-aws:workspace.retention", "not a known config key"],
            ["an unknown account key", { awsAccounts: [account("a", "111122223333", { acountId: "1" })] }, "sentinel-aws:awsAccounts[0].acountId", "not a known config key"],
            ["a missing location for a new workspace", { "azure-native:location": undefined }, "azure-native:location", "is required"],
            ["an Azure location with spaces", { "azure-native:location": "West Europe" }, "azure-native:location", '"West Europe"'],
            ["a string where an object belongs", { workspace: "sentinel-dev" }, "sentinel-aws:workspace", '"sentinel-dev"'],
            ["a tag value carrying a shell fragment", { tags: { owner: "x; rm -rf /" } }, "sentinel-aws:tags.owner", "rm -rf"],
            ["a tag name carrying a quote", { tags: { 'own"er': "x" } }, "sentinel-aws:tags", 'own\\"er'],
            ["a tag reserved by AWS", { tags: { "aws:createdBy": "x" } }, "sentinel-aws:tags", "aws:createdBy"],
            ["an account ID equal to Microsoft's", { awsAccounts: [account("a", "197857026523")] }, "sentinel-aws:awsAccounts[0].accountId", "197857026523"],
            ["a propagation wait below the minimum", { iamPropagationSeconds: "0" }, "sentinel-aws:iamPropagationSeconds", "0"],
            ["a non-numeric propagation wait", { iamPropagationSeconds: "soon" }, "sentinel-aws:iamPropagationSeconds", '"soon"'],
            ["a short Microsoft account override", { microsoftAccountId: "1978570265" }, "sentinel-aws:microsoftAccountId", '"1978570265"'],
            ["a role name with a Cyrillic look-alike letter, shown escaped", { awsAccounts: [account("a", "111122223333", { roleName: "Sentinel\u0420ole" })] }, "sentinel-aws:awsAccounts[0].roleName", "Sentinel\\u0420ole"],
            ["a label carrying a newline", { awsAccounts: [account("a\nb", "111122223333")] }, "sentinel-aws:awsAccounts[0].name", '"a\\nb"'],
            ["a location in the project namespace, which is not where Azure reads it", { "sentinel-aws:location": "westus" }, "sentinel-aws:location", "not a known config key"],
            ["a label with capitals", { awsAccounts: [account("Audit", "111122223333")] }, "sentinel-aws:awsAccounts[0].name", '"Audit"'],
            ["a non-boolean switch", { workspace: { name: "sentinel-x", resourceGroupName: "rg", protect: "yes" } }, "sentinel-aws:workspace.protect", '"yes"'],
        ];

        for (const [what, overrides, keyPath, shown] of cases) {
            it(`refuses ${what}, naming ${keyPath}`, () => {
                const message = problemsOf(overrides);
                const line = message.split("\n").find((l) => l.includes(`${keyPath}:`) || l.includes(`${keyPath}.`));
                expect(line, message).to.be.a("string");
                expect(line).to.include(shown);
            });
        }

        it("reports every problem at once, not just the first", () => {
            const message = problemsOf({
                workspace: { name: "ws", resourceGroupName: "rg" },
                awsAccounts: [account("a", "111122223333", { region: "nowhere" })],
            });
            expect(message).to.include("sentinel-aws:workspace.name");
            expect(message).to.include("sentinel-aws:awsAccounts[0].region");
        });

        it("asks for a role name when the stack name cannot make a valid default", () => {
            const message = problemsOf({}, "s".repeat(60));
            expect(message).to.include("sentinel-aws:awsAccounts[0].roleName");
        });

        it("refuses more tags than AWS and Azure allow once merged", () => {
            const many = (prefix: string) => Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`${prefix}${i}`, "v"]));
            const message = problemsOf({ tags: many("s"), awsAccounts: [account("a", "111122223333", { tags: many("a") })] });
            expect(message).to.include("sentinel-aws:awsAccounts[0].tags");
            expect(message).to.include("60 tags");
        });
    });
});
