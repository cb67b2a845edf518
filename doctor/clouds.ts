// Where the doctor signs in and which endpoints it calls, for real: each SDK's default
// credential chain, and the endpoints of the workspace's Azure cloud.
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { AzureAuthorityHosts, DefaultAzureCredential } from "@azure/identity";
import type { AzureCloud } from "../src/facts";
import type { AwsAccess } from "./awsSignIn";
import type { CallLimits } from "./bounds";
import type { AzureAccess } from "./azureChecks";

/** Azure Resource Manager and Log Analytics per cloud (learn.microsoft.com: Azure Government developer guide; Log Analytics API overview). */
const AZURE_ENDPOINTS: Readonly<Record<AzureCloud, { arm: string; logs: string; authorityHost: string }>> = {
    public: { arm: "https://management.azure.com", logs: "https://api.loganalytics.io", authorityHost: AzureAuthorityHosts.AzurePublicCloud },
    usGovernment: { arm: "https://management.usgovcloudapi.net", logs: "https://api.loganalytics.us", authorityHost: AzureAuthorityHosts.AzureGovernment },
};

export interface Clouds {
    readonly aws: AwsAccess;
    readonly azure: (cloud: AzureCloud) => AzureAccess;
    /** How long and how much each call may take; CALL_LIMITS in real use, small ones in the tests. */
    readonly limits?: CallLimits;
}

export function realClouds(): Clouds {
    return {
        aws: { defaultCredentials: fromNodeProviderChain(), endpoints: {} },
        azure: (cloud) => {
            const { arm, logs, authorityHost } = AZURE_ENDPOINTS[cloud];
            return { credential: new DefaultAzureCredential({ authorityHost }), armEndpoint: arm, logsEndpoint: logs };
        },
    };
}
