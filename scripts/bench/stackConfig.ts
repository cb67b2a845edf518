// Stack configs of any size for the benchmark, in the flat form Pulumi hands the program:
// one workspace and N listed AWS accounts, each with its own ID, label and deployment role
// (on the CloudTrail API connector, or on the S3 connector at the stack's limits: some VPCs
// each, and as many accounts with CloudWatch Logs and WAF, log groups and web ACLs as a stack
// may have); or one workspace and an organisation of N member accounts spread over a few OUs,
// with the account list Organizations would answer.
import type { OrgAccounts } from "../../plan/orgAccounts";
import { LIMITS } from "../../src/facts";

const WORKSPACE = { name: "sentinel-bench", resourceGroupName: "rg-sentinel-bench" };
const TAGS = { owner: "secops" };
/** Organisations of thousands of accounts spread them over OUs; the count of OUs changes only the count of stack instances. */
const ORGANIZATIONAL_UNITS = 10;

/** VPCs per S3 account: 50 accounts reach the stack's limit of 500 flow logs. */
const VPCS_PER_S3_ACCOUNT = 10;
/** Log groups and web ACLs per account with CloudWatch Logs and WAF: as many such accounts as a stack may have reach its limits. */
const LOG_GROUPS_PER_ACCOUNT = LIMITS.logGroupsPerStack / LIMITS.functionOrWafAccounts;
const WEB_ACLS_PER_ACCOUNT = LIMITS.webAclsPerStack / LIMITS.functionOrWafAccounts;

/** The first accounts, as many as a stack may have, collect every log type; the others CloudTrail, GuardDuty and flow logs. */
function s3Settings(account: number, accountId: string) {
    const vpcIds = Array.from({ length: VPCS_PER_S3_ACCOUNT }, (_, v) => `vpc-${String(account * 100 + v).padStart(8, "0")}`);
    const common = { guardDutyDetectorId: "12abc34d567e8fa901bc2d34e56789f0", kmsEncryption: true, vpcIds };
    if (account >= LIMITS.functionOrWafAccounts) return { ...common, logTypes: ["cloudTrail", "guardDuty", "vpcFlowLogs"] };
    return {
        ...common,
        logTypes: ["cloudTrail", "guardDuty", "vpcFlowLogs", "cloudWatch", "waf"],
        cloudWatchLogGroups: Array.from({ length: LOG_GROUPS_PER_ACCOUNT }, (_, g) => ({ name: `/aws/lambda/app-${g}` })),
        wafWebAclArns: Array.from(
            { length: WEB_ACLS_PER_ACCOUNT },
            (_, w) => `arn:aws:wafv2:us-east-1:${accountId}:regional/webacl/web-${w}/${String(w).padStart(8, "0")}-0000-4000-8000-000000000000`,
        ),
    };
}

export function benchStackConfig(accounts: number, connector: "cloudTrailApi" | "s3" = "cloudTrailApi"): Record<string, string> {
    const awsAccounts = Array.from({ length: accounts }, (_, i) => {
        const accountId = String(100_000_000_000 + i);
        const entry = { name: `account-${i}`, accountId, region: "us-east-1", assumeRoleArn: `arn:aws:iam::${accountId}:role/pulumi-deploy` };
        return connector === "s3" ? { ...entry, connector, s3: s3Settings(i, accountId) } : entry;
    });
    return {
        "azure-native:location": "westeurope",
        "sentinel-aws:workspace": JSON.stringify(WORKSPACE),
        "sentinel-aws:awsAccounts": JSON.stringify(awsAccounts),
        "sentinel-aws:tags": JSON.stringify(TAGS),
    };
}

export function benchOrganization(accounts: number): { readonly config: Record<string, string>; readonly orgAccounts: OrgAccounts } {
    const ous = Array.from({ length: ORGANIZATIONAL_UNITS }, (_, i) => `ou-ab12-${String(i).padStart(8, "0")}`);
    const orgAccounts = new Map(ous.map((ou) => [ou, [] as { id: string; state: string }[]]));
    for (let i = 0; i < accounts; i++) orgAccounts.get(ous[i % ous.length])!.push({ id: String(200_000_000_000 + i), state: "ACTIVE" });
    const organization = {
        accountId: "111111111111",
        region: "us-east-1",
        assumeRoleArn: "arn:aws:iam::111111111111:role/pulumi-deploy",
        organizationalUnitIds: ous,
    };
    return {
        config: {
            "azure-native:location": "westeurope",
            "sentinel-aws:workspace": JSON.stringify(WORKSPACE),
            "sentinel-aws:organization": JSON.stringify(organization),
            "sentinel-aws:tags": JSON.stringify(TAGS),
        },
        orgAccounts,
    };
}
