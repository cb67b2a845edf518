// The monthly cost of the S3 connector's pipeline, per account and service: CloudTrail's
// copy (the first is free, any further one is charged), S3, SQS, SNS, KMS, CloudWatch alarms,
// and the workspace's ingestion. Per million events unless a volume is given; request-driven
// parts follow the log files, which CloudTrail writes per account and region with events,
// whatever their number. Prices only for the regions read (PRICED_AWS_REGIONS): elsewhere
// "not known", never guessed.
import {
    BYTES_PER_EVENT,
    GZIP_FRACTION,
    HOURS_PER_MONTH,
    KMS_REQUESTS_PER_FILE,
    LOG_FILES_PER_HOUR,
    PRICED_AWS_REGIONS,
    PRICES,
    Range,
    Sourced,
    SQS_REQUESTS_PER_FILE,
} from "./constants";
import type { LogAccount } from "./shape";
import type { Assumption } from "./time";

export const SERVICES = ["cloudTrail", "s3", "sqs", "sns", "kms", "cloudWatch", "azureIngestion"] as const;
export type Service = (typeof SERVICES)[number];
/** USD a month, or null where the account's region has no price read here. */
export type ServiceCost = Range | null;

export interface CostOptions {
    /** Events a month; default one million (the basis of comparison). */
    readonly eventsPerMonth?: number;
    /** Accounts whose logs an organisation trail delivers, when known (each writes its own files). */
    readonly organizationAccounts?: number;
}

export interface AccountCost {
    readonly accountId: string;
    readonly label: string;
    readonly region: string;
    readonly services: Readonly<Record<Service, ServiceCost>>;
    readonly usd: Range;
    /** Services left out of `usd` because their price in this region is not known. */
    readonly priceNotKnown: readonly Service[];
    /** Accounts (and regions) delivering log files, as counted. */
    readonly deliveringAccounts: number;
    /** It pays for a second copy of management events. */
    readonly secondTrailCopy: boolean;
    readonly notes: readonly string[];
}

export interface MonthlyCost {
    readonly basis: { readonly eventsPerMonth: number; readonly perMillionEvents: boolean };
    readonly accounts: readonly AccountCost[];
    readonly services: Readonly<Record<Service, Range>>;
    readonly usd: Range;
    readonly priceNotKnown: readonly string[];
    readonly prices: readonly Assumption[];
}

const MILLION = 1_000_000;
const GB = 1e9;
const range = (low: number, high: number): Range => ({ low, high });
const fixed = (n: number): Range => range(n, n);
const cents = (n: number) => Math.round(n * 100) / 100;
const priced = (name: string, c: Sourced): Assumption => ({ name, ...c });

/** An organisation trail, or a trail read from an existing bucket, records the account's management events already. */
function organizationTrailElsewhere(account: LogAccount, all: readonly LogAccount[]): LogAccount | undefined {
    return all.find((o) => o.accountId !== account.accountId && (o.trail?.organization === true || o.readsExistingTrail));
}

/** The warning a second, charged copy of management events gets, naming the account; undefined when there is none. */
export function secondCopyWarning(account: LogAccount, all: readonly LogAccount[]): string | undefined {
    const other = organizationTrailElsewhere(account, all);
    if (!account.trail || !other) return undefined;
    const first = other.trail?.organization
        ? `the organisation trail ${other.trail.name} of account ${other.accountId} (${other.label})`
        : `the existing trail account ${other.accountId} (${other.label}) reads (existingBucket)`;
    const what = account.trail.organization
        ? "an organisation trail, a second copy for every member account,"
        : "a trail of its own, a second copy of its management events,";
    const price = PRICES.cloudTrailPaidCopyPer100k;
    return (
        `Account ${account.accountId} (${account.label}) creates ${what} while ${first} already records them: CloudTrail charges ` +
        `$${price.value.toFixed(2)} per 100,000 events for it, $${((price.value * MILLION) / 100_000).toFixed(2)} per million (${price.source}, read ${price.read}). ` +
        `Read the existing trail's bucket instead (s3.existingBucket), or leave cloudTrail out of this account's logTypes.`
    );
}

function accountCost(account: LogAccount, all: readonly LogAccount[], options: CostOptions): AccountCost {
    const readsCloudTrail = account.tables.includes("AWSCloudTrail");
    const events = readsCloudTrail ? (options.eventsPerMonth ?? MILLION) : 0;
    const delivering = readsCloudTrail ? (account.trail?.organization || account.readsExistingTrail ? (options.organizationAccounts ?? 1) : 1) : 0;
    const files = LOG_FILES_PER_HOUR.value * HOURS_PER_MONTH.value * delivering;
    const rawGb = range((events * BYTES_PER_EVENT.value.low) / GB, (events * BYTES_PER_EVENT.value.high) / GB);
    const secondCopy = account.trail !== undefined && organizationTrailElsewhere(account, all) !== undefined;
    const ownBucket = !account.readsExistingTrail;
    const regionPriced = (PRICED_AWS_REGIONS as readonly string[]).includes(account.region);
    const inRegion = (cost: Range): ServiceCost => (regionPriced ? cost : null);

    const s3 = ownBucket
        ? range(
              rawGb.low * GZIP_FRACTION.value.low * PRICES.s3StandardGbMonth.value + (files * (PRICES.s3PutPer1000.value + PRICES.s3GetPer1000.value)) / 1000,
              rawGb.high * GZIP_FRACTION.value.high * PRICES.s3StandardGbMonth.value + (files * (PRICES.s3PutPer1000.value + PRICES.s3GetPer1000.value)) / 1000,
          )
        : fixed((files * PRICES.s3GetPer1000.value) / 1000);
    const kmsRequests = account.kmsKeys > 0 ? (files * KMS_REQUESTS_PER_FILE.value * PRICES.kmsPer10k.value) / 10_000 : 0;
    const services: Record<Service, ServiceCost> = {
        cloudTrail: fixed(secondCopy ? (events * PRICES.cloudTrailPaidCopyPer100k.value) / 100_000 : 0),
        s3: inRegion(s3),
        sqs: inRegion(fixed((files * SQS_REQUESTS_PER_FILE.value * PRICES.sqsPerMillion.value) / MILLION)),
        sns: inRegion(fixed(account.viaSns ? (files * PRICES.snsPerMillion.value) / MILLION : 0)),
        kms: inRegion(fixed(account.kmsKeys * PRICES.kmsKeyMonth.value + kmsRequests)),
        cloudWatch: inRegion(fixed(account.alarms * PRICES.cloudWatchAlarmMonth.value)),
        azureIngestion: range(rawGb.low * PRICES.azureIngestionPerGb.value.low, rawGb.high * PRICES.azureIngestionPerGb.value.high),
    };
    const notes = [
        ...(readsCloudTrail ? [] : [`feeds ${account.tables.join(", ")}: only its fixed costs are counted (their volume is not CloudTrail's)`]),
        ...(account.trail?.dataEvents
            ? [
                  `its trail records data events, charged on every copy at $${PRICES.cloudTrailDataEventsPer100k.value} per 100,000: not counted (their volume is not known)`,
              ]
            : []),
        ...(account.tables.includes("AWSCloudWatch")
            ? [
                  `its CloudWatch Logs function runs once per batch, charged $${PRICES.lambdaPerMillion.value} per million invocations and $${PRICES.lambdaPerGbSecond.value} per GB-second, with S3 writes and SQS notifications per batch: not counted (the batches depend on the log groups' volume)`,
              ]
            : []),
        ...(account.tables.includes("AWSWAF")
            ? [
                  `WAF's logs are delivered to S3 by CloudWatch Logs, charged $${PRICES.vendedLogsToS3PerGb.value} per GB (vended logs, us-east-1): not counted (their volume follows the web ACLs' traffic)`,
              ]
            : []),
        ...(account.readsExistingTrail ? ["the existing bucket's storage and writes are its owner's already: only Sentinel's reads are counted"] : []),
        ...((account.trail?.organization || account.readsExistingTrail) && options.organizationAccounts === undefined && readsCloudTrail
            ? ["an organisation trail writes files for every member account: request costs are for one account, multiply them by the members"]
            : []),
        ...(regionPriced ? [] : [`prices of ${account.region} not read: S3, SQS, SNS, KMS and CloudWatch not known`]),
    ];
    const known = SERVICES.filter((s) => services[s] !== null);
    const usd = range(cents(known.reduce((n, s) => n + services[s]!.low, 0)), cents(known.reduce((n, s) => n + services[s]!.high, 0)));
    const roundedServices = Object.fromEntries(SERVICES.map((s) => [s, services[s] && range(cents(services[s]!.low), cents(services[s]!.high))])) as Record<
        Service,
        ServiceCost
    >;
    return {
        accountId: account.accountId,
        label: account.label,
        region: account.region,
        services: roundedServices,
        usd,
        priceNotKnown: SERVICES.filter((s) => services[s] === null),
        deliveringAccounts: delivering,
        secondTrailCopy: secondCopy,
        notes,
    };
}

/** The monthly cost of every S3-connector account of the plan; undefined when it has none. */
export function monthlyCost(accounts: readonly LogAccount[], options: CostOptions = {}): MonthlyCost | undefined {
    if (accounts.length === 0) return undefined;
    const costs = accounts.map((a) => accountCost(a, accounts, options));
    const sum = (pick: (c: AccountCost) => Range | null, side: "low" | "high") => cents(costs.reduce((n, c) => n + (pick(c)?.[side] ?? 0), 0));
    const services = Object.fromEntries(
        SERVICES.map((s) => [
            s,
            range(
                sum((c) => c.services[s], "low"),
                sum((c) => c.services[s], "high"),
            ),
        ]),
    ) as Record<Service, Range>;
    return {
        basis: { eventsPerMonth: options.eventsPerMonth ?? MILLION, perMillionEvents: options.eventsPerMonth === undefined },
        accounts: costs,
        services,
        usd: range(
            sum((c) => c.usd, "low"),
            sum((c) => c.usd, "high"),
        ),
        priceNotKnown: costs.flatMap((c) => c.priceNotKnown.map((s) => `${s} in ${c.region} (account ${c.accountId})`)),
        prices: [
            ...Object.entries(PRICES).map(([name, c]) => priced(name, c)),
            {
                name: "pricedAwsRegions",
                value: PRICED_AWS_REGIONS.join(", "),
                unit: "AWS regions whose prices were read",
                source: "the pages above",
                read: "2026-12",
            },
            priced("logFilesPerHour", LOG_FILES_PER_HOUR),
            priced("hoursPerMonth", HOURS_PER_MONTH),
            priced("bytesPerEvent", BYTES_PER_EVENT),
            priced("gzipFraction", GZIP_FRACTION),
            priced("sqsRequestsPerFile", SQS_REQUESTS_PER_FILE),
            priced("kmsRequestsPerFile", KMS_REQUESTS_PER_FILE),
        ],
    };
}
