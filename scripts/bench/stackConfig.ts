// Stack configs of any size for the benchmark: one workspace and N AWS accounts, each
// with its own ID, label and deployment role, in the flat form Pulumi hands the program.

export function benchStackConfig(accounts: number): Record<string, string> {
    const awsAccounts = Array.from({ length: accounts }, (_, i) => {
        const accountId = String(100_000_000_000 + i);
        return { name: `account-${i}`, accountId, region: "us-east-1", assumeRoleArn: `arn:aws:iam::${accountId}:role/pulumi-deploy` };
    });
    return {
        "azure-native:location": "westeurope",
        "sentinel-aws:workspace": JSON.stringify({ name: "sentinel-bench", resourceGroupName: "rg-sentinel-bench" }),
        "sentinel-aws:awsAccounts": JSON.stringify(awsAccounts),
        "sentinel-aws:tags": JSON.stringify({ owner: "secops" }),
    };
}
