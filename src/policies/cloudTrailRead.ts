// The permissions policy of `rolePermissions: lookupEventsOnly`: only the call Sentinel's
// CloudTrail connector makes.
import { PolicyDocument, policyDocument } from "./policyDocument";

/**
 * Allows `cloudtrail:LookupEvents` and nothing else. The action has no resource-level
 * permissions (Service Authorization Reference, AWS CloudTrail), so `Resource` must be `*`.
 */
export function lookupEventsOnlyPolicy(): PolicyDocument {
    return policyDocument({
        Sid: "MicrosoftSentinelLookupEvents",
        Effect: "Allow",
        Action: "cloudtrail:LookupEvents",
        Resource: "*",
    });
}
