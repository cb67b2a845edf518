// Field-level rules shared by the stack config schema: each names what AWS or Azure
// accepts, so a bad value fails here, before any resource is registered.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { describe } from "./show";

export { describe };

/** The hint for a number found where text belongs: true whatever was written (`42`, `0x1F`, `1e5`). */
/** How to keep a value text when it is set with `pulumi config set --path`, which stores digits as a number (pulumi/pulumi#4393). */
const AS_TEXT = "write it in quotes, or add --type string to pulumi config set --path";
const UNQUOTED = `YAML took the unquoted value for a number: ${AS_TEXT}`;

/** What was found where `what` belongs, with a hint when it is a number. */
const notA = (what: string, input: unknown, numberHint = UNQUOTED): string =>
    typeof input === "number"
        ? `must be ${what}, not the number ${describe(input)} (${numberHint})`
        : `must be ${what}, not ${typeof input} ${describe(input)}`;

/** A required string field whose wrong-type message says what was found instead. */
const text = (what: string) => z.string({ error: (issue) => (issue.input === undefined ? "is required" : notA(what, issue.input)) });

/**
 * An account ID YAML read as a number has lost its leading zeros only if 9 to 11 digits are
 * left: a 12-digit ID rarely starts with more than three zeros, and a shorter number was
 * written some other way (`0x1F`, `1e3`).
 */
const lostLeadingZeros = (n: number) => Number.isInteger(n) && n >= 1e8 && n < 1e11;

/**
 * AWS account IDs are 12 digits and may start with 0, so they must be strings: YAML
 * reads an unquoted 012345678901 as the number 12345678901.
 */
export const awsAccountId = z
    .string({
        error: (issue) =>
            issue.input === undefined
                ? "is required"
                : notA(
                      "a quoted string of 12 digits",
                      issue.input,
                      typeof issue.input === "number" && lostLeadingZeros(issue.input)
                          ? `YAML took the unquoted value for a number and dropped its leading zeros: ${AS_TEXT}`
                          : UNQUOTED,
                  ),
    })
    .regex(/^\d{12}$/, "must be exactly 12 digits");

/**
 * Regions of the AWS Commercial and GovCloud partitions. China and the isolated regions are
 * other partitions that neither Sentinel connector reads (Microsoft's connect-aws docs);
 * GovCloud is refused later for the CloudTrail API connector only.
 */
export const awsRegion = text("an AWS region such as us-east-1")
    .refine((r) => !/^cn-/.test(r), {
        message: "is an AWS China region: Sentinel's AWS connectors support AWS Commercial and GovCloud regions only",
        abort: true,
    })
    .refine((r) => !/-iso[a-z]*-/.test(r), {
        message: "is an AWS isolated region: Sentinel's AWS connectors support AWS Commercial and GovCloud regions only",
        abort: true,
    })
    .regex(/^[a-z]{2}(?:-gov)?-[a-z]+-\d{1,2}$/, "must be an AWS region name such as us-east-1");

/** The AWS partition of a region this program accepts. */
export const partitionOf = (region: string): "aws" | "aws-us-gov" => (region.startsWith("us-gov-") ? "aws-us-gov" : "aws");

/** IAM role names: 1-64 of letters, digits and `+=,.@_-` (IAM API reference, CreateRole). */
export const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const iamRoleName = text("an IAM role name").regex(IAM_ROLE_NAME, "must be 1-64 characters of letters, digits and +=,.@_- (IAM role name rules)");

/** A role ARN in the AWS Commercial or GovCloud partition, with an optional path. */
export const ROLE_ARN = /^arn:(aws|aws-us-gov):iam::(\d{12}):role\/(?:[\x21-\x7e]+\/)?[\w+=,.@-]{1,64}$/;
export const awsRoleArn = text("an IAM role ARN").regex(ROLE_ARN, "must be an IAM role ARN such as arn:aws:iam::111122223333:role/pulumi-deploy");

/** Named profiles of the shared AWS config file. */
export const awsProfile = text("an AWS profile name").regex(/^[\w.@+-]{1,128}$/, "must be an AWS profile name: 1-128 letters, digits and ._@+-");

/** Labels become part of resource names, so they are short, lower-case and DNS-like. */
export const accountLabel = text("a short label").regex(
    /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/,
    "must be 1-32 lower-case letters, digits and hyphens, starting and ending with a letter or digit",
);

/** Log Analytics workspace names: 4-63 letters, digits and hyphens, alphanumeric at both ends. */
export const workspaceName = text("a workspace name").regex(
    /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/,
    "must be 4-63 letters, digits and hyphens, starting and ending with a letter or digit (Log Analytics rules)",
);

/** Resource group names: 1-90 of letters, digits and `._-()`, not ending in a period. ASCII only, on purpose. */
export const resourceGroupName = text("a resource group name").regex(
    /^[\w.()-]{0,89}[\w()-]$/,
    "must be 1-90 letters, digits and ._-() and must not end with a period (Azure resource group rules)",
);

/** Azure region names as the ARM API spells them: lower-case letters and digits. */
export const azureLocation = text("an Azure region such as westeurope").regex(
    /^[a-z][a-z0-9]{1,39}$/,
    "must be an Azure region name such as westeurope (lower-case, no spaces)",
);

export const MAX_TAGS = 50;

/**
 * Tag names AWS and Azure accept but the Pulumi SDK cannot pass on: it copies inputs into
 * plain objects, where `__proto__` is the prototype rather than a key, and it takes its
 * signature key for the marker of a secret or an asset.
 */
const SDK_RESERVED = new Set(["__proto__", pulumi.runtime.specialSigKey]);

/**
 * Tags go to both clouds, so they follow the stricter of both rules: Azure forbids
 * `<>%&\?/` in names, AWS reserves the `aws:` prefix; both cap the count at 50. Quotes,
 * braces, `$`, `;` and non-ASCII look-alikes are refused so that a tag can never smuggle
 * JSON or shell into a policy, a log line or a script.
 */
export const tagName = z
    .string({ error: (issue) => `tag names ${notA("strings", issue.input)}` })
    .regex(/^[A-Za-z0-9 _.:=+@-]{1,128}$/, "tag names must be 1-128 ASCII letters, digits, spaces and _.:=+@-")
    .refine((k) => !/^aws:/i.test(k), "tag names must not start with aws: (reserved by AWS)")
    .refine((k) => !SDK_RESERVED.has(k), `tag names must not be ${[...SDK_RESERVED].join(" or ")}: the Pulumi SDK would drop or misread the tag`);

export const tags = z.preprocess(
    // Read as a Map: a record would skip a tag named __proto__ without checking it.
    (input) => (typeof input === "object" && input !== null && !Array.isArray(input) ? new Map(Object.entries(input)) : input),
    z
        .map(
            tagName,
            z
                .string({ error: (issue) => `tag values ${notA("strings", issue.input)}` })
                .regex(/^[A-Za-z0-9 _.:/=+@-]{0,256}$/, "tag values must be 0-256 ASCII letters, digits, spaces and _.:/=+@-"),
            { error: (issue) => `must be a map of tag names to values, not ${describe(issue.input)}` },
        )
        .refine((t) => t.size <= MAX_TAGS, `must have at most ${MAX_TAGS} tags`),
);

/** One of a fixed set of words, the message listing them. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { error: (issue) => `must be one of ${values.join(", ")}, not ${describe(issue.input)}` });

export const strictBoolean = (what: string) => z.boolean({ error: (issue) => `must be true or false (${what}), not ${describe(issue.input)}` });

export const integerBetween = (min: number, max: number) =>
    z
        .number({ error: (issue) => `must be a whole number from ${min} to ${max}, not ${describe(issue.input)}` })
        .int(`must be a whole number from ${min} to ${max}`)
        .min(min, `must be at least ${min}`)
        .max(max, `must be at most ${max}`);

/** An IAM OIDC identity provider for Microsoft Entra ID, as IAM names it. */
export const OIDC_PROVIDER_ARN = /^arn:(aws|aws-us-gov):iam::(\d{12}):oidc-provider\/(sts\.windows\.net\/[0-9a-f-]{36}\/)$/;
export const oidcProviderArn = text("an IAM OIDC provider ARN").regex(
    OIDC_PROVIDER_ARN,
    "must be the ARN of an IAM OIDC provider for Microsoft Entra ID, such as arn:aws:iam::111122223333:oidc-provider/sts.windows.net/<tenant ID>/",
);

/** AWS Organizations IDs (Organizations API reference, Organization.Id). */
export const organizationId = text("an AWS Organizations ID").regex(/^o-[a-z0-9]{10,32}$/, "must be an AWS Organizations ID such as o-a1b2c3d4e5");

/** GuardDuty detector IDs are 32 lower-case hexadecimal characters (GuardDuty API reference). */
export const guardDutyDetectorId = text("a GuardDuty detector ID").regex(
    /^[0-9a-f]{32}$/,
    "must be a GuardDuty detector ID: 32 lower-case hexadecimal characters (aws guardduty list-detectors)",
);

/** S3 bucket names: 3-63 lower-case letters, digits, periods and hyphens, a letter or digit at both ends (S3 bucket naming rules). */
export const s3BucketName = text("an S3 bucket name").regex(
    /^[a-z0-9](?!.*\.\.)[a-z0-9.-]{1,61}[a-z0-9]$/,
    "must be an S3 bucket name: 3-63 lower-case letters, digits, periods and hyphens, starting and ending with a letter or digit",
);

/**
 * A trail's S3 key prefix: path segments of S3's safe characters (S3 user guide, "Object key
 * naming guidelines"), without a slash at either end (CloudTrail takes up to 200 characters).
 * Not `*`, though S3 allows it: the prefix goes into the role's IAM Resource, where it is a
 * wildcard (`*` would grant the whole bucket).
 */
export const s3KeyPrefix = text("an S3 key prefix").regex(
    /^(?=.{1,200}$)[\w!.'()-]+(?:\/[\w!.'()-]+)*$/,
    "must be the trail's S3 key prefix without slashes at either end, such as o-a1b2c3d4e5 (aws cloudtrail describe-trails: S3KeyPrefix), up to 200 letters, digits, /, and !_.'()- (no *, which IAM reads as a wildcard)",
);

/** A KMS key by its ARN (an alias would not do in an IAM policy's Resource). */
export const KMS_KEY_ARN =
    /^arn:(aws|aws-us-gov):kms:([a-z]{2}(?:-gov)?-[a-z]+-\d{1,2}):(\d{12}):key\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
export const kmsKeyArn = text("a KMS key ARN").regex(
    KMS_KEY_ARN,
    "must be the ARN of a KMS key, such as arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab (not an alias)",
);

/** A standard SNS topic (CloudWatch alarms notify standard topics, not FIFO ones), as SNS names it. */
export const SNS_TOPIC_ARN = /^arn:(aws|aws-us-gov):sns:([a-z]{2}(?:-gov)?-[a-z]+-\d{1,2}):(\d{12}):[\w-]{1,256}$/;
export const snsTopicArn = text("an SNS topic ARN").regex(
    SNS_TOPIC_ARN,
    "must be the ARN of a standard SNS topic, such as arn:aws:sns:eu-west-1:111122223333:security-alerts",
);

export const vpcId = text("a VPC ID").regex(/^vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?$/, "must be a VPC ID such as vpc-0a1b2c3d4e5f67890");

/**
 * A CloudWatch Logs log group name: 1-512 letters, digits and `._-/#` (CloudWatch Logs API
 * reference, CreateLogGroup: logGroupName). A name, not an ARN: the groups are the account's, in
 * its region, where the function that reads them is.
 */
export const logGroupName = text("a CloudWatch Logs log group name").regex(
    /^[\w.\-/#]{1,512}$/,
    "must be a CloudWatch Logs log group name such as /aws/lambda/my-function: 1-512 letters, digits and ._-/# (aws logs describe-log-groups)",
);

/** A subscription filter pattern: up to 1,024 characters (API reference, PutSubscriptionFilter); empty forwards every event. */
export const filterPattern = text("a CloudWatch Logs filter pattern").max(1024, "must be a filter pattern of at most 1024 characters");

/**
 * A WAFv2 web ACL by its ARN (WAF API reference, WebACL: ARN): `regional/` for ACLs of
 * regional resources (load balancers, API Gateway, ...), `global/` for CloudFront's, which WAF
 * keeps in us-east-1. A name is 1-128 letters, digits, `_` and `-`; the ID a UUID.
 */
export const WAF_WEB_ACL_ARN =
    /^arn:(aws|aws-us-gov):wafv2:([a-z]{2}(?:-gov)?-[a-z]+-\d{1,2}):(\d{12}):(regional|global)\/webacl\/[\w-]{1,128}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const wafWebAclArn = text("a WAF web ACL ARN").regex(
    WAF_WEB_ACL_ARN,
    "must be the ARN of a WAFv2 web ACL, such as arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/1234abcd-12ab-34cd-56ef-1234567890ab (aws wafv2 list-web-acls --scope REGIONAL)",
);

/** Lengths are checked on lists only: zod would check the length of a string found instead. */
export const ifList = { when: (payload: { value: unknown }) => Array.isArray(payload.value) };

/** A list whose entries must each appear once. */
export const uniqueList = <T extends z.ZodType>(item: T, what: string, max: number) =>
    z
        .array(item, { error: (issue) => `must be a list of ${what}, not ${describe(issue.input)}` })
        .min(1, { error: `must list at least one of ${what}`, ...ifList })
        .max(max, { error: `must list at most ${max} ${what}`, ...ifList })
        .refine((list) => new Set(list).size === list.length, `must list each of ${what} once`);

/** An organisational unit (`ou-<root>-<unit>`) or an organisation root (`r-…`), as Organizations spells them (DeploymentTargets). */
export const organizationalUnitId = text("an organisational unit or root ID").regex(
    /^(?:ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/,
    "must be an organisational unit ID such as ou-ab12-cd34ef56 or a root ID such as r-ab12 (aws organizations list-roots, list-organizational-units-for-parent)",
);

export const percentage = (min: number) => integerBetween(min, 100);
