// A small program of a library user: the components under the user's own provider, and a
// wrong choice that must not type-check. Type-checked against the built library in the
// repository (tests/library.test.ts) and against the packed one installed from its tarball
// (tests/slow/libraryInstall.test.ts).
export const LIBRARY_USER_PROGRAM = [
    'import * as aws from "@pulumi/aws";',
    'import { AwsAccountConnection, AwsAccountConnectionArgs, S3AccountConnection, WorkspaceLink } from "sentinel-aws";',
    'const workspace: WorkspaceLink = { workspaceId: "id", resourceGroupName: "rg", workspaceName: "ws" };',
    'const args: AwsAccountConnectionArgs = { workspace, accountId: "123456789012", roleName: "reader", rolePermissions: "lookupEventsOnly" };',
    'new AwsAccountConnection("a", args, { providers: [new aws.Provider("p", { region: "us-east-1" })] });',
    'new S3AccountConnection("logs", { workspace, accountId: "123456789012", region: "eu-west-1", roleName: "OIDC_SentinelReader", s3: {}, namePrefix: "logs" });',
    // A wrong choice must not type-check.
    "// @ts-expect-error",
    'new AwsAccountConnection("b", { ...args, rolePermissions: "admin" });',
    "",
].join("\n");
