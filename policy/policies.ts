// Every rule of the pack, mandatory first. index.ts serves them; tests call them directly.
import type { Policies } from "@pulumi/policy";
import { detectionsForConnectedTables } from "./rules/detections";
import { resourcesTagged } from "./rules/tags";
import { crossAccountTrustRequiresExternalId, noWildcardTrust } from "./rules/trust";
import { sentinelS3RoleReadsItsPrefixes } from "./rules/s3ReadPrefixes";
import { sentinelConnectorRoleKnown, sentinelRolesReadCloudTrailOnly, sentinelS3RolesReadLogsOnly } from "./rules/sentinelRoles";
import { stackSetInstanceTargetsOus } from "./rules/stackSetTargets";
import { sentinelWebIdentityTrust } from "./rules/webIdentityTrust";
import { workspaceProtected, workspaceRetention } from "./rules/workspace";

export const policies: Policies = [
    crossAccountTrustRequiresExternalId,
    noWildcardTrust,
    sentinelRolesReadCloudTrailOnly,
    sentinelS3RolesReadLogsOnly,
    sentinelS3RoleReadsItsPrefixes,
    sentinelConnectorRoleKnown,
    sentinelWebIdentityTrust,
    stackSetInstanceTargetsOus,
    workspaceProtected,
    workspaceRetention,
    resourcesTagged,
    detectionsForConnectedTables,
];
