// What the clouds would answer, made up deterministically: the mock engine's resource and
// call handlers. Every value only a cloud can know is a placeholder shaped like the real
// thing (a GUID, an ARN, an ARM ID), derived from the names in the config, and recorded so
// that the plan can label it.
import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { v5 as uuidv5 } from "uuid";
import { partitionOf } from "../src/config/rules";
import { workspaceArmIds } from "../src/naming";
import { allowedAccountsOf } from "./providerInputs";
import { oidcIssuerHost, SENTINEL_OIDC } from "../src/s3Facts";
import type { OrgAccounts } from "./orgAccounts";

/** Namespace of placeholder GUIDs; distinct from the one real names derive from. */
const PLACEHOLDER_NAMESPACE = "0d7a4a4e-3f43-4c43-9a3e-51a1f7d6c0de";
/** The Azure subscription is whatever the deployer's credentials select. */
const PLACEHOLDER_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";

export interface Placeholder {
    readonly resource: string;
    readonly property: string;
    readonly value: string;
    readonly meaning: string;
}

/** The workspace ID a workspace of this name gets in the plan. */
function placeholderWorkspaceId(workspaceName: string): string {
    return uuidv5(`workspace:${workspaceName}`, PLACEHOLDER_NAMESPACE);
}

function armId(resourceGroup: string, provider = "", ...path: string[]): string {
    const base = `/subscriptions/${PLACEHOLDER_SUBSCRIPTION_ID}/resourceGroups/${resourceGroup}`;
    return provider ? `${base}/providers/${provider}/${path.join("/")}` : base;
}

const workspaceArmId = (resourceGroup: string, workspace: string) => workspaceArmIds(PLACEHOLDER_SUBSCRIPTION_ID, resourceGroup, workspace);

/** A short hash of a name: the random-looking part of names and IDs the cloud or Pulumi makes up. */
const shortHash = (text: string, length: number): string => createHash("sha256").update(text).digest("hex").slice(0, length);

/** IAM unique IDs of roles are `AROA` and 17 upper-case letters and digits. */
function roleUniqueId(arn: string): string {
    return `AROA${shortHash(arn, 17).toUpperCase()}`;
}

/** Where an AWS provider deploys: its account, region and partition. */
interface AwsTarget {
    readonly account: string;
    readonly region: string;
    readonly partition: string;
}

type Outputs = Record<string, unknown>;

/** What a data-source call returned, e.g. an existing workspace looked up by name. */
export interface Lookup {
    readonly name: string;
    readonly token: string;
    readonly outputs: Readonly<Record<string, unknown>>;
}

export class FakeCloud implements pulumi.runtime.Mocks {
    /**
     * A first preview: nothing exists yet, so a new resource's outputs are its inputs and the
     * names the provider generates before creating it; every value only the cloud assigns
     * (IDs, ARNs, URLs, the workspace ID) stays unknown, and so does every input made from one.
     */
    readonly preview: boolean;
    /** What Organizations lists under each OU (`--org-accounts`); none when the stack has no organisation. */
    private readonly orgAccounts: OrgAccounts;

    constructor(options: { readonly preview?: boolean; readonly orgAccounts?: OrgAccounts } = {}) {
        this.preview = options.preview ?? false;
        this.orgAccounts = options.orgAccounts ?? new Map();
    }

    readonly placeholders: Placeholder[] = [];
    readonly lookups: Lookup[] = [];
    /** Account and region of each AWS provider, by provider ID (the engine passes providers as `urn::id`). */
    private readonly targetOfProvider = new Map<string, AwsTarget>();

    private targetOf(provider: string | undefined): AwsTarget {
        return this.targetOfProvider.get(provider?.split("::").pop() ?? "") ?? { account: "000000000000", region: "us-east-1", partition: "aws" };
    }

    /** A name Pulumi generates from the resource name and a random suffix (auto-naming). */
    private autoName(resource: string): string {
        return this.placeholder(resource, "name", `${resource}-${shortHash(resource, 7)}`, "the name Pulumi generates: the resource name and a random suffix");
    }

    /** Records a value only the cloud knows, so that the plan can label it, and returns it. */
    private placeholder(resource: string, property: string, value: string, meaning: string): string {
        this.placeholders.push({ resource, property, value, meaning });
        return value;
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Outputs } {
        if (this.preview) return { id: undefined, state: { ...args.inputs, ...this.generatedName(args) } };
        const { type, name, inputs } = args;
        const id = (value: string, state: Outputs) => ({ id: value, state: { ...inputs, ...state } });
        switch (type) {
            case "pulumi:providers:aws": {
                const providerId = uuidv5(`provider:${name}`, PLACEHOLDER_NAMESPACE);
                const account = allowedAccountsOf(inputs)[0] ?? "";
                const region = String(inputs.region ?? "us-east-1");
                this.targetOfProvider.set(providerId, { account, region, partition: partitionOf(region) });
                return id(providerId, {});
            }
            case "azure-native:resources:ResourceGroup":
                return id(workspaceArmIds(PLACEHOLDER_SUBSCRIPTION_ID, inputs.resourceGroupName, "").resourceGroup, { name: inputs.resourceGroupName });
            case "azure-native:operationalinsights:Workspace": {
                const customerId = this.placeholder(name, "customerId", placeholderWorkspaceId(inputs.workspaceName), "the workspace ID Azure assigns, a GUID");
                const armIdOf = workspaceArmId(inputs.resourceGroupName, inputs.workspaceName).workspace;
                return id(this.placeholder(name, "id", armIdOf, "ARM ID in the deployer's subscription"), { name: inputs.workspaceName, customerId });
            }
            case "azure-native:securityinsights:SentinelOnboardingState": {
                return id(workspaceArmId(inputs.resourceGroupName, inputs.workspaceName).onboardingState(inputs.sentinelOnboardingStateName), {
                    name: inputs.sentinelOnboardingStateName,
                });
            }
            case "azure-native:securityinsights:AwsCloudTrailDataConnector": {
                return id(workspaceArmId(inputs.resourceGroupName, inputs.workspaceName).dataConnector(inputs.dataConnectorId), {
                    name: inputs.dataConnectorId,
                });
            }
            case "azure-native:resources:Resource": {
                const path = [inputs.parentResourcePath, inputs.resourceType, inputs.resourceName];
                return id(armId(inputs.resourceGroupName, inputs.resourceProviderNamespace, ...path), { name: inputs.resourceName });
            }
            case "aws:iam/role:Role": {
                const { account, partition } = this.targetOf(args.provider);
                const arn = `arn:${partition}:iam::${account}:role/${inputs.name}`;
                return id(inputs.name, { arn, uniqueId: this.placeholder(name, "uniqueId", roleUniqueId(arn), "the role's unique ID IAM assigns") });
            }
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
                return id(`${inputs.role}/${inputs.policyArn}`, {});
            case "aws:iam/rolePolicy:RolePolicy":
                return id(`${inputs.role}:${inputs.name}`, {});
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
                const { account, partition } = this.targetOf(args.provider);
                const arn = `arn:${partition}:iam::${account}:oidc-provider/${oidcIssuerHost(String(inputs.url))}`;
                return id(arn, { arn });
            }
            case "aws:kms/key:Key": {
                const { account, region, partition } = this.targetOf(args.provider);
                const keyId = this.placeholder(name, "id", uuidv5(`key:${account}:${name}`, PLACEHOLDER_NAMESPACE), "the key ID KMS assigns");
                return id(keyId, { keyId, arn: `arn:${partition}:kms:${region}:${account}:key/${keyId}` });
            }
            case "aws:s3/bucket:Bucket": {
                const { bucket } = this.generatedName(args);
                return id(bucket, { bucket, arn: `arn:${this.targetOf(args.provider).partition}:s3:::${bucket}` });
            }
            case "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":
            case "aws:s3/bucketVersioning:BucketVersioning":
            case "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
            case "aws:s3/bucketPolicy:BucketPolicy":
            case "aws:s3/bucketNotification:BucketNotification":
                return id(inputs.bucket, {});
            case "aws:sqs/queue:Queue": {
                const { account, region, partition } = this.targetOf(args.provider);
                const queueName = this.generatedName(args).name;
                const url = `https://sqs.${region}.amazonaws.com/${account}/${queueName}`;
                return id(url, { name: queueName, url, arn: `arn:${partition}:sqs:${region}:${account}:${queueName}` });
            }
            case "aws:sqs/queuePolicy:QueuePolicy":
                return id(inputs.queueUrl, {});
            case "aws:sns/topic:Topic": {
                const { account, region, partition } = this.targetOf(args.provider);
                const arn = `arn:${partition}:sns:${region}:${account}:${inputs.name}`;
                return id(arn, { arn });
            }
            case "aws:sns/topicPolicy:TopicPolicy":
                return id(inputs.arn, {});
            case "aws:sns/topicSubscription:TopicSubscription": {
                const arn = this.placeholder(
                    name,
                    "arn",
                    `${inputs.topic}:${uuidv5(`subscription:${inputs.topic}:${inputs.endpoint}`, PLACEHOLDER_NAMESPACE)}`,
                    "the subscription ARN SNS assigns",
                );
                return id(arn, { arn });
            }
            case "aws:cloudwatch/metricAlarm:MetricAlarm": {
                const { account, region, partition } = this.targetOf(args.provider);
                const alarmName = this.generatedName(args).name;
                return id(alarmName, { name: alarmName, arn: `arn:${partition}:cloudwatch:${region}:${account}:alarm:${alarmName}` });
            }
            case "aws:cloudtrail/trail:Trail": {
                const { account, region, partition } = this.targetOf(args.provider);
                const arn = `arn:${partition}:cloudtrail:${region}:${account}:trail/${inputs.name}`;
                return id(arn, { arn, homeRegion: region });
            }
            case "aws:guardduty/publishingDestination:PublishingDestination":
                return id(
                    this.placeholder(name, "id", `${inputs.detectorId}:${shortHash(name, 32)}`, "the detector and destination IDs GuardDuty assigns"),
                    {},
                );
            case "aws:ec2/flowLog:FlowLog":
                return id(this.placeholder(name, "id", `fl-${shortHash(name, 17)}`, "the flow log ID EC2 assigns"), {});
            case "aws:cloudformation/stackSet:StackSet": {
                const { account, region, partition } = this.targetOf(args.provider);
                const stackSetId = this.placeholder(
                    name,
                    "stackSetId",
                    `${inputs.name}:${uuidv5(`stackset:${account}:${inputs.name}`, PLACEHOLDER_NAMESPACE)}`,
                    "the StackSet ID CloudFormation assigns",
                );
                return id(inputs.name, { stackSetId, arn: `arn:${partition}:cloudformation:${region}:${account}:stackset/${stackSetId}` });
            }
            case "aws:cloudformation/stackSetInstance:StackSetInstance": {
                const [ou] = inputs.deploymentTargets.organizationalUnitIds;
                const summaries = (this.orgAccounts.get(ou) ?? [])
                    .filter((a) => a.state === "ACTIVE")
                    .map((a) => ({
                        accountId: a.id,
                        organizationalUnitId: ou,
                        stackId: `arn:aws:cloudformation:${inputs.stackSetInstanceRegion}:${a.id}:stack/StackSet-${inputs.stackSetName}-${shortHash(a.id, 8)}`,
                    }));
                return id(`${inputs.stackSetName},${ou},${inputs.stackSetInstanceRegion}`, { stackInstanceSummaries: summaries });
            }
            case "time:index/sleep:Sleep":
                return id(this.placeholder(name, "id", "1970-01-01T00:00:00Z", "the time the wait ended"), {});
            default:
                // Components have no cloud state. A resource type the plan does not model would
                // show made-up outputs, so it fails loudly instead, like an unknown call.
                if (args.custom) throw new Error(`the plan does not model the resource type ${type} (${name})`);
                return { id: undefined, state: { ...inputs } };
        }
    }

    /** Names the provider generates when it checks a new resource, so known in a preview too. */
    private generatedName({ type, name, inputs }: pulumi.runtime.MockResourceArgs): Record<string, string> {
        if (type === "aws:s3/bucket:Bucket") return { bucket: inputs.bucket ?? this.autoName(name) };
        if (type === "aws:sqs/queue:Queue" || type === "aws:cloudwatch/metricAlarm:MetricAlarm") return { name: inputs.name ?? this.autoName(name) };
        return {};
    }

    call(args: pulumi.runtime.MockCallArgs): Outputs {
        if (args.token === "azure-native:operationalinsights:getWorkspace") {
            const { resourceGroupName, workspaceName } = args.inputs;
            const name = `${workspaceName} (existing workspace)`;
            const found = {
                id: this.placeholder(name, "id", workspaceArmId(resourceGroupName, workspaceName).workspace, "ARM ID in the deployer's subscription"),
                name: workspaceName,
                customerId: this.placeholder(name, "customerId", placeholderWorkspaceId(workspaceName), "the existing workspace's ID, read at deployment"),
            };
            this.lookups.push({ name, token: args.token, outputs: found });
            return found;
        }
        if (args.token === "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider") {
            // An existing provider, read at deployment: shown as what a correct one holds.
            const arn = String(args.inputs.arn);
            const issuer = arn.split(":oidc-provider/")[1] ?? "";
            const cloud = Object.values(SENTINEL_OIDC).find((o) => oidcIssuerHost(o.url) === issuer);
            const found = { arn, url: issuer, clientIdLists: cloud ? [cloud.audience] : [], thumbprintLists: [] };
            this.lookups.push({ name: `${arn} (existing OIDC provider)`, token: args.token, outputs: found });
            return found;
        }
        if (args.token === "aws:s3/getBucketNotification:getBucketNotification") {
            // An existing bucket's notifications, read at deployment: shown as a bucket with none yet.
            const found = { bucket: String(args.inputs.bucket), eventbridge: false, lambdaFunctions: [], queues: [], topics: [], region: "" };
            this.lookups.push({ name: `${found.bucket} (existing bucket's notifications)`, token: args.token, outputs: found });
            return found;
        }
        if (args.token === "aws:organizations/getOrganizationalUnitDescendantAccounts:getOrganizationalUnitDescendantAccounts") {
            const parentId = String(args.inputs.parentId);
            const accounts = this.orgAccounts.get(parentId);
            if (accounts === undefined) throw new Error(`the plan has no account list for ${parentId}: pass it with --org-accounts`);
            return {
                id: parentId,
                parentId,
                accounts: accounts.map((a) => ({
                    id: a.id,
                    state: a.state,
                    name: "",
                    arn: "",
                    email: "",
                    status: a.state,
                    joinedMethod: "",
                    joinedTimestamp: "",
                })),
            };
        }
        // An unexpected cloud look-up must fail loudly, not return nothing.
        throw new Error(`the plan has no answer for the call ${args.token}`);
    }
}
