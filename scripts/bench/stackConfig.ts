// Stack configs of any size for the benchmark, in the flat form Pulumi hands the program:
// one workspace and N listed AWS accounts, each with its own ID, label and deployment role
// (on the CloudTrail API connector, or on the S3 connector with every log type and some
// VPCs); or one workspace and an organisation of N member accounts spread over a few OUs,
// with the account list Organizations would answer.
import type { OrgAccounts } from "../../plan/orgAccounts";

const WORKSPACE = { name: "sentinel-bench", resourceGroupName: "rg-sentinel-bench" };
const TAGS = { owner: "secops" };
/** Organisations of thousands of accounts spread them over OUs; the count of OUs changes only the count of stack instances. */
const ORGANIZATIONAL_UNITS = 10;

/** VPCs per S3 account: 50 accounts reach the stack's limit of 500 flow logs. */
const VPCS_PER_S3_ACCOUNT = 10;

function s3Settings(account: number) {
    const vpcIds = Array.from({ length: VPCS_PER_S3_ACCOUNT }, (_, v) => `vpc-${String(account * 100 + v).padStart(8, "0")}`);
    return { logTypes: ["cloudTrail", "guardDuty", "vpcFlowLogs"], guardDutyDetectorId: "12abc34d567e8fa901bc2d34e56789f0", kmsEncryption: true, vpcIds };
}

export function benchStackConfig(accounts: number, connector: "cloudTrailApi" | "s3" = "cloudTrailApi"): Record<string, string> {
    const awsAccounts = Array.from({ length: accounts }, (_, i) => {
        const accountId = String(100_000_000_000 + i);
        const entry = { name: `account-${i}`, accountId, region: "us-east-1", assumeRoleArn: `arn:aws:iam::${accountId}:role/pulumi-deploy` };
        return connector === "s3" ? { ...entry, connector, s3: s3Settings(i) } : entry;
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
