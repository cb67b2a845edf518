// Every constant of the deployment and cost estimates, each with where it comes from and when
// it was read. An `assumption` is no vendor's figure: it is labelled so wherever it is shown,
// with the range it spans. Nothing here is tuned to reach a goal (docs/estimates.md).

export interface Range {
    readonly low: number;
    readonly high: number;
}

export interface Sourced<T = number | Range> {
    readonly value: T;
    /** What the value measures, in words a reader checks it against. */
    readonly unit: string;
    readonly source: string;
    /** When the source was read (YYYY-MM or YYYY-MM-DD). */
    readonly read: string;
    /** No vendor publishes it: a labelled assumption over a range. */
    readonly assumption?: true;
}

const sourced = <T extends number | Range>(value: T, unit: string, source: string, read: string, assumption = false): Sourced<T> =>
    assumption ? { value, unit, source, read, assumption: true } : { value, unit, source, read };

// --- StackSets --------------------------------------------------------------------------

/**
 * One wave of a StackSet operation creating one IAM role (and its managed-policy attachment)
 * in each account of the wave. No AWS page gives it. The nearest published figure is Prowler's
 * documentation of a StackSet of one read-only role: "typically 2–5 minutes" for a whole
 * deployment, waves and operation overhead included; a single wave is taken to be 1–3 minutes.
 */
export const STACKSET_WAVE_MINUTES = sourced(
    { low: 1, high: 3 },
    "minutes per StackSet wave creating one IAM role per account",
    "assumption: no AWS figure; bounded by prowler-cloud/prowler docs (PR 12512): a one-role StackSet 'typically takes 2–5 minutes' in all",
    "2026-12-06",
    true,
);

/** AWS's defaults when an operation names no preferences (API reference, StackSetOperationPreferences). */
export const STACKSET_DEFAULT_MAX_CONCURRENT_COUNT = sourced(
    1,
    "accounts at once when MaxConcurrentCount/Percentage is absent",
    "AWS CloudFormation API reference, StackSetOperationPreferences",
    "2026-12-06",
);
export const STACKSET_DEFAULT_FAILURE_TOLERANCE_COUNT = sourced(
    0,
    "failures tolerated when FailureToleranceCount/Percentage is absent",
    "AWS CloudFormation API reference, StackSetOperationPreferences",
    "2026-12-06",
);

/** How CloudFormation reads the preferences: the facts the wave count follows. */
export const STACKSET_RULES = {
    strict: "STRICT_FAILURE_TOLERANCE (the default): starts at min(MaxConcurrent, FailureTolerance + 1) accounts (API reference, StackSetOperationPreferences, read 2026-12-06)",
    soft: "SOFT_FAILURE_TOLERANCE: runs MaxConcurrent accounts at once whatever the failures (same page)",
    rounding:
        "percentages are of the operation's accounts, rounded down; MaxConcurrentPercentage never below 1 account (API reference, StackSetOperationPreferences: MaxConcurrentPercentage, FailureTolerancePercentage, read 2026-12-06)",
    queue: "with managed execution, an operation that arrives while another runs on the same StackSet is queued, even if it does not conflict (API reference, ManagedExecution, read 2026-12-06): one StackSet's operations run one after another",
} as const;

// --- Azure Resource Manager and azure-native --------------------------------------------

/** Writes per subscription and principal (token bucket). */
export const ARM_WRITES = {
    burst: sourced(200, "write requests in the bucket", "Azure Resource Manager request-limits-and-throttling (2024+ token bucket)", "2026-12"),
    perSecond: sourced(10, "write requests refilled per second", "Azure Resource Manager request-limits-and-throttling", "2026-12"),
};
/** Reads per subscription and principal (token bucket). */
export const ARM_READS = {
    burst: sourced(250, "read requests in the bucket", "Azure Resource Manager request-limits-and-throttling", "2026-12"),
    perSecond: sourced(25, "read requests refilled per second", "Azure Resource Manager request-limits-and-throttling", "2026-12"),
};
/** azure-native creates a resource with a GET (does it exist?) then a PUT: one write. */
export const AZURE_NATIVE_WRITES_PER_CREATE = sourced(
    1,
    "ARM writes per created resource (after one read)",
    "pulumi/pulumi-azure-native provider/pkg/azure/client_azcore.go (GET then PUT; 429 retried 3 times, given up when Retry-After > 120 s)",
    "2026-12",
);
/** Round trips of one resource's create (GET + PUT) against ARM. */
export const ARM_CREATE_SECONDS = sourced(
    { low: 1, high: 3 },
    "seconds one Azure resource's create holds an engine slot",
    "assumption: no published latency for data connector PUTs",
    "2026-12-06",
    true,
);
/** Creating one AWS resource (role, queue, key, trail) through its API. */
export const AWS_CREATE_SECONDS = sourced(
    { low: 1, high: 5 },
    "seconds one AWS resource's create holds an engine slot",
    "assumption: no published latency",
    "2026-12-06",
    true,
);
/** Reading one resource back, as `pulumi up --refresh` does. */
export const REFRESH_READ_SECONDS = sourced(
    { low: 0.2, high: 1 },
    "seconds one refresh read holds an engine slot",
    "assumption: no published latency",
    "2026-12-06",
    true,
);

// --- The Pulumi engine ------------------------------------------------------------------

/** Pulumi's default `--parallel` is this many times GOMAXPROCS. */
export const PARALLEL_PER_GOMAXPROCS = sourced(
    4,
    "parallel steps per GOMAXPROCS",
    "pulumi/pulumi pkg/cmd/pulumi up.go (PRs 15016, 18782); PULUMI_PARALLEL overrides it",
    "2026-12",
);
/**
 * GOMAXPROCS is the CPU count the Go runtime sees (Go runtime docs; cgroup-aware since Go 1.25),
 * so on the runner the deploy workflow uses it is the runner's CPU count.
 */
export const RUNNER_CPUS = sourced(
    4,
    "CPUs of GitHub's standard Linux runner (ubuntu-24.04, public repositories)",
    "GitHub docs, 'Supported runners and hardware resources': Linux 4 CPU, 16 GB RAM",
    "2026-12-06",
);
/** A GitHub-hosted job stops after this (the deploy workflow's timeout-minutes). */
export const GITHUB_JOB_LIMIT_MINUTES = sourced(
    360,
    "minutes a job may run on a GitHub-hosted runner",
    "GitHub docs, Actions usage limits: 'Each job in a workflow can run for up to 6 hours'",
    "2026-12-06",
);

/** Pulumi's journaling benchmark: one stack of 3,222 resources created on Pulumi Cloud. */
export const JOURNALING_BENCHMARK = {
    resources: sourced(3222, "resources created", "Pulumi blog, 'Speeding up pulumi operations by up to 20x' (journaling), Dec 2025", "2026-12"),
    snapshotSeconds: sourced(3506, "seconds without journaling (58 min 26 s)", "Pulumi blog, journaling, Dec 2025", "2026-12"),
    journalSeconds: sourced(170, "seconds with PULUMI_ENABLE_JOURNALING (2 min 50 s)", "Pulumi blog, journaling, Dec 2025", "2026-12"),
};
/** The engine saves the state before and after each step that creates a resource, one save at a time. */
export const SAVES_PER_CREATE = sourced(2, "state saves per created resource", "Pulumi blog, journaling, Dec 2025; pulumi/pulumi issue 13502", "2026-12");
/** A refresh step writes once: there is no operation to record as pending before it. */
export const SAVES_PER_REFRESH = sourced(1, "state saves per refreshed resource", "assumption: a refresh step records only its result", "2026-12-06", true);
/** Self-managed (bucket) backends write the whole state file per save. */
export const SELF_MANAGED_SAVE_SECONDS = sourced(
    { low: 1, high: 3 },
    "seconds per state save to a bucket backend",
    "pulumi/pulumi issues 14967, 10960",
    "2026-12",
);
/** From this CLI version journaling is on by default against Pulumi Cloud. */
export const JOURNALING_DEFAULT_SINCE =
    "Pulumi CLI v3.225.0 journals by default against Pulumi Cloud (Pulumi blog, 'Journaling GA', read 2026-12-06); PULUMI_DISABLE_JOURNALING turns it off";

// --- Prices -----------------------------------------------------------------------------

/** Regions whose AWS prices were read; any other region's price is not known here. */
export const PRICED_AWS_REGIONS = ["us-east-1"] as const;

const AWS_PRICES_READ = "2026-12";
export const PRICES = {
    /** CloudTrail's price page gives trail prices without a region. */
    cloudTrailPaidCopyPer100k: sourced(
        2.0,
        "USD per 100,000 management events of a second or later copy",
        "aws.amazon.com/cloudtrail/pricing (first copy free)",
        "2026-12-06",
    ),
    cloudTrailDataEventsPer100k: sourced(0.1, "USD per 100,000 data events, every copy", "aws.amazon.com/cloudtrail/pricing", "2026-12-06"),
    s3StandardGbMonth: sourced(0.023, "USD per GB-month, S3 Standard, us-east-1", "aws.amazon.com/s3/pricing", AWS_PRICES_READ),
    s3PutPer1000: sourced(
        0.005,
        "USD per 1,000 PUT requests, S3 Standard, us-east-1",
        "aws.amazon.com/s3/pricing (read through c3x.dev's request-fee table)",
        "2026-12-06",
    ),
    s3GetPer1000: sourced(
        0.0004,
        "USD per 1,000 GET requests, S3 Standard, us-east-1",
        "aws.amazon.com/s3/pricing (read through c3x.dev's request-fee table)",
        "2026-12-06",
    ),
    sqsPerMillion: sourced(
        0.4,
        "USD per million SQS requests, us-east-1 (first million a month free per account, not subtracted)",
        "aws.amazon.com/sqs/pricing",
        AWS_PRICES_READ,
    ),
    snsPerMillion: sourced(0.5, "USD per million SNS publishes, us-east-1 (first million free, not subtracted)", "aws.amazon.com/sns/pricing", AWS_PRICES_READ),
    kmsKeyMonth: sourced(1, "USD per customer managed key and month, us-east-1", "aws.amazon.com/kms/pricing", AWS_PRICES_READ),
    kmsPer10k: sourced(0.03, "USD per 10,000 KMS requests, us-east-1 (20,000 free a month, not subtracted)", "aws.amazon.com/kms/pricing", AWS_PRICES_READ),
    lambdaPerMillion: sourced(
        0.2,
        "USD per million Lambda requests, us-east-1 (first million a month free, not subtracted)",
        "aws.amazon.com/lambda/pricing; docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html",
        "2026-12-06",
    ),
    lambdaPerGbSecond: sourced(
        0.0000166667,
        "USD per GB-second of Lambda duration, x86, first 6 billion GB-seconds a month, us-east-1",
        "aws.amazon.com/lambda/pricing",
        "2026-12-06",
    ),
    /**
     * AWS's pricing page could not be read from here: the price is CloudWatch's vended logs
     * delivered to S3, first 10 TB a month, us-east-1, as an AWS sample and a 2023 post quote it.
     */
    vendedLogsToS3PerGb: sourced(
        0.25,
        "USD per GB of vended logs (WAF's) delivered to S3 by CloudWatch Logs, first 10 TB a month, us-east-1; charged in the web ACL's region",
        "secondary, not AWS's page: aws-samples/sample-cfm-tips-mcp services/cloudwatch_service_vended_log.py ('$0.25/GB (vended to S3/Firehose)'); tech.enechange.co.jp 2023-02-07 (WAF's S3 delivery is charged as vended logs of the web ACL's region)",
        "2026-12-06",
    ),
    cloudWatchAlarmMonth: sourced(0.1, "USD per standard-resolution alarm and month, us-east-1", "aws.amazon.com/cloudwatch/pricing", AWS_PRICES_READ),
    /**
     * Microsoft's page (azure.microsoft.com/pricing/details/microsoft-sentinel) could not be read
     * from here: the range is what secondary sources quote for the pay-as-you-go analytics tier
     * across regions. Check the page for the workspace's region.
     */
    azureIngestionPerGb: sourced(
        { low: 4, high: 5.5 },
        "USD per GB ingested, Sentinel + Log Analytics pay-as-you-go list price (analytics tier), any region",
        "secondary, not Microsoft's page: headland.pages.dev ('analytics ingest runs roughly $4 to $5.50 per GB pay-as-you-go', 2025); a SIEM price comparison quotes ~$4.30-$5.22",
        "2026-12-06",
    ),
} as const;

// --- What the logs look like ------------------------------------------------------------

/** CloudTrail delivers a log file about every five minutes per account and region with events. */
export const LOG_FILES_PER_HOUR = sourced(
    12,
    "CloudTrail log files per hour, per account and region with events",
    "AWS CloudTrail User Guide/FAQ: log files are delivered about every 5 minutes",
    "2026-12-06",
);
export const HOURS_PER_MONTH = sourced(730, "hours in a month", "AWS pricing pages' convention", "2026-12-06");
/** One CloudTrail record as JSON: what the workspace bills for. */
export const BYTES_PER_EVENT = sourced(
    { low: 1000, high: 2000 },
    "bytes per CloudTrail record, uncompressed",
    "assumption: AWS publishes no average record size",
    "2026-12-06",
    true,
);
/** CloudTrail gzips its files: what S3 stores of a record. */
export const GZIP_FRACTION = sourced(
    { low: 0.1, high: 0.2 },
    "stored bytes per uncompressed byte (json.gz)",
    "assumption: typical gzip ratio for JSON logs",
    "2026-12-06",
    true,
);
/** Per log file: S3 (or SNS) sends one message, Sentinel receives and deletes it. */
export const SQS_REQUESTS_PER_FILE = sourced(3, "SQS requests per log file", "assumption from the pipeline: send, receive, delete", "2026-12-06", true);
/** Per log file: CloudTrail asks for a data key, Sentinel decrypts it. */
export const KMS_REQUESTS_PER_FILE = sourced(2, "KMS requests per log file", "assumption from the pipeline: GenerateDataKey, Decrypt", "2026-12-06", true);
