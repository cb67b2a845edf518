// Rules that span several fields or entries of a stack's config; the schema checks each
// field alone. Each problem names its key path and, where there is one, the bad value.
import { defaultOidcRoleName, defaultRoleName } from "../naming";
import { OIDC_ROLE_NAME_PREFIX, oidcIssuerHost, OPT_IN_REGIONS, S3LogType, SENTINEL_OIDC } from "../s3Facts";
import { IAM_ROLE_NAME, KMS_KEY_ARN, MAX_TAGS, OIDC_PROVIDER_ARN, partitionOf, ROLE_ARN, SNS_TOPIC_ARN, WAF_WEB_ACL_ARN } from "./rules";
import { LIMITS, RawStackConfig, s3Schema } from "./schema";
import { describe } from "./show";

/** One thing wrong with the config; `value` is the bad value, when there is one to show. */
export type Problem = { path: readonly PropertyKey[]; message: string; value?: unknown };

export const LOCATION_KEY = "azure-native:location";
export const SUBSCRIPTION_KEY = "azure-native:subscriptionId";

export type RawAccount = NonNullable<RawStackConfig["awsAccounts"]>[number];
export type RawOrganization = NonNullable<RawStackConfig["organization"]>;
type S3Settings = RawAccount["s3"] & object;

/** The S3 settings of an S3-connected account, defaults filled in when the entry gives none. */
export const entryS3Settings = (a: RawAccount): S3Settings => a.s3 ?? s3Schema.parse({});

/** The role Sentinel assumes in a listed account: the entry's, else the connector's default for the stack. */
export const roleNameOf = (a: RawAccount, stack: string): string => a.roleName ?? (a.connector === "s3" ? defaultOidcRoleName(stack) : defaultRoleName(stack));

/** What adopting needs: the CloudTrail API connector, one role name, each connector once, and the subscription that names ARM IDs. */
function adoptProblems(cfg: RawStackConfig): Problem[] {
    const problems: Problem[] = [];
    const add = (path: PropertyKey[], message: string, value?: unknown) => problems.push({ path, message, value });
    const accounts = cfg.awsAccounts ?? [];
    const adopted = new Map<string, number>();
    accounts.forEach((a, i) => {
        if (a.adopt === undefined) return;
        if (a.connector === "s3") add(["awsAccounts", i, "adopt"], "applies to the CloudTrail API connector only (connector: cloudTrailApi)");
        if (a.roleName !== undefined && a.roleName !== a.adopt.roleName)
            add(
                ["awsAccounts", i, "roleName"],
                `differs from adopt.roleName ${describe(a.adopt.roleName)}: the adopted role keeps its name; remove roleName`,
                a.roleName,
            );
        // A policy of another partition cannot be attached: IAM would refuse it at deploy time.
        const [, policyPartition] = a.adopt.policyArn?.match(/^arn:([\w-]+):/) ?? [];
        if (policyPartition !== undefined && policyPartition !== partitionOf(a.region))
            add(
                ["awsAccounts", i, "adopt", "policyArn"],
                `is in the ${policyPartition} partition, but region ${a.region} is in ${partitionOf(a.region)}`,
                a.adopt.policyArn,
            );
        const connector = a.adopt.connectorId.toLowerCase();
        const earlier = adopted.get(connector);
        if (earlier !== undefined)
            add(
                ["awsAccounts", i, "adopt", "connectorId"],
                `duplicates awsAccounts[${earlier}].adopt.connectorId: one entry per connector`,
                a.adopt.connectorId,
            );
        else adopted.set(connector, i);
    });
    if (cfg.workspace.adopt && cfg.workspace.existing)
        add(["workspace", "adopt"], "and existing exclude each other: existing only reads the workspace, adopt manages it from now on");
    const adoptedRules = (cfg.content?.analyticsRules ?? []).some((entry) => typeof entry === "object" && entry.adoptRuleId !== undefined);
    const azureAdopted = cfg.workspace.adopt || adopted.size > 0 || adoptedRules;
    if (azureAdopted && cfg[SUBSCRIPTION_KEY] === undefined) {
        add([SUBSCRIPTION_KEY], "is required to adopt Azure resources: they are imported by ARM IDs, which name the subscription (az account show --query id)");
    }
    return problems;
}

/** Rules that span several fields or entries; the schema checks each field alone. */
export function crossCheck(cfg: RawStackConfig, stack: string): Problem[] {
    const problems: Problem[] = [];
    const add = (path: PropertyKey[], message: string, value?: unknown) => problems.push({ path, message, value });

    const accounts = cfg.awsAccounts ?? [];
    if (cfg.awsAccounts === undefined && cfg.organization === undefined) add(["awsAccounts"], "is required unless sentinel-aws:organization is set");
    if (!cfg.workspace.existing && cfg[LOCATION_KEY] === undefined) {
        add([LOCATION_KEY], "is required when the program creates the workspace (workspace.existing is false)");
    }
    if (cfg.workspace.existing && cfg.workspace.retentionInDays !== undefined) {
        add(
            ["workspace", "retentionInDays"],
            "applies only to a workspace this program creates; an existing workspace is never changed",
            cfg.workspace.retentionInDays,
        );
    }

    // Each entry's value at `path`, compared by `keyOf`: an account may appear twice only with
    // different connectors, the way to move it from one to the other without a gap.
    const unique: { path: readonly string[]; keyOf: (a: RawAccount) => string | undefined; rule: string }[] = [
        { path: ["name"], keyOf: (a) => a.name, rule: "labels must be unique" },
        { path: ["accountId"], keyOf: (a) => `${a.accountId}/${a.connector}`, rule: "list each AWS account once per connector" },
        { path: ["s3", "organizationId"], keyOf: (a) => a.s3?.organizationId, rule: "one organisation trail per organisation" },
    ];
    for (const { path, keyOf, rule } of unique) {
        const first = new Map<string, number>();
        accounts.forEach((a, i) => {
            const key = keyOf(a);
            if (key === undefined) return;
            const earlier = first.get(key);
            if (earlier === undefined) first.set(key, i);
            else
                add(
                    ["awsAccounts", i, ...path],
                    `duplicates awsAccounts[${earlier}].${path.join(".")}: ${rule}`,
                    path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], a),
                );
        });
    }

    const s3Accounts = accounts.filter((a) => a.connector === "s3");
    if (s3Accounts.length > LIMITS.s3Accounts) {
        add(
            ["awsAccounts"],
            `lists ${s3Accounts.length} accounts with connector s3: at most ${LIMITS.s3Accounts} (each registers up to some 46 resources; an organisation trail covers every account with one)`,
        );
    }
    const inAll = (count: (s3: NonNullable<(typeof s3Accounts)[number]["s3"]>) => number) => s3Accounts.reduce((n, a) => n + (a.s3 ? count(a.s3) : 0), 0);
    const vpcs = inAll((s3) => s3.vpcIds?.length ?? 0);
    if (vpcs > LIMITS.vpcsPerStack)
        add(
            ["awsAccounts"],
            `lists ${vpcs} VPCs in all (s3.vpcIds): at most ${LIMITS.vpcsPerStack} per stack (one flow log each); split the accounts over stacks`,
        );
    // CloudWatch Logs' function and WAF's bucket add some 37 resources to an account (src/config/schema.ts, LIMITS).
    const functionOrWafAccounts = inAll((s3) => (s3.logTypes.includes("cloudWatch") || s3.logTypes.includes("waf") ? 1 : 0));
    if (functionOrWafAccounts > LIMITS.functionOrWafAccounts)
        add(
            ["awsAccounts"],
            `lists ${functionOrWafAccounts} accounts whose s3.logTypes include cloudWatch or waf: at most ${LIMITS.functionOrWafAccounts} per stack (each adds some 37 resources, and the plan must stay under 1 GB); split the accounts over stacks`,
        );
    const logGroups = inAll((s3) => s3.cloudWatchLogGroups?.length ?? 0);
    if (logGroups > LIMITS.logGroupsPerStack)
        add(
            ["awsAccounts"],
            `lists ${logGroups} log groups in all (s3.cloudWatchLogGroups): at most ${LIMITS.logGroupsPerStack} per stack (two resources each); split the accounts over stacks`,
        );
    const webAcls = inAll((s3) => s3.wafWebAclArns?.length ?? 0);
    if (webAcls > LIMITS.webAclsPerStack)
        add(
            ["awsAccounts"],
            `lists ${webAcls} web ACLs in all (s3.wafWebAclArns): at most ${LIMITS.webAclsPerStack} per stack (a logging configuration each); split the accounts over stacks`,
        );

    problems.push(...adoptProblems(cfg));
    if (cfg.organization !== undefined) problems.push(...organizationProblems(cfg.organization, cfg, stack));
    accounts.forEach((a, i) => {
        if (a.accountId === cfg.microsoftAccountId) {
            add(["awsAccounts", i, "accountId"], "is the account Sentinel assumes roles from (microsoftAccountId), not one of yours", a.accountId);
        }
        problems.push(...signInProblems(a, ["awsAccounts", i]));
        if (cfg.organization?.accountId === a.accountId) {
            add(
                ["awsAccounts", i, "accountId"],
                `is also sentinel-aws:organization.accountId: the organisation's StackSet already gives ${a.accountId} its role (set organization.connectManagementAccount to connect the management account)`,
                a.accountId,
            );
        }
        const roleName = roleNameOf(a, stack);
        // An adopted role keeps its own name; the default is never used.
        if (a.roleName === undefined && a.adopt === undefined && !IAM_ROLE_NAME.test(roleName)) {
            add(["awsAccounts", i, "roleName"], `must be set: the default ${roleName} (from the stack name) is not a valid IAM role name`);
        }
        if (a.connector === "s3") problems.push(...s3Problems(a, i, cfg));
        else problems.push(...cloudTrailApiProblems(a, i));
        problems.push(...mergedTagProblems(cfg.tags, a.tags, ["awsAccounts", i, "tags"]));
    });
    return problems;
}

function mergedTagProblems(stackTags: ReadonlyMap<string, string>, own: ReadonlyMap<string, string> | undefined, path: PropertyKey[]): Problem[] {
    const merged = new Set([...stackTags.keys(), ...(own?.keys() ?? [])]).size;
    return merged > MAX_TAGS ? [{ path, message: `with the stack-wide tags makes ${merged} tags; AWS and Azure allow ${MAX_TAGS}` }] : [];
}

/** How the program signs in to an account (a listed one, or the organisation's): one way, into that account. */
function signInProblems(a: { accountId: string; region: string; assumeRoleArn?: string; profile?: string }, path: PropertyKey[]): Problem[] {
    const problems: Problem[] = [];
    if (a.assumeRoleArn !== undefined && a.profile !== undefined) {
        problems.push({ path, message: "sets both assumeRoleArn and profile: choose one way to authenticate" });
    }
    const [, arnPartition, arnAccount] = a.assumeRoleArn?.match(ROLE_ARN) ?? [];
    if (arnAccount !== undefined && arnAccount !== a.accountId) {
        problems.push({
            path: [...path, "assumeRoleArn"],
            message: `is a role in account ${arnAccount}, but this entry's accountId is ${a.accountId}: the deployment role must be in the account it deploys to`,
            value: a.assumeRoleArn,
        });
    }
    if (arnPartition !== undefined && arnPartition !== partitionOf(a.region)) {
        problems.push({
            path: [...path, "assumeRoleArn"],
            message: `is in the ${arnPartition} partition, but region ${a.region} is in ${partitionOf(a.region)}`,
            value: a.assumeRoleArn,
        });
    }
    return problems;
}

/** What the organisation mode needs and refuses, beyond each field's own rule. */
function organizationProblems(o: RawOrganization, cfg: RawStackConfig, stack: string): Problem[] {
    const problems: Problem[] = signInProblems(o, ["organization"]);
    const add = (path: PropertyKey[], message: string, value?: unknown) => problems.push({ path: ["organization", ...path], message, value });
    if (partitionOf(o.region) === "aws-us-gov") {
        add(
            ["region"],
            "is an AWS GovCloud region: the organisation's roles serve Sentinel's CloudTrail API connector, which reads AWS Commercial accounts only",
            o.region,
        );
    }
    if (o.accountId === cfg.microsoftAccountId)
        add(["accountId"], "is the account Sentinel assumes roles from (microsoftAccountId), not one of yours", o.accountId);
    if (o.deployAs === "delegatedAdmin") {
        if (o.managementAccountId === undefined) {
            add(
                ["managementAccountId"],
                "is required with deployAs: delegatedAdmin: the management account never receives the StackSet's role, so its connector must be left out (aws organizations describe-organization: MasterAccountId)",
            );
        } else if (o.managementAccountId === o.accountId) {
            add(["managementAccountId"], "is accountId: a delegated administrator is a member account, not the management account", o.managementAccountId);
        }
        if (o.connectManagementAccount) {
            add(
                ["connectManagementAccount"],
                "cannot be true with deployAs: delegatedAdmin: the program signs in to the delegated administrator only, and creating the role in the management account would take a second AWS provider; list the management account in sentinel-aws:awsAccounts instead",
                true,
            );
        }
    } else if (o.managementAccountId !== undefined && o.managementAccountId !== o.accountId) {
        add(
            ["managementAccountId"],
            `applies only to deployAs: delegatedAdmin; with deployAs: management, accountId (${o.accountId}) is the management account`,
            o.managementAccountId,
        );
    }
    // The management account is connected on request and excluded on request: both cannot hold.
    const management = o.managementAccountId ?? o.accountId;
    const excludedAt = (o.excludeAccountIds ?? []).indexOf(management);
    if (o.connectManagementAccount && excludedAt >= 0) {
        add(
            ["excludeAccountIds", excludedAt],
            `is the management account, which organization.connectManagementAccount: true connects: remove ${management} from organization.excludeAccountIds, or set organization.connectManagementAccount to false`,
            management,
        );
    }
    if (o.roleName === undefined && !IAM_ROLE_NAME.test(defaultRoleName(stack))) {
        add(["roleName"], `must be set: the default ${defaultRoleName(stack)} (from the stack name) is not a valid IAM role name`);
    }
    problems.push(...mergedTagProblems(cfg.tags, o.tags, ["organization", "tags"]));
    return problems;
}

/** What the CloudTrail API connector cannot do or does not take. */
function cloudTrailApiProblems(a: RawAccount, i: number): Problem[] {
    const problems: Problem[] = [];
    if (partitionOf(a.region) === "aws-us-gov") {
        problems.push({
            path: ["awsAccounts", i, "region"],
            message: "is an AWS GovCloud region: Sentinel's CloudTrail API connector supports AWS Commercial regions only (set connector: s3 for GovCloud)",
            value: a.region,
        });
    }
    if (a.s3 !== undefined) problems.push({ path: ["awsAccounts", i, "s3"], message: "applies only to connector: s3 (this entry uses cloudTrailApi)" });
    return problems;
}

/** What the S3 connector needs and refuses, beyond each field's own rule. */
function s3Problems(a: RawAccount, i: number, cfg: RawStackConfig): Problem[] {
    const problems: Problem[] = [];
    const add = (path: PropertyKey[], message: string, value?: unknown) => problems.push({ path: ["awsAccounts", i, ...path], message, value });
    const s3 = entryS3Settings(a);
    const has = (logType: S3LogType) => s3.logTypes.includes(logType);

    if (a.rolePermissions !== undefined) {
        add(
            ["rolePermissions"],
            "applies only to connector: cloudTrailApi; the S3 connector's role gets exactly the queue, bucket and key permissions it needs",
            a.rolePermissions,
        );
    }
    // Microsoft connects GovCloud to Azure Government only (Azure-Sentinel EnviornmentConstants.ps1: GovToFFX, ComToProd, ComToFFX).
    if (partitionOf(a.region) === "aws-us-gov" && cfg.azureCloud === "public") {
        add(
            ["region"],
            "is an AWS GovCloud region, but sentinel-aws:azureCloud is public: Sentinel connects AWS GovCloud to Azure Government only (set sentinel-aws:azureCloud: usGovernment, for a workspace in Azure Government)",
            a.region,
        );
    }
    if (a.roleName !== undefined && !a.roleName.startsWith(OIDC_ROLE_NAME_PREFIX)) {
        add(["roleName"], `must start with ${OIDC_ROLE_NAME_PREFIX} for the S3 connector (Sentinel refuses other role names)`, a.roleName);
    }
    if (has("guardDuty") && s3.guardDutyDetectorId === undefined) {
        add(
            ["s3", "guardDutyDetectorId"],
            `is required when s3.logTypes includes guardDuty: the ID of this account's GuardDuty detector in ${a.region} (aws guardduty list-detectors); this program does not turn GuardDuty on`,
        );
    }
    if (!has("guardDuty") && s3.guardDutyDetectorId !== undefined) add(["s3", "guardDutyDetectorId"], "applies only when s3.logTypes includes guardDuty");
    problems.push(...guardDutyRegionProblems(a, s3, has("guardDuty")).map((p) => ({ ...p, path: ["awsAccounts", i, "s3", "guardDutyDetectors", ...p.path] })));
    problems.push(...existingBucketProblems(a, s3).map((p) => ({ ...p, path: ["awsAccounts", i, "s3", ...p.path] })));
    const vpcIds = s3.vpcIds ?? [];
    if (has("vpcFlowLogs") && vpcIds.length === 0)
        add(["s3", "vpcIds"], "is required when s3.logTypes includes vpcFlowLogs: the VPCs whose flow logs to collect");
    if (!has("vpcFlowLogs") && vpcIds.length > 0) add(["s3", "vpcIds"], "applies only when s3.logTypes includes vpcFlowLogs");
    problems.push(...logGroupProblems(s3, has("cloudWatch")).map((p) => ({ ...p, path: ["awsAccounts", i, "s3", "cloudWatchLogGroups", ...p.path] })));
    problems.push(...webAclProblems(a, s3, has("waf")).map((p) => ({ ...p, path: ["awsAccounts", i, "s3", "wafWebAclArns", ...p.path] })));
    if (s3.organizationId !== undefined && !has("cloudTrail")) {
        add(["s3", "organizationId"], "makes the trail an organisation trail, so s3.logTypes must include cloudTrail", s3.organizationId);
    }
    if (s3.dataEvents && !has("cloudTrail")) add(["s3", "dataEvents"], "applies only when s3.logTypes includes cloudTrail");
    if (s3.managementAccountId !== undefined && s3.organizationId === undefined) {
        add(
            ["s3", "managementAccountId"],
            "applies only with s3.organizationId: it names the owner of an organisation trail created by CloudTrail's delegated administrator",
            s3.managementAccountId,
        );
    } else if (s3.managementAccountId === a.accountId) {
        add(
            ["s3", "managementAccountId"],
            "is this entry's accountId: leave it out when the program deploys the organisation trail from the management account itself",
            s3.managementAccountId,
        );
    }

    const [, topicPartition, topicRegion] = s3.alarmTopicArn?.match(SNS_TOPIC_ARN) ?? [];
    if (topicRegion !== undefined && topicRegion !== a.region) {
        add(
            ["s3", "alarmTopicArn"],
            `is a topic in ${topicRegion}, but the alarms are in ${a.region}, the account's region: CloudWatch notifies topics of its own region`,
            s3.alarmTopicArn,
        );
    } else if (topicRegion !== undefined && topicPartition !== partitionOf(a.region)) {
        // Same region name, other partition: say which, not "in us-east-1, but ... in us-east-1".
        add(
            ["s3", "alarmTopicArn"],
            `is an ARN of partition ${topicPartition}, but the account's region ${a.region} is in partition ${partitionOf(a.region)}: no such topic can exist there`,
            s3.alarmTopicArn,
        );
    }

    const [, partition, account, issuer] = s3.oidcProviderArn?.match(OIDC_PROVIDER_ARN) ?? [];
    if (account !== undefined && account !== a.accountId) {
        add(
            ["s3", "oidcProviderArn"],
            `is a provider in account ${account}, but this entry's accountId is ${a.accountId}: the role must trust a provider of its own account`,
            s3.oidcProviderArn,
        );
    }
    if (partition !== undefined && partition !== partitionOf(a.region)) {
        add(["s3", "oidcProviderArn"], `is in the ${partition} partition, but region ${a.region} is in ${partitionOf(a.region)}`, s3.oidcProviderArn);
    }
    const expected = oidcIssuerHost(SENTINEL_OIDC[cfg.azureCloud].url);
    if (issuer !== undefined && issuer !== expected) {
        add(
            ["s3", "oidcProviderArn"],
            `is a provider for ${issuer}, but Sentinel in the azureCloud ${cfg.azureCloud} signs in through ${expected}`,
            s3.oidcProviderArn,
        );
    }
    return problems;
}

/**
 * GuardDuty exports of further regions go to the bucket in the account's region, which AWS
 * allows unless that region is opt-in (GuardDuty user guide, "Exporting findings": findings
 * cannot be exported into an opt-in region from any other region). Paths are relative to
 * `s3.guardDutyDetectors`.
 */
function guardDutyRegionProblems(a: RawAccount, s3: S3Settings, collects: boolean): Problem[] {
    const problems: Problem[] = [];
    const detectors = s3.guardDutyDetectors ?? [];
    if (detectors.length === 0) return problems;
    if (!collects) return [{ path: [], message: "applies only when s3.logTypes includes guardDuty" }];
    if (OPT_IN_REGIONS.has(a.region)) {
        problems.push({
            path: [],
            message: `lists detectors of other regions, but the bucket is in ${a.region}, an opt-in region, and GuardDuty exports into an opt-in region from that region only: export them from an entry whose region is enabled by default`,
        });
    }
    const seen = new Set<string>();
    detectors.forEach((d, j) => {
        if (d.region === a.region)
            problems.push({ path: [j, "region"], message: `is the account's own region: its detector is s3.guardDutyDetectorId`, value: d.region });
        else if (seen.has(d.region)) problems.push({ path: [j, "region"], message: "is listed twice: a region has one detector per account", value: d.region });
        if (partitionOf(d.region) !== partitionOf(a.region)) {
            problems.push({
                path: [j, "region"],
                message: `is in the ${partitionOf(d.region)} partition, but region ${a.region} (where the bucket is) is in ${partitionOf(a.region)}`,
                value: d.region,
            });
        }
        seen.add(d.region);
    });
    return problems;
}

/**
 * The log groups forwarded to Sentinel: listed when collected, each once, and never the
 * function's own group (its logs would be forwarded, logged and forwarded again, without end).
 * Paths are relative to `s3.cloudWatchLogGroups`.
 */
function logGroupProblems(s3: S3Settings, collects: boolean): Problem[] {
    const groups = s3.cloudWatchLogGroups ?? [];
    if (collects && groups.length === 0)
        return [{ path: [], message: "is required when s3.logTypes includes cloudWatch: the log groups whose events to forward" }];
    if (!collects && groups.length > 0) return [{ path: [], message: "applies only when s3.logTypes includes cloudWatch" }];
    const problems: Problem[] = [];
    const seen = new Set<string>();
    groups.forEach((g, j) => {
        if (seen.has(g.name))
            problems.push({ path: [j, "name"], message: "is listed twice: a log group has one subscription filter of this program", value: g.name });
        if (/^\/aws\/lambda\/sentinel-aws-.*-cloudwatch$/.test(g.name)) {
            problems.push({
                path: [j, "name"],
                message: "is the log group of this program's CloudWatch function: it would forward its own logs without end",
                value: g.name,
            });
        }
        seen.add(g.name);
    });
    return problems;
}

/** The CloudFront web ACLs' home: WAF keeps every `global/` web ACL in us-east-1 (WAF API reference, Scope). */
const CLOUDFRONT_WAF_REGION = "us-east-1";

/**
 * The web ACLs whose logs go to this account's WAF bucket: listed when collected, and each of
 * this account and its region, where the provider manages its logging configuration (no second
 * provider is made: each is a plugin process at pulumi up). CloudFront's web ACLs are global,
 * kept in us-east-1, so only an entry in us-east-1 logs them. Paths are relative to `s3.wafWebAclArns`.
 */
function webAclProblems(a: RawAccount, s3: S3Settings, collects: boolean): Problem[] {
    const arns = s3.wafWebAclArns ?? [];
    if (collects && arns.length === 0) return [{ path: [], message: "is required when s3.logTypes includes waf: the web ACLs whose logs to collect" }];
    if (!collects && arns.length > 0) return [{ path: [], message: "applies only when s3.logTypes includes waf" }];
    const problems: Problem[] = [];
    arns.forEach((arn, j) => {
        const [, partition, region, account, scope] = arn.match(WAF_WEB_ACL_ARN) ?? [];
        const add = (message: string) => problems.push({ path: [j], message, value: arn });
        if (account !== a.accountId)
            add(`is a web ACL of account ${account}, but this entry's accountId is ${a.accountId}: a web ACL logs to a bucket of its own account`);
        else if (partition !== partitionOf(a.region)) add(`is in the ${partition} partition, but region ${a.region} is in ${partitionOf(a.region)}`);
        else if (scope === "global" && a.region !== CLOUDFRONT_WAF_REGION)
            add(
                `is a CloudFront (global) web ACL, which WAF manages in ${CLOUDFRONT_WAF_REGION}, but this entry's region is ${a.region}: list it on an entry of this account in ${CLOUDFRONT_WAF_REGION}`,
            );
        else if (scope === "regional" && region !== a.region)
            add(`is a web ACL in ${region}, but this entry's region is ${a.region}: list it on an entry of that region`);
    });
    return problems;
}

/**
 * With an existing bucket the program creates no trail, bucket, key or other log writer: the
 * settings that shape them do not apply. Paths are relative to `s3`.
 */
function existingBucketProblems(a: RawAccount, s3: S3Settings): Problem[] {
    const bucket = s3.existingBucket;
    if (bucket === undefined) return [];
    const problems: Problem[] = [];
    const notHere = (path: PropertyKey[], what: string, value: unknown) =>
        problems.push({ path, message: `${what} with s3.existingBucket, which is read as it is: this program creates no trail, bucket or key there`, value });
    const others = s3.logTypes.filter((t) => t !== "cloudTrail");
    if (others.length > 0) {
        problems.push({
            path: ["logTypes"],
            message: `lists ${others.join(", ")}, but an existing bucket is read for CloudTrail only: collect them through an entry without existingBucket, whose bucket this program makes`,
            value: s3.logTypes,
        });
    }
    if (s3.kmsEncryption) notHere(["kmsEncryption"], "cannot be true", true);
    if (s3.dataEvents) notHere(["dataEvents"], "cannot be true (it configures a trail)", true);
    if (!s3.protectBucket) notHere(["protectBucket"], "cannot be false", false);
    if (s3.managementAccountId !== undefined)
        notHere(["managementAccountId"], "does not apply (it names the owner of a trail this program creates)", s3.managementAccountId);
    const [, partition, region] = bucket.kmsKeyArn?.match(KMS_KEY_ARN) ?? [];
    if (region !== undefined && (region !== a.region || partition !== partitionOf(a.region))) {
        problems.push({
            path: ["existingBucket", "kmsKeyArn"],
            message: `is a key in ${region}, but the bucket must be in ${a.region}, the account's region, and S3 encrypts with keys of the bucket's region`,
            value: bucket.kmsKeyArn,
        });
    }
    return problems;
}
