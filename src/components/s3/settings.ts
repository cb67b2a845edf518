// The S3 connector's settings as a component takes them: named, serialisable types for the
// component package's schema, every default left to the config's own schema, which reads
// them too. So a program in any language gets the defaults and field checks of a stack file.
import type { z } from "zod";
import { s3Schema } from "../../config/schema";
import { describe, keyPath } from "../../config/show";
import type { S3ConnectorConfig } from "../../config/types";
import type { S3LogType } from "../../s3Facts";

/** A GuardDuty detector of another region, exported into the same bucket. */
export interface GuardDutyDetector {
    /** The detector's region. */
    readonly region: string;
    /** The detector's ID (aws guardduty list-detectors). */
    readonly detectorId: string;
}

/** A CloudWatch Logs log group whose events are forwarded to Sentinel. */
export interface LogGroupToForward {
    /** The log group's name, in the account's region. */
    readonly name: string;
    /** The subscription filter's pattern; empty or left out forwards every event. */
    readonly filterPattern?: string;
}

/** A bucket a trail of someone else's writes to already: read, never changed. */
export interface ExistingBucket {
    /** The bucket's name; it must be in the account's region. */
    readonly name: string;
    /** The trail's S3 key prefix, before `AWSLogs/`. */
    readonly keyPrefix?: string;
    /** The KMS key the trail encrypts with, for Sentinel's role to decrypt. */
    readonly kmsKeyArn?: string;
}

/** What the S3 connector collects in one account, and how. Each field is the stack config's `s3` key of the same name (docs/configuration.md). */
export interface S3ConnectorSettings {
    /** What to collect; each gets its own prefix, queue and connector. Default cloudTrail only. */
    readonly logTypes?: S3LogType[];
    /** An IAM OIDC provider for Sentinel's issuer that exists already; otherwise one is created. */
    readonly oidcProviderArn?: string;
    /** Also accept the session name MicrosoftDefenderForClouds_<workspace ID>. Default false. */
    readonly acceptDefenderSessionName?: boolean;
    /** Make the trail an organisation trail of this organisation (from its management or delegated administrator account). */
    readonly organizationId?: string;
    /** The organisation's management account, when this account is CloudTrail's delegated administrator. */
    readonly managementAccountId?: string;
    /** The detector in the account's region whose findings are exported, when collecting guardDuty. */
    readonly guardDutyDetectorId?: string;
    /** Detectors of further regions, exported into the same bucket. */
    readonly guardDutyDetectors?: GuardDutyDetector[];
    /** The VPCs whose flow logs to collect, when collecting vpcFlowLogs. */
    readonly vpcIds?: string[];
    /** The log groups whose events to forward, when collecting cloudWatch (at most 20). */
    readonly cloudWatchLogGroups?: LogGroupToForward[];
    /** The WAFv2 web ACLs of this account and region whose logs to collect, when collecting waf (at most 20). */
    readonly wafWebAclArns?: string[];
    /** Encrypt the logs with a KMS key of this component (GuardDuty exports always are). Default false. */
    readonly kmsEncryption?: boolean;
    /** Log S3 data events too. Default false. */
    readonly dataEvents?: boolean;
    /** Protect the log bucket and key from deletion. Default true. */
    readonly protectBucket?: boolean;
    /** An SNS topic the dead-letter queues' alarms notify. */
    readonly alarmTopicArn?: string;
    /** Read the logs from this bucket instead of making one. */
    readonly existingBucket?: ExistingBucket;
}

/** The settings with their defaults, checked field by field; an error names `<component>: s3.<field>` and the bad value. */
export function s3SettingsOf(component: string, settings: S3ConnectorSettings): S3ConnectorConfig {
    const parsed = s3Schema.safeParse(settings, { reportInput: true });
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((issue: z.core.$ZodIssue) => {
        const shown = issue.input === undefined ? "" : ` (got ${describe(issue.input)})`;
        return `${keyPath(["s3", ...issue.path])}: ${issue.message}${shown}`;
    });
    throw new Error(`${component}: invalid S3 settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
}
