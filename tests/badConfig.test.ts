// Bad stack config as users meet it: a stack file planned by `npm run plan` (its code, run
// in this process for speed; planCli.test.ts checks the real process exit). Each case is a
// different kind of mistake; each must exit 2 with the key path and the bad value named,
// escaped, each problem once, without a stack trace, and with nothing registered.
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { stringify } from "yaml";
import { EXIT } from "../plan/cli";
import { account, Json, ROOT, runPlanCli } from "./helpers";

const DIR = mkdtempSync(path.join(tmpdir(), "sentinel-aws-bad-"));

const base: Json = {
    "azure-native:location": "westeurope",
    "sentinel-aws:workspace": { name: "sentinel-test", resourceGroupName: "rg-sentinel-test" },
    "sentinel-aws:awsAccounts": [account("audit", "111122223333")],
};

/** A stack file: the valid base with some top-level keys replaced (`undefined` removes one), or raw YAML. */
function stackFile(stack: string, config: Json | string): string {
    const file = path.join(DIR, `Pulumi.${stack}.yaml`);
    if (typeof config === "string") {
        writeFileSync(file, config);
    } else {
        const merged = Object.fromEntries(Object.entries({ ...base, ...config }).filter(([, v]) => v !== undefined));
        writeFileSync(file, stringify({ config: merged }));
    }
    return file;
}

const plan = (file: string) => runPlanCli("--config-file", file);

const ws = (extra: Json) => ({ "sentinel-aws:workspace": { name: "sentinel-x", resourceGroupName: "rg", ...extra } });
const accounts = (...list: Json[]) => ({ "sentinel-aws:awsAccounts": list });
const one = (extra: Json) => accounts(account("a", "111122223333", extra));
/** One S3-connected account with these S3 settings (and other fields of the entry). */
const s3 = (settings: Json | string, extra: Json = {}) => one({ connector: "s3", s3: settings, ...extra });
const DETECTOR = "12abc34d567e8fa901bc2d34e56789f0";
const WEB_ACL = "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/shop/1234abcd-12ab-34cd-56ef-1234567890ab";
const ADOPTED = "6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const SUBSCRIPTION = { "azure-native:subscriptionId": "00000000-1111-2222-3333-444444444444" };
const GOV_PROVIDER = "arn:aws:iam::111122223333:oidc-provider/sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/";
/** An organisation instead of listed accounts, with these settings over a valid one. */
const org = (extra: Json, more: Json = {}) => ({
    "sentinel-aws:awsAccounts": undefined,
    "sentinel-aws:organization": { accountId: "111111111111", region: "us-east-1", organizationalUnitIds: ["ou-ab12-cd34ef56"], ...extra },
    ...more,
});
/** The content block with these rule entries; the stack `content` reads the made-up catalogue beside its file. */
const rules = (analyticsRules: unknown, extra: Json = {}) => ({ "sentinel-aws:content": { analyticsRules, ...extra } });
copyFileSync(path.join(ROOT, "examples/Pulumi.content.content-catalogue.json"), path.join(DIR, "Pulumi.content.content-catalogue.json"));
const TEMPLATE = "8a1d6e7c-1b2c-4d3e-9f40-000000000001";
const manyTags = (prefix: string, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, "v"]));
/** Raw YAML, for what an object cannot write: a valid config with this account entry and these lines under config:. */
const yamlWith = (lines: string, entry = '{ name: a, accountId: "111122223333", region: us-east-1 }') =>
    `config:\n  azure-native:location: westeurope\n  sentinel-aws:workspace: { name: sentinel-x, resourceGroupName: rg }\n  sentinel-aws:awsAccounts:\n    - ${entry}\n${lines}`;
/** The Pulumi SDK's signature key (pulumi.runtime.specialSigKey): it marks secrets and assets in property maps. */
const SDK_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

// Each: what is wrong, the config (overrides or raw YAML), the key path the message must
// name, the bad value (or the rule) it must show, and optionally the stack name.
const CASES: [what: string, config: Json | string, keyPath: string, shown: string, stack?: string][] = [
    // Wrong types
    [
        "an unquoted account ID with a leading zero, which YAML reads as a number",
        `config:\n  azure-native:location: westeurope\n  sentinel-aws:workspace: { name: sentinel-x, resourceGroupName: rg }\n  sentinel-aws:awsAccounts:\n    - { name: a, accountId: 012345678901, region: us-east-1 }\n`,
        "sentinel-aws:awsAccounts[0].accountId",
        "12345678901",
    ],
    ["a string where the workspace object belongs", { "sentinel-aws:workspace": "sentinel-dev" }, "sentinel-aws:workspace", '"sentinel-dev"'],
    ["an object where the account list belongs", { "sentinel-aws:awsAccounts": { name: "a" } }, "sentinel-aws:awsAccounts", '{"name":"a"}'],
    ["a string where an account entry belongs", accounts("111122223333" as unknown as Json), "sentinel-aws:awsAccounts[0]", '"111122223333"'],
    ["a non-boolean switch", ws({ protect: "yes" }), "sentinel-aws:workspace.protect", '"yes"'],
    ["a number where a tag value belongs", { "sentinel-aws:tags": { costCenter: 4711 } }, "sentinel-aws:tags.costCenter", "4711"],
    ["a non-numeric propagation wait", { "sentinel-aws:iamPropagationSeconds": "soon" }, "sentinel-aws:iamPropagationSeconds", '"soon"'],
    // Account IDs
    [
        "an 11-digit account ID",
        accounts({ name: "a", accountId: "11112222333", region: "us-east-1" }),
        "sentinel-aws:awsAccounts[0].accountId",
        '"11112222333"',
    ],
    [
        "an account ID with a space",
        accounts({ name: "a", accountId: " 111122223333", region: "us-east-1" }),
        "sentinel-aws:awsAccounts[0].accountId",
        '" 111122223333"',
    ],
    ["a short Microsoft account override", { "sentinel-aws:microsoftAccountId": "1978570265" }, "sentinel-aws:microsoftAccountId", '"1978570265"'],
    ["an account ID equal to Microsoft's", accounts(account("a", "197857026523")), "sentinel-aws:awsAccounts[0].accountId", "197857026523"],
    // Duplicates
    ["a duplicate label", accounts(account("a", "111122223333"), account("a", "222233334444")), "sentinel-aws:awsAccounts[1].name", '"a"'],
    ["a duplicate account ID", accounts(account("a", "111122223333"), account("b", "111122223333")), "sentinel-aws:awsAccounts[1].accountId", '"111122223333"'],
    // Ranges
    ["a retention below the minimum", ws({ retentionInDays: 7 }), "sentinel-aws:workspace.retentionInDays", "7"],
    ["a retention above the maximum", ws({ retentionInDays: 731 }), "sentinel-aws:workspace.retentionInDays", "731"],
    ["a negative retention", ws({ retentionInDays: -90 }), "sentinel-aws:workspace.retentionInDays", "-90"],
    ["a fractional retention", ws({ retentionInDays: 90.5 }), "sentinel-aws:workspace.retentionInDays", "90.5"],
    ["retention on an existing workspace", ws({ existing: true, retentionInDays: 120 }), "sentinel-aws:workspace.retentionInDays", "120"],
    ["a propagation wait below the minimum", { "sentinel-aws:iamPropagationSeconds": 0 }, "sentinel-aws:iamPropagationSeconds", "0"],
    ["a propagation wait above the maximum", { "sentinel-aws:iamPropagationSeconds": 3600 }, "sentinel-aws:iamPropagationSeconds", "3600"],
    // Names
    ["an invalid role name", one({ roleName: "has space" }), "sentinel-aws:awsAccounts[0].roleName", '"has space"'],
    ["a role name over 64 characters", one({ roleName: "r".repeat(65) }), "sentinel-aws:awsAccounts[0].roleName", "rrrr"],
    [
        "a role name with a Cyrillic look-alike letter, shown escaped",
        one({ roleName: "Sentinel\u0420ole" }),
        "sentinel-aws:awsAccounts[0].roleName",
        "Sentinel\\u0420ole",
    ],
    ["a stack name too long for the default role name", {}, "sentinel-aws:awsAccounts[0].roleName", "is not a valid IAM role name", "s".repeat(60)],
    ["an invalid workspace name", ws({ name: "ws_1" }), "sentinel-aws:workspace.name", '"ws_1"'],
    ["a workspace name carrying a JSON fragment", ws({ name: 'sentinel"},{"x":"' }), "sentinel-aws:workspace.name", 'sentinel\\"},{\\"x\\"'],
    [
        "a resource group name carrying a newline",
        { "sentinel-aws:workspace": { name: "sentinel-x", resourceGroupName: "rg\nsoc" } },
        "sentinel-aws:workspace.resourceGroupName",
        '"rg\\nsoc"',
    ],
    ["a label with capitals", accounts(account("Audit", "111122223333")), "sentinel-aws:awsAccounts[0].name", '"Audit"'],
    ["a label carrying a newline", accounts(account("a\nb", "111122223333")), "sentinel-aws:awsAccounts[0].name", '"a\\nb"'],
    ["a label longer than 32 characters", accounts(account("a".repeat(33), "111122223333")), "sentinel-aws:awsAccounts[0].name", "aaaa"],
    [
        "a profile carrying a shell fragment",
        accounts({ name: "a", accountId: "111122223333", region: "us-east-1", profile: "$(curl evil.example)" }),
        "sentinel-aws:awsAccounts[0].profile",
        "$(curl evil.example)",
    ],
    // Regions and ARNs
    ["an invalid region", one({ region: "mars-1" }), "sentinel-aws:awsAccounts[0].region", '"mars-1"'],
    ["a GovCloud region", one({ region: "us-gov-west-1" }), "sentinel-aws:awsAccounts[0].region", "GovCloud"],
    ["a China region", one({ region: "cn-north-1" }), "sentinel-aws:awsAccounts[0].region", '"cn-north-1"'],
    ["an Azure location with spaces", { "azure-native:location": "West Europe" }, "azure-native:location", '"West Europe"'],
    [
        "a deployment ARN that is not a role",
        one({ assumeRoleArn: "arn:aws:iam::111122223333:user/bob" }),
        "sentinel-aws:awsAccounts[0].assumeRoleArn",
        "user/bob",
    ],
    [
        "a deployment role in another account",
        one({ assumeRoleArn: "arn:aws:iam::999988887777:role/x" }),
        "sentinel-aws:awsAccounts[0].assumeRoleArn",
        "999988887777",
    ],
    ["both a role ARN and a profile", one({ profile: "p" }), "sentinel-aws:awsAccounts[0]", "choose one"],
    ["a rolePermissions value that is not offered", { "sentinel-aws:rolePermissions": "admin" }, "sentinel-aws:rolePermissions", '"admin"'],
    // The S3 connector
    ["an unknown connector", one({ connector: "s3sqs" }), "sentinel-aws:awsAccounts[0].connector", '"s3sqs"'],
    ["S3 settings on a CloudTrail API account", one({ s3: { logTypes: ["cloudTrail"] } }), "sentinel-aws:awsAccounts[0].s3", "applies only to connector: s3"],
    ["S3 settings that are not an object", s3("cloudTrail"), "sentinel-aws:awsAccounts[0].s3", '"cloudTrail"'],
    ["an unknown log type", s3({ logTypes: ["cloudTrail", "route53"] }), "sentinel-aws:awsAccounts[0].s3.logTypes[1]", '"route53"'],
    ["a log type listed twice", s3({ logTypes: ["cloudTrail", "cloudTrail"] }), "sentinel-aws:awsAccounts[0].s3.logTypes", "once"],
    ["no log type", s3({ logTypes: [] }), "sentinel-aws:awsAccounts[0].s3.logTypes", "at least one"],
    ["an S3 role name without the OIDC_ prefix", s3({}, { roleName: "SentinelS3" }), "sentinel-aws:awsAccounts[0].roleName", "OIDC_"],
    [
        "rolePermissions on an S3 account",
        s3({}, { rolePermissions: "readOnly" }),
        "sentinel-aws:awsAccounts[0].rolePermissions",
        "applies only to connector: cloudTrailApi",
    ],
    ["GuardDuty without a detector ID", s3({ logTypes: ["guardDuty"] }), "sentinel-aws:awsAccounts[0].s3.guardDutyDetectorId", "is required"],
    ["a detector ID without GuardDuty", s3({ guardDutyDetectorId: DETECTOR }), "sentinel-aws:awsAccounts[0].s3.guardDutyDetectorId", "applies only"],
    [
        "a malformed detector ID",
        s3({ logTypes: ["guardDuty"], guardDutyDetectorId: "detector-1" }),
        "sentinel-aws:awsAccounts[0].s3.guardDutyDetectorId",
        '"detector-1"',
    ],
    ["CloudWatch Logs without log groups", s3({ logTypes: ["cloudWatch"] }), "sentinel-aws:awsAccounts[0].s3.cloudWatchLogGroups", "is required"],
    [
        "a malformed log group name",
        s3({ logTypes: ["cloudWatch"], cloudWatchLogGroups: [{ name: "app logs*" }] }),
        "sentinel-aws:awsAccounts[0].s3.cloudWatchLogGroups[0].name",
        '"app logs*"',
    ],
    [
        "log groups without cloudWatch among the log types",
        s3({ cloudWatchLogGroups: [{ name: "/ecs/web" }] }),
        "sentinel-aws:awsAccounts[0].s3.cloudWatchLogGroups",
        "applies only when s3.logTypes includes cloudWatch",
    ],
    [
        "a log group listed twice",
        s3({ logTypes: ["cloudWatch"], cloudWatchLogGroups: [{ name: "/ecs/web" }, { name: "/ecs/web", filterPattern: "ERROR" }] }),
        "sentinel-aws:awsAccounts[0].s3.cloudWatchLogGroups[1].name",
        '"/ecs/web"',
    ],
    [
        "more log groups than one function's resource policy holds",
        s3({ logTypes: ["cloudWatch"], cloudWatchLogGroups: Array.from({ length: 21 }, (_, i) => ({ name: `/ecs/app-${i}` })) }),
        "sentinel-aws:awsAccounts[0].s3.cloudWatchLogGroups",
        "at most 20 log groups",
    ],
    [
        "a filter pattern longer than CloudWatch Logs takes",
        s3({ logTypes: ["cloudWatch"], cloudWatchLogGroups: [{ name: "/ecs/web", filterPattern: "x".repeat(1025) }] }),
        "sentinel-aws:awsAccounts[0].s3.cloudWatchLogGroups[0].filterPattern",
        "at most 1024 characters",
    ],
    [
        "the CloudWatch function's own log group, which would forward itself",
        s3({ logTypes: ["cloudWatch"], cloudWatchLogGroups: [{ name: "/aws/lambda/sentinel-aws-check-a-cloudwatch" }] }),
        "sentinel-aws:awsAccounts[0].s3.cloudWatchLogGroups[0].name",
        "forward its own logs",
    ],
    ["WAF without web ACLs", s3({ logTypes: ["waf"] }), "sentinel-aws:awsAccounts[0].s3.wafWebAclArns", "is required"],
    ["web ACLs without waf among the log types", s3({ wafWebAclArns: [WEB_ACL] }), "sentinel-aws:awsAccounts[0].s3.wafWebAclArns", "applies only when"],
    [
        "a WAF Classic web ACL",
        s3({ logTypes: ["waf"], wafWebAclArns: ["arn:aws:waf::111122223333:webacl/1234abcd-12ab-34cd-56ef-1234567890ab"] }),
        "sentinel-aws:awsAccounts[0].s3.wafWebAclArns[0]",
        "arn:aws:waf::111122223333:webacl/",
    ],
    [
        "a web ACL of another account",
        s3({ logTypes: ["waf"], wafWebAclArns: [WEB_ACL.replace("111122223333", "999988887777")] }),
        "sentinel-aws:awsAccounts[0].s3.wafWebAclArns[0]",
        "is a web ACL of account 999988887777",
    ],
    [
        "a web ACL of another region",
        s3({ logTypes: ["waf"], wafWebAclArns: [WEB_ACL.replace("us-east-1", "eu-west-1")] }),
        "sentinel-aws:awsAccounts[0].s3.wafWebAclArns[0]",
        "is a web ACL in eu-west-1",
    ],
    [
        "a web ACL of GovCloud's partition in a commercial region",
        s3({ logTypes: ["waf"], wafWebAclArns: [WEB_ACL.replace("arn:aws:", "arn:aws-us-gov:")] }),
        "sentinel-aws:awsAccounts[0].s3.wafWebAclArns[0]",
        "is in the aws-us-gov partition",
    ],
    [
        "a CloudFront web ACL on an entry outside us-east-1",
        s3({ logTypes: ["waf"], wafWebAclArns: [WEB_ACL.replace("regional/", "global/")] }, { region: "eu-west-1" }),
        "sentinel-aws:awsAccounts[0].s3.wafWebAclArns[0]",
        "WAF manages in us-east-1",
    ],
    ["a web ACL listed twice", s3({ logTypes: ["waf"], wafWebAclArns: [WEB_ACL, WEB_ACL] }), "sentinel-aws:awsAccounts[0].s3.wafWebAclArns", "once"],
    [
        "more than 20 web ACLs",
        s3({ logTypes: ["waf"], wafWebAclArns: Array.from({ length: 21 }, (_, i) => WEB_ACL.replace("/shop/", `/shop-${i}/`)) }),
        "sentinel-aws:awsAccounts[0].s3.wafWebAclArns",
        "at most 20",
    ],
    ["VPC flow logs without VPCs", s3({ logTypes: ["vpcFlowLogs"] }), "sentinel-aws:awsAccounts[0].s3.vpcIds", "is required"],
    ["a malformed VPC ID", s3({ logTypes: ["vpcFlowLogs"], vpcIds: ["vpc-xyz"] }), "sentinel-aws:awsAccounts[0].s3.vpcIds[0]", '"vpc-xyz"'],
    ["a malformed organisation ID", s3({ organizationId: "org-1" }), "sentinel-aws:awsAccounts[0].s3.organizationId", '"org-1"'],
    [
        "an organisation trail without CloudTrail",
        s3({ logTypes: ["vpcFlowLogs"], vpcIds: ["vpc-0a1b2c3d"], organizationId: "o-a1b2c3d4e5" }),
        "sentinel-aws:awsAccounts[0].s3.organizationId",
        "must include cloudTrail",
    ],
    [
        "one organisation trail twice",
        accounts(
            account("a", "111122223333", { connector: "s3", s3: { organizationId: "o-a1b2c3d4e5" } }),
            account("b", "222233334444", { connector: "s3", s3: { organizationId: "o-a1b2c3d4e5" } }),
        ),
        "sentinel-aws:awsAccounts[1].s3.organizationId",
        '"o-a1b2c3d4e5"',
    ],
    [
        "an OIDC provider of another account",
        s3({ oidcProviderArn: GOV_PROVIDER.replace("111122223333", "999988887777") }),
        "sentinel-aws:awsAccounts[0].s3.oidcProviderArn",
        "account 999988887777",
    ],
    ["an OIDC provider of the other Azure cloud", s3({ oidcProviderArn: GOV_PROVIDER }), "sentinel-aws:awsAccounts[0].s3.oidcProviderArn", "azureCloud public"],
    [
        "an OIDC provider that is not for Entra ID",
        s3({ oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }),
        "sentinel-aws:awsAccounts[0].s3.oidcProviderArn",
        "githubusercontent",
    ],
    ["an unknown Azure cloud", { "sentinel-aws:azureCloud": "china" }, "sentinel-aws:azureCloud", '"china"'],
    ["a commercial deployment role for a GovCloud account", s3({}, { region: "us-gov-west-1" }), "sentinel-aws:awsAccounts[0].assumeRoleArn", "aws-us-gov"],
    ["an unknown S3 setting", s3({ logType: ["cloudTrail"] }), "sentinel-aws:awsAccounts[0].s3.logType", "not a known config key"],
    [
        "AWS GovCloud with a workspace in Azure's public cloud, a pairing Microsoft does not offer",
        s3({}, { region: "us-gov-west-1", assumeRoleArn: "arn:aws-us-gov:iam::111122223333:role/pulumi-deploy" }),
        "sentinel-aws:awsAccounts[0].region",
        "sentinel-aws:azureCloud is public",
    ],
    [
        "a management account without an organisation trail",
        s3({ managementAccountId: "222233334444" }),
        "sentinel-aws:awsAccounts[0].s3.managementAccountId",
        "applies only with s3.organizationId",
    ],
    [
        "a management account that is the entry's own account",
        s3({ organizationId: "o-a1b2c3d4e5", managementAccountId: "111122223333" }),
        "sentinel-aws:awsAccounts[0].s3.managementAccountId",
        "is this entry's accountId",
    ],
    [
        "a management account ID of 11 digits",
        s3({ organizationId: "o-a1b2c3d4e5", managementAccountId: "22223333444" }),
        "sentinel-aws:awsAccounts[0].s3.managementAccountId",
        '"22223333444"',
    ],
    [
        "detectors of other regions without GuardDuty",
        s3({ guardDutyDetectors: [{ region: "eu-west-1", detectorId: DETECTOR }] }),
        "sentinel-aws:awsAccounts[0].s3.guardDutyDetectors",
        "applies only when s3.logTypes includes guardDuty",
    ],
    [
        "a further detector in the account's own region",
        s3({ logTypes: ["guardDuty"], guardDutyDetectorId: DETECTOR, guardDutyDetectors: [{ region: "us-east-1", detectorId: DETECTOR }] }),
        "sentinel-aws:awsAccounts[0].s3.guardDutyDetectors[0].region",
        "its detector is s3.guardDutyDetectorId",
    ],
    [
        "one region's detector listed twice",
        s3({
            logTypes: ["guardDuty"],
            guardDutyDetectorId: DETECTOR,
            guardDutyDetectors: [
                { region: "eu-west-1", detectorId: DETECTOR },
                { region: "eu-west-1", detectorId: DETECTOR },
            ],
        }),
        "sentinel-aws:awsAccounts[0].s3.guardDutyDetectors[1].region",
        "listed twice",
    ],
    [
        "a further detector in GovCloud for a commercial bucket",
        s3({ logTypes: ["guardDuty"], guardDutyDetectorId: DETECTOR, guardDutyDetectors: [{ region: "us-gov-west-1", detectorId: DETECTOR }] }),
        "sentinel-aws:awsAccounts[0].s3.guardDutyDetectors[0].region",
        "aws-us-gov partition",
    ],
    [
        "further regions exported into a bucket in an opt-in region",
        s3(
            { logTypes: ["guardDuty"], guardDutyDetectorId: DETECTOR, guardDutyDetectors: [{ region: "eu-west-1", detectorId: DETECTOR }] },
            { region: "ap-east-1" },
        ),
        "sentinel-aws:awsAccounts[0].s3.guardDutyDetectors",
        "ap-east-1, an opt-in region",
    ],
    [
        "a further detector without its region",
        s3({ logTypes: ["guardDuty"], guardDutyDetectorId: DETECTOR, guardDutyDetectors: [{ detectorId: DETECTOR }] }),
        "sentinel-aws:awsAccounts[0].s3.guardDutyDetectors[0].region",
        "is required",
    ],
    [
        "a further detector given as a bare ID",
        s3({ logTypes: ["guardDuty"], guardDutyDetectorId: DETECTOR, guardDutyDetectors: [DETECTOR] }),
        "sentinel-aws:awsAccounts[0].s3.guardDutyDetectors[0]",
        "must be an object with region and detectorId",
    ],
    [
        "an alarm topic that is a queue",
        s3({ alarmTopicArn: "arn:aws:sqs:us-east-1:111122223333:alerts" }),
        "sentinel-aws:awsAccounts[0].s3.alarmTopicArn",
        "arn:aws:sqs:us-east-1:111122223333:alerts",
    ],
    [
        "a FIFO alarm topic",
        s3({ alarmTopicArn: "arn:aws:sns:us-east-1:111122223333:alerts.fifo" }),
        "sentinel-aws:awsAccounts[0].s3.alarmTopicArn",
        "standard SNS topic",
    ],
    [
        "an alarm topic in another region than the alarms",
        s3({ alarmTopicArn: "arn:aws:sns:eu-west-1:111122223333:alerts" }),
        "sentinel-aws:awsAccounts[0].s3.alarmTopicArn",
        "CloudWatch notifies topics of its own region",
    ],
    [
        "an alarm topic of GovCloud's partition in a commercial region",
        s3({ alarmTopicArn: "arn:aws-us-gov:sns:us-east-1:111122223333:alerts" }),
        "sentinel-aws:awsAccounts[0].s3.alarmTopicArn",
        "is an ARN of partition aws-us-gov, but the account's region us-east-1 is in partition aws",
    ],
    [
        "an existing bucket given as a bare name",
        s3({ existingBucket: "aws-controltower-logs" }),
        "sentinel-aws:awsAccounts[0].s3.existingBucket",
        "must be an object with the bucket's name",
    ],
    [
        "an existing bucket without its name",
        s3({ existingBucket: { keyPrefix: "o-a1b2c3d4e5" } }),
        "sentinel-aws:awsAccounts[0].s3.existingBucket.name",
        "is required",
    ],
    [
        "an existing bucket named with capitals",
        s3({ existingBucket: { name: "Logs_Archive" } }),
        "sentinel-aws:awsAccounts[0].s3.existingBucket.name",
        '"Logs_Archive"',
    ],
    [
        "an existing bucket given as an ARN",
        s3({ existingBucket: { name: "arn:aws:s3:::logs" } }),
        "sentinel-aws:awsAccounts[0].s3.existingBucket.name",
        "arn:aws:s3:::logs",
    ],
    [
        "a key prefix with a slash at its end",
        s3({ existingBucket: { name: "logs-archive", keyPrefix: "o-a1b2c3d4e5/" } }),
        "sentinel-aws:awsAccounts[0].s3.existingBucket.keyPrefix",
        '"o-a1b2c3d4e5/"',
    ],
    [
        "a key prefix that IAM would read as a wildcard",
        s3({ existingBucket: { name: "logs-archive", keyPrefix: "*" } }),
        "sentinel-aws:awsAccounts[0].s3.existingBucket.keyPrefix",
        "no *, which IAM reads as a wildcard",
    ],
    [
        "a KMS key given by its alias",
        s3({ existingBucket: { name: "logs-archive", kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:alias/trail" } }),
        "sentinel-aws:awsAccounts[0].s3.existingBucket.kmsKeyArn",
        "not an alias",
    ],
    [
        "a KMS key of another region than the bucket",
        s3({ existingBucket: { name: "logs-archive", kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }),
        "sentinel-aws:awsAccounts[0].s3.existingBucket.kmsKeyArn",
        "is a key in eu-west-1",
    ],
    [
        "an unknown key in the existing bucket",
        s3({ existingBucket: { name: "logs-archive", prefix: "o-a1b2c3d4e5" } }),
        "sentinel-aws:awsAccounts[0].s3.existingBucket.prefix",
        "not a known config key",
    ],
    [
        "GuardDuty from an existing bucket",
        s3({ logTypes: ["cloudTrail", "guardDuty"], guardDutyDetectorId: DETECTOR, existingBucket: { name: "logs-archive" } }),
        "sentinel-aws:awsAccounts[0].s3.logTypes",
        "read for CloudTrail only",
    ],
    [
        "KMS encryption of an existing bucket",
        s3({ kmsEncryption: true, existingBucket: { name: "logs-archive" } }),
        "sentinel-aws:awsAccounts[0].s3.kmsEncryption",
        "creates no trail, bucket or key",
    ],
    [
        "data events without a trail of this program",
        s3({ dataEvents: true, existingBucket: { name: "logs-archive" } }),
        "sentinel-aws:awsAccounts[0].s3.dataEvents",
        "configures a trail",
    ],
    [
        "an existing bucket left unprotected",
        s3({ protectBucket: false, existingBucket: { name: "logs-archive" } }),
        "sentinel-aws:awsAccounts[0].s3.protectBucket",
        "cannot be false",
    ],
    [
        "a management account with an existing bucket",
        s3({ organizationId: "o-a1b2c3d4e5", managementAccountId: "222233334444", existingBucket: { name: "logs-archive" } }),
        "sentinel-aws:awsAccounts[0].s3.managementAccountId",
        "does not apply",
    ],
    [
        "a session-name switch that is not true or false",
        s3({ acceptDefenderSessionName: "both" }),
        "sentinel-aws:awsAccounts[0].s3.acceptDefenderSessionName",
        '"both"',
    ],
    // Tags
    ["a tag value carrying a shell fragment", { "sentinel-aws:tags": { owner: "x; rm -rf /" } }, "sentinel-aws:tags.owner", "rm -rf"],
    ["a tag name carrying a quote", { "sentinel-aws:tags": { 'own"er': "x" } }, 'sentinel-aws:tags["own\\"er"]', "tag names must be"],
    ["a tag value carrying a newline", { "sentinel-aws:tags": { owner: "secops\nadmin" } }, "sentinel-aws:tags.owner", '"secops\\nadmin"'],
    ["a tag reserved by AWS", { "sentinel-aws:tags": { "aws:createdBy": "x" } }, "sentinel-aws:tags", "aws:createdBy"],
    ["a tag value over 256 characters", { "sentinel-aws:tags": { note: "n".repeat(300) } }, "sentinel-aws:tags.note", "nnnn"],
    ["more than 50 stack-wide tags", { "sentinel-aws:tags": manyTags("t", 51) }, "sentinel-aws:tags", "at most 50"],
    [
        "more than 50 tags once an account's are merged",
        { "sentinel-aws:tags": manyTags("s", 30), ...one({ tags: manyTags("a", 30) }) },
        "sentinel-aws:awsAccounts[0].tags",
        "60 tags",
    ],
    // Sizes
    ["an empty account list", { "sentinel-aws:awsAccounts": [] }, "sentinel-aws:awsAccounts", "[]"],
    [
        "more than 100 accounts",
        accounts(...Array.from({ length: 101 }, (_, i) => account(`a${i}`, String(100000000000 + i)))),
        "sentinel-aws:awsAccounts",
        "at most 100",
    ],
    [
        "more than 50 S3 accounts",
        accounts(...Array.from({ length: 51 }, (_, i) => account(`a${i}`, String(100000000000 + i), { connector: "s3", s3: {} }))),
        "sentinel-aws:awsAccounts",
        "at most 50",
    ],
    [
        "more than 500 VPCs in all",
        accounts(
            ...Array.from({ length: 11 }, (_, i) =>
                account(`a${i}`, String(100000000000 + i), {
                    connector: "s3",
                    s3: { logTypes: ["vpcFlowLogs"], vpcIds: Array.from({ length: 50 }, (_, v) => `vpc-${String(i * 100 + v).padStart(8, "0")}`) },
                }),
            ),
        ),
        "sentinel-aws:awsAccounts",
        "lists 550 VPCs",
    ],
    [
        "more than 20 accounts with CloudWatch Logs or WAF",
        accounts(
            ...Array.from({ length: 21 }, (_, i) =>
                account(`a${i}`, String(100000000000 + i), { connector: "s3", s3: { logTypes: ["cloudWatch"], cloudWatchLogGroups: [{ name: "/app" }] } }),
            ),
        ),
        "sentinel-aws:awsAccounts",
        "lists 21 accounts whose s3.logTypes include cloudWatch or waf: at most 20",
    ],
    [
        "more than 80 log groups in all",
        accounts(
            ...Array.from({ length: 5 }, (_, i) =>
                account(`a${i}`, String(100000000000 + i), {
                    connector: "s3",
                    s3: { logTypes: ["cloudWatch"], cloudWatchLogGroups: Array.from({ length: 17 }, (_, g) => ({ name: `/app/${g}` })) },
                }),
            ),
        ),
        "sentinel-aws:awsAccounts",
        "lists 85 log groups in all",
    ],
    [
        "more than 40 web ACLs in all",
        accounts(
            ...Array.from({ length: 3 }, (_, i) => {
                const id = String(100000000000 + i);
                const arns = Array.from(
                    { length: 14 },
                    (_, w) => `arn:aws:wafv2:us-east-1:${id}:regional/webacl/w${w}/${String(w).padStart(8, "0")}-0000-4000-8000-000000000000`,
                );
                return account(`a${i}`, id, { connector: "s3", s3: { logTypes: ["waf"], wafWebAclArns: arns } });
            }),
        ),
        "sentinel-aws:awsAccounts",
        "lists 42 web ACLs in all",
    ],
    // As `pulumi config set --path` writes them: digits stored as numbers unless --type string is given (pulumi/pulumi#4393)
    [
        "an account ID set with pulumi config set --path",
        yamlWith("", "{ name: a, accountId: 111122223333, region: us-east-1 }"),
        "sentinel-aws:awsAccounts[0].accountId",
        "add --type string to pulumi config set --path",
    ],
    [
        "a tag value set with pulumi config set --path",
        yamlWith("  sentinel-aws:tags:\n    costCenter: 4711\n"),
        "sentinel-aws:tags.costCenter",
        "add --type string to pulumi config set --path",
    ],
    // Stack-wide resource options
    ["retainOnDelete as a word", { "sentinel-aws:retainOnDelete": "yes" }, "sentinel-aws:retainOnDelete", '"yes"'],
    [
        "a tag to ignore that no tag could be named",
        { "sentinel-aws:ignoreTagChanges": ["Cost<Center>"] },
        "sentinel-aws:ignoreTagChanges[0]",
        "tag names must be",
    ],
    ["ignoreTagChanges as one string", { "sentinel-aws:ignoreTagChanges": "CostCenter" }, "sentinel-aws:ignoreTagChanges", '"CostCenter"'],
    // Adopting what was made by hand
    [
        "adopt on the S3 connector",
        { ...one({ connector: "s3", s3: {}, adopt: { roleName: "r", connectorId: ADOPTED } }), ...SUBSCRIPTION },
        "sentinel-aws:awsAccounts[0].adopt",
        "CloudTrail API connector only",
    ],
    [
        "adopt without the subscription that names ARM IDs",
        one({ adopt: { roleName: "r", connectorId: ADOPTED } }),
        "azure-native:subscriptionId",
        "is required to adopt",
    ],
    [
        "an adopted connector ID that is no GUID",
        { ...one({ adopt: { roleName: "r", connectorId: "my-connector" } }), ...SUBSCRIPTION },
        "sentinel-aws:awsAccounts[0].adopt.connectorId",
        '"my-connector"',
    ],
    [
        "an adopted policy of another partition than the account's",
        {
            ...one({ adopt: { roleName: "r", connectorId: ADOPTED, policyArn: "arn:aws-us-gov:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess" } }),
            ...SUBSCRIPTION,
        },
        "sentinel-aws:awsAccounts[0].adopt.policyArn",
        "is in the aws-us-gov partition, but region",
    ],
    [
        "a roleName other than the adopted role's",
        { ...one({ roleName: "other", adopt: { roleName: "r", connectorId: ADOPTED } }), ...SUBSCRIPTION },
        "sentinel-aws:awsAccounts[0].roleName",
        "differs from adopt.roleName",
    ],
    [
        "one connector adopted twice",
        {
            ...accounts(
                account("a", "111122223333", { adopt: { roleName: "r", connectorId: ADOPTED } }),
                account("b", "222233334444", { adopt: { roleName: "r", connectorId: ADOPTED.toUpperCase() } }),
            ),
            ...SUBSCRIPTION,
        },
        "sentinel-aws:awsAccounts[1].adopt.connectorId",
        "one entry per connector",
    ],
    [
        "an adopted policy that is not AWS managed",
        { ...one({ adopt: { roleName: "r", connectorId: ADOPTED, policyArn: "arn:aws:iam::111122223333:policy/mine" } }), ...SUBSCRIPTION },
        "sentinel-aws:awsAccounts[0].adopt.policyArn",
        "AWS managed policy ARN",
    ],
    [
        "an adopted role description with ESC sequences and a bidi override",
        { ...one({ adopt: { roleName: "r", connectorId: ADOPTED, description: "ok\x1b[2J\u202e" } }), ...SUBSCRIPTION },
        "sentinel-aws:awsAccounts[0].adopt.description",
        'must be printable text, as IAM allows in a role description (no control or format characters), not "ok\\u001b[2J\\u202e"',
    ],
    [
        "an adopted policy ARN with a .. path segment",
        { ...one({ adopt: { roleName: "r", connectorId: ADOPTED, policyArn: "arn:aws:iam::aws:policy/../../AdministratorAccess" } }), ...SUBSCRIPTION },
        "sentinel-aws:awsAccounts[0].adopt.policyArn",
        "must not have an empty, . or .. path segment",
    ],
    ["an existing workspace adopted", { ...ws({ existing: true, adopt: true }), ...SUBSCRIPTION }, "sentinel-aws:workspace.adopt", "exclude each other"],
    ["a subscription ID that is no GUID", { ...ws({ adopt: true }), "azure-native:subscriptionId": "my-sub" }, "azure-native:subscriptionId", '"my-sub"'],
    // Unknown and missing keys
    ["a missing workspace", { "sentinel-aws:workspace": undefined }, "sentinel-aws:workspace", "is required"],
    ["a missing account list", { "sentinel-aws:awsAccounts": undefined }, "sentinel-aws:awsAccounts", "is required"],
    ["a missing location for a new workspace", { "azure-native:location": undefined }, "azure-native:location", "is required"],
    ["an unknown top-level key", { "sentinel-aws:awsAcounts": [] }, "sentinel-aws:awsAcounts", "not a known config key"],
    ["an unknown workspace key", ws({ retention: 90 }), "sentinel-aws:workspace.retention", "not a known config key"],
    ["an unknown account key", one({ acountId: "1" }), "sentinel-aws:awsAccounts[0].acountId", "not a known config key"],
    [
        "a location in the project namespace, where Azure never reads it",
        { "sentinel-aws:location": "westus" },
        "sentinel-aws:location",
        "not a known config key",
    ],
    // Organisations
    [
        "neither listed accounts nor an organisation",
        { "sentinel-aws:awsAccounts": undefined },
        "sentinel-aws:awsAccounts",
        "is required unless sentinel-aws:organization is set",
    ],
    ["a string where the organisation object belongs", org({}, { "sentinel-aws:organization": "o-a1b2c3d4e5" }), "sentinel-aws:organization", '"o-a1b2c3d4e5"'],
    [
        "an organisation without OUs",
        org({ organizationalUnitIds: undefined }),
        "sentinel-aws:organization.organizationalUnitIds",
        "must be a list of organisational unit or root IDs",
    ],
    ["an empty OU list", org({ organizationalUnitIds: [] }), "sentinel-aws:organization.organizationalUnitIds", "at least one"],
    ["an OU listed twice", org({ organizationalUnitIds: ["ou-ab12-cd34ef56", "ou-ab12-cd34ef56"] }), "sentinel-aws:organization.organizationalUnitIds", "once"],
    [
        "an OU ID that is an account ID",
        org({ organizationalUnitIds: ["111122223333"] }),
        "sentinel-aws:organization.organizationalUnitIds[0]",
        '"111122223333"',
    ],
    [
        "an organisation ID where an OU belongs",
        org({ organizationalUnitIds: ["o-a1b2c3d4e5"] }),
        "sentinel-aws:organization.organizationalUnitIds[0]",
        "ou-ab12-cd34ef56",
    ],
    [
        "more than 50 OUs",
        org({ organizationalUnitIds: Array.from({ length: 51 }, (_, i) => `ou-ab12-${String(i).padStart(8, "0")}`) }),
        "sentinel-aws:organization.organizationalUnitIds",
        "at most 50",
    ],
    [
        "an unquoted organisation account ID",
        `config:\n  azure-native:location: westeurope\n  sentinel-aws:workspace: { name: sentinel-x, resourceGroupName: rg }\n  sentinel-aws:organization: { accountId: 011111111111, region: us-east-1, organizationalUnitIds: [ou-ab12-cd34ef56] }\n`,
        "sentinel-aws:organization.accountId",
        "11111111111",
    ],
    ["an unknown deployAs", org({ deployAs: "member" }), "sentinel-aws:organization.deployAs", '"member"'],
    [
        "delegatedAdmin without the management account",
        org({ deployAs: "delegatedAdmin" }),
        "sentinel-aws:organization.managementAccountId",
        "is required with deployAs: delegatedAdmin",
    ],
    [
        "delegatedAdmin naming itself the management account",
        org({ deployAs: "delegatedAdmin", managementAccountId: "111111111111" }),
        "sentinel-aws:organization.managementAccountId",
        "a delegated administrator is a member account",
    ],
    [
        "connecting the management account from a delegated administrator",
        org({ deployAs: "delegatedAdmin", managementAccountId: "222222222222", connectManagementAccount: true }),
        "sentinel-aws:organization.connectManagementAccount",
        "second AWS provider",
    ],
    [
        "the management account both connected and excluded",
        org({ connectManagementAccount: true, excludeAccountIds: ["222222222222", "111111111111"] }),
        "sentinel-aws:organization.excludeAccountIds[1]",
        'is the management account, which organization.connectManagementAccount: true connects: remove 111111111111 from organization.excludeAccountIds, or set organization.connectManagementAccount to false (got "111111111111")',
    ],
    [
        "a management account ID with deployAs: management",
        org({ managementAccountId: "222222222222" }),
        "sentinel-aws:organization.managementAccountId",
        "applies only to deployAs: delegatedAdmin",
    ],
    [
        "both a deployment role and a profile",
        org({ assumeRoleArn: "arn:aws:iam::111111111111:role/d", profile: "p" }),
        "sentinel-aws:organization",
        "choose one way",
    ],
    [
        "a deployment role in another account",
        org({ assumeRoleArn: "arn:aws:iam::999999999999:role/d" }),
        "sentinel-aws:organization.assumeRoleArn",
        "is a role in account 999999999999",
    ],
    ["a GovCloud region", org({ region: "us-gov-west-1" }), "sentinel-aws:organization.region", "AWS Commercial accounts only"],
    [
        "Microsoft's account as the organisation's",
        org({ accountId: "197857026523" }),
        "sentinel-aws:organization.accountId",
        "the account Sentinel assumes roles from",
    ],
    [
        "the organisation's account listed too",
        org({}, { "sentinel-aws:awsAccounts": [account("mgmt", "111111111111")] }),
        "sentinel-aws:awsAccounts[0].accountId",
        "is also sentinel-aws:organization.accountId",
    ],
    ["an excluded account listed twice", org({ excludeAccountIds: ["222222222222", "222222222222"] }), "sentinel-aws:organization.excludeAccountIds", "once"],
    ["a malformed excluded account", org({ excludeAccountIds: ["2222"] }), "sentinel-aws:organization.excludeAccountIds[0]", "12 digits"],
    ["a concurrency of 0%", org({ maxConcurrentPercentage: 0 }), "sentinel-aws:organization.maxConcurrentPercentage", "at least 1"],
    ["a failure tolerance over 100%", org({ failureTolerancePercentage: 101 }), "sentinel-aws:organization.failureTolerancePercentage", "at most 100"],
    ["an invalid organisation role name", org({ roleName: "Sentinel Role" }), "sentinel-aws:organization.roleName", '"Sentinel Role"'],
    ["an unknown organisation key", org({ organisationalUnitIds: [] }), "sentinel-aws:organization.organisationalUnitIds", "not a known config key"],
    [
        "more than 50 tags once the organisation's are merged",
        org({ tags: manyTags("o", 30) }, { "sentinel-aws:tags": manyTags("s", 30) }),
        "sentinel-aws:organization.tags",
        "60 tags",
    ],
    // Prototype names (a tag named toString is planned: hostileConfig.test.ts)
    [
        "a tag named __proto__, which the Pulumi SDK would drop",
        yamlWith("  sentinel-aws:tags:\n    __proto__: x\n"),
        "sentinel-aws:tags.__proto__",
        "must not be __proto__",
    ],
    ["a number under a tag named __proto__", yamlWith("  sentinel-aws:tags:\n    __proto__: 5\n"), "sentinel-aws:tags.__proto__", "not the number 5"],
    [
        "a tag named with the Pulumi SDK's signature key",
        one({ tags: { [SDK_SIGNATURE_KEY]: "x" } }),
        `sentinel-aws:awsAccounts[0].tags.${SDK_SIGNATURE_KEY}`,
        "Pulumi SDK would drop or misread",
    ],
    ["sentinel-aws:__proto__", yamlWith("  sentinel-aws:__proto__: x\n"), "sentinel-aws:__proto__", "not a known config key"],
    // Key names shown escaped, as values are: none can end the code block a comment wraps the messages in
    [
        "a key name that closes a code fence and forges a heading",
        yamlWith('  "sentinel-aws:x\\n```\\n## Plan for stack prod: no changes": x\n'),
        '"sentinel-aws:x\\n\\u0060\\u0060\\u0060\\n## Plan for stack prod: no changes"',
        "not a known config key",
    ],
    ["a workspace key carrying ESC and BEL", ws({ "x\u001b[2J\u0007": 1 }), 'sentinel-aws:workspace["x\\u001b[2J\\u0007"]', "not a known config key"],
    ["an account key carrying a newline", one({ "region\n": "x" }), 'sentinel-aws:awsAccounts[0]["region\\n"]', "not a known config key"],
    ["a tag name carrying a backtick", { "sentinel-aws:tags": { "a`b": "x" } }, 'sentinel-aws:tags["a\\u0060b"]', "tag names must be"],
    // Messages that must not mislead
    [
        "an OIDC provider ARN without its trailing slash, shown to its end",
        s3({ oidcProviderArn: GOV_PROVIDER.slice(0, -1) }),
        "sentinel-aws:awsAccounts[0].s3.oidcProviderArn",
        '4eef66b95f6e"',
    ],
    [
        "a long role ARN whose mistake is at its end",
        one({ assumeRoleArn: `arn:aws:iam::111122223333:role/${"team/".repeat(30)}pulumi deploy` }),
        "sentinel-aws:awsAccounts[0].assumeRoleArn",
        'pulumi deploy"',
    ],
    [
        "a comma-separated string where the log type list belongs",
        s3({ logTypes: "cloudTrail,guardDuty" }),
        "sentinel-aws:awsAccounts[0].s3.logTypes",
        '"cloudTrail,guardDuty"',
    ],
    [
        "a propagation wait of 400 digits, shown as Infinity rather than null",
        { "sentinel-aws:iamPropagationSeconds": `1${"0".repeat(400)}` },
        "sentinel-aws:iamPropagationSeconds",
        "not Infinity",
    ],
    [
        "an account ID written in hexadecimal, which has no leading zeros to lose",
        yamlWith("  sentinel-aws:organization: { accountId: 0x1F, region: us-east-1, organizationalUnitIds: [ou-ab12-cd34ef56] }\n"),
        "sentinel-aws:organization.accountId",
        "not the number 31 (YAML took the unquoted value for a number: write it in quotes, or add --type string to pulumi config set --path)",
    ],
    [
        "an unquoted detector ID of digits only, which YAML reads as a number",
        yamlWith(
            "",
            '{ name: a, accountId: "111122223333", region: us-east-1, connector: s3, s3: { logTypes: [guardDuty], guardDutyDetectorId: 12345678901234567890123456789012 } }',
        ),
        "sentinel-aws:awsAccounts[0].s3.guardDutyDetectorId",
        "write it in quotes",
    ],
    // The content block: its fields, then the rule templates against the workspace's catalogue
    ["a number where the rule templates belong", rules(5), "sentinel-aws:content.analyticsRules", "5"],
    ["a rule template ID that is not a GUID", rules(["aws-root-login"]), "sentinel-aws:content.analyticsRules[0]", '"aws-root-login"'],
    [
        "more rule templates than a workspace may have enabled",
        rules(Array.from({ length: 513 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`)),
        "sentinel-aws:content.analyticsRules",
        "at most 512",
    ],
    [
        "a query frequency under 5 minutes",
        rules([{ templateId: TEMPLATE, queryFrequency: "PT1M" }]),
        "sentinel-aws:content.analyticsRules[0].queryFrequency",
        '"PT1M"',
    ],
    ["a query period over 14 days", rules([{ templateId: TEMPLATE, queryPeriod: "P15D" }]), "sentinel-aws:content.analyticsRules[0].queryPeriod", '"P15D"'],
    [
        "a suppression over 24 hours",
        rules([{ templateId: TEMPLATE, suppressionDuration: "P2D" }]),
        "sentinel-aws:content.analyticsRules[0].suppressionDuration",
        '"P2D"',
    ],
    ["a duration in seconds", rules([{ templateId: TEMPLATE, queryPeriod: "PT300S" }]), "sentinel-aws:content.analyticsRules[0].queryPeriod", '"PT300S"'],
    [
        "a severity Sentinel does not have",
        rules([{ templateId: TEMPLATE, severity: "Critical" }]),
        "sentinel-aws:content.analyticsRules[0].severity",
        '"Critical"',
    ],
    ["a solution version that is not one", rules([], { solutionVersion: "latest" }), "sentinel-aws:content.solutionVersion", '"latest"'],
    [
        "an adopted rule without the subscription its ARM ID names",
        rules([{ templateId: TEMPLATE, adoptRuleId: "1b9c0a3e-5d2f-4c6b-8a7e-9f0d1c2b3a4e" }]),
        "azure-native:subscriptionId",
        "is required to adopt Azure resources",
    ],
    [
        "an adopted rule ID that is not a GUID",
        rules([{ templateId: TEMPLATE, adoptRuleId: "my-rule" }]),
        "sentinel-aws:content.analyticsRules[0].adoptRuleId",
        '"my-rule"',
    ],
    [
        "a rule template the workspace's catalogue does not have",
        rules(["recommended", "8a1d6e7c-1b2c-4d3e-9f40-0000000000ff"]),
        "sentinel-aws:content.analyticsRules[1]",
        '"8a1d6e7c-1b2c-4d3e-9f40-0000000000ff"',
        "content",
    ],
    [
        "a rule template listed twice",
        rules([TEMPLATE, { templateId: TEMPLATE, severity: "High" }]),
        "sentinel-aws:content.analyticsRules[1].templateId",
        `"${TEMPLATE}"`,
        "content",
    ],
    [
        "a workspace nested 100,000 deep in JSON text",
        { "sentinel-aws:workspace": `${"[".repeat(100_000)}${"]".repeat(100_000)}` },
        "sentinel-aws:workspace",
        "must be an object, not [[[[",
    ],
];

describe(`bad stack config through npm run plan (${CASES.length} kinds)`, () => {
    for (const [what, config, keyPath, shown, stack = "check"] of CASES) {
        it(`refuses ${what}, naming ${keyPath}`, async () => {
            const { code, stdout, stderr } = await plan(stackFile(stack, config));
            expect(code, stderr).to.equal(EXIT.badInput);
            expect(stdout).to.equal("");
            const lines = stderr.split("\n").filter((l) => l.includes(`${keyPath}:`) || l.includes(`${keyPath}.`));
            expect(lines, stderr).to.have.length.greaterThan(0);
            expect(
                lines.some((l) => l.includes(shown)),
                `no line shows ${shown}:\n${stderr}`,
            ).to.equal(true);
            // Whatever the config holds is shown escaped: printable ASCII only, and no backtick to end a code block.
            expect(stderr).to.not.match(/[^\n\x20-\x5f\x61-\x7e]/);
            const problems = stderr.split("\n").filter((l) => l.startsWith("  - "));
            expect(new Set(problems).size, "a problem reported twice").to.equal(problems.length);
            expect(stderr).to.not.match(/\n\s+at /);
            expect(stderr).to.include("No resource was registered.");
        });
    }

    it("accepts the valid base these cases start from (so each refusal is the case's own)", async () => {
        const { code, stderr } = await plan(stackFile("check", {}));
        expect(code, stderr).to.equal(EXIT.ok);
    });
});
