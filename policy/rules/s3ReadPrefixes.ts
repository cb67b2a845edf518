// The S3 connector's role reads the prefixes of its own log types only: each object it may get
// is under a prefix whose new objects notify the queue of one of its connectors. A role that
// may read `bucket/*` reads every log type in the bucket, including those no connector of it
// takes (Sentinel's docs: one queue per log type and path).
import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { asList, isAllow, allows, statementsOf } from "../iamDocument";
import { TYPES } from "../types";
import { known, read, UNKNOWN } from "./props";
import { connectorRoles, refersTo } from "./sentinelRoles";

/** The known entries of a list property, each read on its own: in a preview an entry may be unknown while the list is not. */
function knownEntries(resource: PolicyResource, ...path: string[]): unknown[] {
    const list = read(resource, ...path);
    if (list === UNKNOWN || !Array.isArray(list)) return [];
    return Array.from({ length: list.length }, (_, i) => read(resource, ...path, String(i))).filter((v) => v !== UNKNOWN);
}

/** The queue URLs a connector reads, from its body (a generic ARM resource) or its typed properties. */
function queueUrlsOf(connector: PolicyResource): string[] {
    const path = connector.type === TYPES.armResource ? ["properties", "sqsUrls"] : ["sqsUrls"];
    return knownEntries(connector, ...path).filter((u): u is string => typeof u === "string");
}

/** Per bucket name, the prefix of each queue its notification configuration feeds, by queue ARN. */
function notifiedPrefixes(resources: readonly PolicyResource[]): Map<string, Map<string, string>> {
    const byBucket = new Map<string, Map<string, string>>();
    for (const n of resources.filter((r) => r.type === TYPES.bucketNotification)) {
        const bucket = known(n, "bucket");
        if (typeof bucket !== "string") continue;
        const prefixes = byBucket.get(bucket) ?? new Map<string, string>();
        const entries = read(n, "queues");
        for (let i = 0; Array.isArray(entries) && i < entries.length; i++) {
            const queueArn = known(n, "queues", String(i), "queueArn");
            const filterPrefix = known(n, "queues", String(i), "filterPrefix");
            if (typeof queueArn === "string" && typeof filterPrefix === "string") prefixes.set(queueArn, filterPrefix);
        }
        byBucket.set(bucket, prefixes);
    }
    return byBucket;
}

/** The bucket and key pattern of an S3 object ARN (`arn:aws:s3:::bucket/key*`). */
const objectOf = (arn: string): { bucket: string; key: string } | undefined => {
    const m = /^arn:aws[a-z-]*:s3:::([^/]+)\/(.*)$/.exec(arn);
    return m ? { bucket: m[1]!, key: m[2]! } : undefined;
};

export const sentinelS3RoleReadsItsPrefixes: StackValidationPolicy = {
    name: "sentinel-s3-role-reads-its-prefixes",
    description:
        "A role that Sentinel's S3 connector assumes may get objects of a bucket whose notifications are in this stack only under the prefixes that notify its connectors' queues: the prefixes of its log types.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation: ReportViolation) => {
        const prefixes = notifiedPrefixes(args.resources);
        const queues = args.resources.filter((r) => r.type === TYPES.queue);
        const byRole = new Map<PolicyResource, Set<string>>();
        for (const { role, connector } of connectorRoles(args.resources)) {
            if (role === undefined) continue;
            const arns = byRole.get(role) ?? new Set<string>();
            for (const url of queueUrlsOf(connector)) {
                const arn = known(queues.find((q) => known(q, "url") === url) ?? { props: {} }, "arn");
                if (typeof arn === "string") arns.add(arn);
            }
            byRole.set(role, arns);
        }
        for (const [role, queueArns] of byRole) {
            const beyond: string[] = [];
            for (const policy of args.resources.filter((r) => r.type === TYPES.rolePolicy && refersTo(r, "role", role))) {
                const document = read(policy, "policy");
                if (document === UNKNOWN) continue;
                for (const s of statementsOf(document) ?? []) {
                    if (!isAllow(s) || !allows(s, "s3:GetObject")) continue;
                    for (const resource of asList(s.Resource).filter((r): r is string => typeof r === "string")) {
                        const object = objectOf(resource);
                        const fed = object && prefixes.get(object.bucket);
                        // A bucket this stack does not notify from (an existing one, read through SNS) is not judged here.
                        if (object === undefined || fed === undefined) continue;
                        const own = [...fed].filter(([queueArn]) => queueArns.has(queueArn)).map(([, prefix]) => `${prefix}*`);
                        if (!own.includes(object.key)) beyond.push(`${resource} (${policy.name}; its log types' prefixes: ${own.join(", ") || "none"})`);
                    }
                }
            }
            if (beyond.length > 0) {
                reportViolation(
                    `Role ${role.name}, assumed by Sentinel's S3 connector, may get log objects beyond the prefixes of its log types: ${beyond.join("; ")}. Grant s3:GetObject on each prefix whose notifications reach its queues, nothing wider.`,
                    role.urn,
                );
            }
        }
    },
};
