// Type tokens have one home, the SDK classes: the program and the plan read them from the
// classes (src/typeToken.ts). The policy pack runs in a process of its own and imports neither
// the project nor the SDKs, so it keeps a table (policy/types.ts), held here to the classes:
// an SDK upgrade that renames a type fails this test instead of silently blinding a rule.
import * as cloudformation from "@pulumi/aws/cloudformation";
import * as iam from "@pulumi/aws/iam";
import * as s3 from "@pulumi/aws/s3";
import * as sqs from "@pulumi/aws/sqs";
import { Provider } from "@pulumi/aws/provider";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { TYPES } from "../policy/types";
import { type ResourceClass, typeToken } from "../src/typeToken";

/** The class each of the pack's types belongs to; the S3 connector has none (see below). */
const CLASSES: Record<Exclude<keyof typeof TYPES, "s3Connector">, ResourceClass> = {
    role: iam.Role,
    rolePolicy: iam.RolePolicy,
    rolePolicyAttachment: iam.RolePolicyAttachment,
    policyAttachment: iam.PolicyAttachment,
    queue: sqs.Queue,
    bucketNotification: s3.BucketNotification,
    stackSet: cloudformation.StackSet,
    stackSetInstance: cloudformation.StackSetInstance,
    resourceGroup: resources.ResourceGroup,
    workspace: operationalinsights.Workspace,
    cloudTrailConnector: securityinsights.AwsCloudTrailDataConnector,
    armResource: resources.Resource,
    scheduledRule: securityinsights.ScheduledAlertRule,
};

describe("resource type tokens", () => {
    it("reads a class's token, a provider's as the engine registers it", () => {
        expect(typeToken(iam.Role)).to.equal("aws:iam/role:Role");
        expect(typeToken(Provider)).to.equal("pulumi:providers:aws");
    });

    it("refuses a class that is not an SDK's", () => {
        class Own extends pulumi.CustomResource {}
        expect(() => typeToken(Own)).to.throw("Own is not a class of a Pulumi SDK");
    });

    for (const [key, resourceClass] of Object.entries(CLASSES)) {
        it(`has the policy pack's ${key} type be ${resourceClass.name}'s`, () => {
            expect(TYPES[key as keyof typeof CLASSES]).to.equal(typeToken(resourceClass));
        });
    }

    it("has no class for the pack's S3 connector type: azure-native has none to check it against", () => {
        // The program creates the S3 connector as a generic ARM resource (armResource). Should
        // azure-native gain the class, this fails, and the pack's token is checked against it.
        expect(Object.keys(securityinsights)).not.to.include("AwsS3DataConnector");
    });
});
