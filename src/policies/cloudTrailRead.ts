// The permissions policy of `rolePermissions: lookupEventsOnly`: only the call Sentinel's
// CloudTrail connector makes.
import type { PolicyDocument } from "./policyDocument";

/**
 * Allows `cloudtrail:LookupEvents` and nothing else. The action has no resource-level
 * permissions (Service Authorization Reference, AWS CloudTrail), so `Resource` must be `*`.
 */
export function lookupEventsOnlyPolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "MicrosoftSentinelLookupEvents",
                Effect: "Allow",
                Action: "cloudtrail:LookupEvents",
                Resource: "*",
            },
        ],
    };
}
