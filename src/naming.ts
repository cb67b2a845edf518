// Names of things, as pure functions: the same config always gives the same names,
// so re-running the program never creates a second copy of anything.
import { v5 as uuidv5 } from "uuid";

/** Namespace for this project's name-based UUIDs (RFC 9562 version 5). Never change it: connector IDs derive from it. */
const PROJECT_UUID_NAMESPACE = "6f1c3a52-8a0e-4d5e-9a57-3f2b1e0c9d41";

/** Default name of the role Sentinel assumes: one per stack, so dev and prod can share an AWS account. */
export function defaultRoleName(stack: string): string {
    return `MicrosoftSentinelCloudTrail-${stack}`;
}

/**
 * The Sentinel data connector ID for an AWS account entry: a GUID, as the portal makes
 * them, derived from the entry's label and account ID so that every run targets the same
 * connector. The label is part of it on purpose: renaming an entry gives its connector a
 * new URN, and Pulumi creates the new resource before deleting the old one; with the same
 * ID the create would overwrite the live connector and the delete would then remove it.
 */
export function cloudTrailConnectorId(label: string, accountId: string): string {
    return uuidv5(`aws-cloudtrail:${label}:${accountId}`, PROJECT_UUID_NAMESPACE);
}
