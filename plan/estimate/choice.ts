// Choosing with numbers: the organisation size above which organisation mode's first
// `pulumi up` may outrun a GitHub-hosted job, found by running the time model itself over
// organisations of growing size (the plan's own OUs, preferences, backend and --parallel),
// and the S3 organisation-trail path's estimate beside it.
import { GITHUB_JOB_LIMIT_MINUTES, Range } from "./constants";
import { monthlyCost } from "./cost";
import { DeploymentShape, LogAccount, stackSetConcurrency, StackSetOperation } from "./shape";
import { firstDeployTime, TimeOptions } from "./time";

/**
 * What one S3-connector account with an organisation trail registers (the management account
 * of examples/Pulumi.s3.yaml; tests/estimate.test.ts holds these to its plan): its provider,
 * 15 AWS resources, one IAM wait, one Azure data connector, 5 components.
 */
export const S3_ORG_TRAIL_ACCOUNT = { providers: 1, awsCreates: 15, waitSeconds: 30, azureCreates: 1, components: 5, kmsKeys: 1, alarms: 1 } as const;

/** Largest organisation searched; beyond AWS Organizations' usual quotas. */
const MAX_MEMBERS = 100_000;

/** Organisation mode's shape at `members` accounts, spread evenly over the plan's operations, the rest of the plan unchanged. */
export function scaledOrganization(shape: DeploymentShape, members: number): DeploymentShape {
    const ops = shape.stackSetOperations;
    const added = members - shape.organizationMembers;
    const perOp = (i: number) => Math.floor(members / ops.length) + (i < members % ops.length ? 1 : 0);
    const operations: StackSetOperation[] = ops.map((op, i) => {
        const accounts = perOp(i);
        return { ...op, accounts, ...stackSetConcurrency(accounts, op.preferences) };
    });
    return {
        ...shape,
        steps: shape.steps + added,
        customResources: shape.customResources + added,
        azureCreates: shape.azureCreates + added,
        stackSetOperations: operations,
        organizationMembers: members,
    };
}

/** The same shape with every StackSet operation in SOFT_FAILURE_TOLERANCE mode. */
export function withSoftConcurrency(shape: DeploymentShape): DeploymentShape {
    const operations = shape.stackSetOperations.map((op) => {
        const preferences = {
            ...(typeof op.preferences === "object" && op.preferences !== null ? op.preferences : {}),
            concurrencyMode: "SOFT_FAILURE_TOLERANCE",
        };
        return { ...op, preferences, ...stackSetConcurrency(op.accounts, preferences) };
    });
    return { ...shape, stackSetOperations: operations };
}

/** The smallest member count whose first deployment's high estimate exceeds a GitHub-hosted job's limit; undefined if none up to MAX_MEMBERS. */
export function organizationThreshold(shape: DeploymentShape, options: TimeOptions): number | undefined {
    const over = (n: number) => firstDeployTime(scaledOrganization(shape, n), options).minutes.high > GITHUB_JOB_LIMIT_MINUTES.value;
    if (!over(MAX_MEMBERS)) return undefined;
    let low = 1;
    let high = MAX_MEMBERS;
    if (over(low)) return low;
    // The estimate grows with members (more connectors, saves and writes; waves per OU stay nearly flat).
    while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (over(mid)) high = mid;
        else low = mid;
    }
    return high;
}

/** The S3 organisation-trail path for the same workspace: one account, whatever the organisation's size. */
export function s3OrgTrailShape(shape: DeploymentShape): DeploymentShape {
    const a = S3_ORG_TRAIL_ACCOUNT;
    const workspaceAzure = shape.azureCreates - shape.organizationMembers;
    const account: LogAccount = {
        accountId: "management",
        label: "organisation trail",
        region: "us-east-1",
        tables: ["AWSCloudTrail"],
        trail: { name: "organisation trail", organization: true, dataEvents: false },
        readsExistingTrail: false,
        kmsKeys: a.kmsKeys,
        alarms: a.alarms,
        viaSns: false,
    };
    const custom = workspaceAzure + a.azureCreates + a.awsCreates + 1;
    return {
        steps: 1 + custom + a.components + a.providers + 2,
        customResources: custom,
        azureCreates: workspaceAzure + a.azureCreates,
        awsCreates: a.awsCreates,
        otherWaitSeconds: [a.waitSeconds],
        stackSetOperations: [],
        providerProcesses: { aws: 1, "azure-native": 1, time: 1 },
        stateBytes: 0,
        logAccounts: [account],
        organizationMembers: 0,
    };
}

export interface Choice {
    readonly members: number;
    /** Members above which the S3 organisation-trail path is recommended (null: never, up to 100,000). */
    readonly thresholdMembers: number | null;
    readonly basis: string;
    readonly recommendS3OrgTrail: boolean;
    readonly organizationMode: { readonly firstDeployMinutes: Range; readonly usdPerMonth: Range; readonly basis: string };
    readonly s3OrgTrail: { readonly firstDeployMinutes: Range; readonly usdPerMonth: Range; readonly basis: string };
}

/** Organisation mode against the S3 organisation-trail path, for a plan with StackSet operations. */
export function choiceFor(shape: DeploymentShape, options: TimeOptions): Choice | undefined {
    if (shape.stackSetOperations.length === 0) return undefined;
    const threshold = organizationThreshold(shape, options);
    const s3 = s3OrgTrailShape(shape);
    const members = shape.organizationMembers;
    const cost = monthlyCost(s3.logAccounts, { organizationAccounts: Math.max(1, members) })!;
    return {
        members,
        thresholdMembers: threshold ?? null,
        basis: `the member count at which this plan's organisation mode (its OUs, preferences, backend and --parallel) is estimated, at the high end, to outrun a GitHub-hosted job (${GITHUB_JOB_LIMIT_MINUTES.value} min: ${GITHUB_JOB_LIMIT_MINUTES.source}); found by running the time model over organisations of growing size`,
        recommendS3OrgTrail: threshold !== undefined && members > threshold,
        organizationMode: {
            firstDeployMinutes: firstDeployTime(shape, options).minutes,
            usdPerMonth: cost.services.azureIngestion,
            basis: "per million events: the workspace's ingestion only; the CloudTrail API connector costs nothing on AWS",
        },
        s3OrgTrail: {
            firstDeployMinutes: firstDeployTime(s3, options).minutes,
            usdPerMonth: cost.usd,
            basis: `per million events, ${Math.max(1, members)} member accounts delivering log files, us-east-1 prices, Azure ingestion included (the same events reach the workspace either way)`,
        },
    };
}
