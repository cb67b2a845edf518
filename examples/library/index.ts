// A program of its own that uses the library: its own workspace, its own AWS providers, its
// own config. Outside this repository it imports from "sentinel-aws" (see
// docs/library.md); here it imports the same entry point by path.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsAccountConnection, OrganizationConnection, SentinelWorkspace } from "../../src";

const config = new pulumi.Config();
const auditAccountId = config.require("auditAccountId");
const managementAccountId = config.require("managementAccountId");

const workspace = new SentinelWorkspace("security", {
    workspaceName: "law-security",
    resourceGroupName: "rg-security",
    location: "westeurope",
    tags: { owner: "security" },
});

// One account, through a role this program's deployment assumes there.
const audit = new aws.Provider("audit", {
    region: "eu-west-1",
    allowedAccountIds: [auditAccountId],
    assumeRoles: [{ roleArn: `arn:aws:iam::${auditAccountId}:role/deploy`, sessionName: "sentinel" }],
});
const auditConnection = new AwsAccountConnection(
    "audit",
    { workspace: workspace.link, accountId: auditAccountId, roleName: "SentinelCloudTrailReader", rolePermissions: "lookupEventsOnly" },
    { providers: [audit] },
);

// Every account of the organisation, on the management account's one provider.
const management = new aws.Provider("management", { region: "us-east-1", allowedAccountIds: [managementAccountId] });
const organization = new OrganizationConnection(
    "organization",
    {
        workspace: workspace.link,
        stackSetName: "sentinel-reader",
        organizationalUnitIds: [config.require("organizationRootId")],
        managementAccountId,
        region: "us-east-1",
        roleName: "SentinelCloudTrailReader",
    },
    { providers: [management] },
);

export const workspaceId = workspace.workspaceId;
export const auditRoleArn = auditConnection.roleArn;
export const organizationAccounts = organization.accounts;
