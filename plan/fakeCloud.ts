// What the clouds would answer, made up deterministically: the mock engine's resource and
// call handlers. Every value only a cloud can know that the plan shows is a placeholder
// shaped like the real thing (a GUID, an ARN, an ARM ID), derived from the names in the
// config, and recorded so that the plan can label it; the rest stays unknown.
import { createHash } from "node:crypto";
import * as cloudformation from "@pulumi/aws/cloudformation";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as ec2 from "@pulumi/aws/ec2";
import * as guardduty from "@pulumi/aws/guardduty";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as lambda from "@pulumi/aws/lambda";
import { Provider } from "@pulumi/aws/provider";
import * as s3 from "@pulumi/aws/s3";
import * as sns from "@pulumi/aws/sns";
import * as sqs from "@pulumi/aws/sqs";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import type * as pulumi from "@pulumi/pulumi";
import * as time from "@pulumiverse/time";
import { v5 as uuidv5 } from "uuid";
import { CLOUDTRAIL_CONNECTOR_TYPE, oidcIssuerHost, partitionOf, SENTINEL_OIDC, typeToken, workspaceArmIds } from "../src/facts";
import { allowedAccountsOf } from "./providerInputs";
import type { OrgAccounts } from "./orgAccounts";
import type { CatalogueAnswers } from "./contentCatalogue";
import type { PlannedResource } from "./record";

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

/** How the cloud answers a new resource of one type. */
interface Answer {
    /** The property the provider fills with a name of its own when the program sets none (auto-naming). */
    readonly autoNamed?: string;
    /** The ID the cloud assigns and the outputs it adds to the inputs; `named` holds the auto-named property. */
    readonly created: (args: pulumi.runtime.MockResourceArgs, named: Readonly<Record<string, string>>) => { readonly id: string; readonly outputs?: Outputs };
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
    /** The workspace's Content Hub catalogue (`--content-catalogue`); without it, the catalogue cannot be read, as before a workspace exists. */
    private readonly contentCatalogue?: CatalogueAnswers;

    constructor(options: { readonly preview?: boolean; readonly orgAccounts?: OrgAccounts; readonly contentCatalogue?: CatalogueAnswers } = {}) {
        this.preview = options.preview ?? false;
        this.orgAccounts = options.orgAccounts ?? new Map();
        this.contentCatalogue = options.contentCatalogue;
    }

    readonly placeholders: Placeholder[] = [];
    readonly lookups: Lookup[] = [];
    /** Account and region of each AWS provider, by provider ID (the engine passes providers as `urn::id`). */
    private readonly targetOfProvider = new Map<string, AwsTarget>();
    /** Custom resources given the default answer, as `type::name`: the program must not read them. */
    private readonly unmodelled = new Set<string>();

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

    /**
     * How the cloud answers each type whose cloud-assigned values the program reads or the plan
     * lists as placeholders, keyed by the SDK class's own token; every other resource gets the
     * default answer (`newResource`). A new resource type needs an entry only if it is read.
     */
    private readonly answers: Readonly<Record<string, Answer>> = {
        [typeToken(Provider)]: {
            created: ({ name, inputs }) => {
                const providerId = uuidv5(`provider:${name}`, PLACEHOLDER_NAMESPACE);
                const account = allowedAccountsOf(inputs)[0] ?? "";
                const region = String(inputs.region ?? "us-east-1");
                this.targetOfProvider.set(providerId, { account, region, partition: partitionOf(region) });
                return { id: providerId };
            },
        },
        [typeToken(resources.ResourceGroup)]: {
            created: ({ inputs }) => ({
                id: workspaceArmIds(PLACEHOLDER_SUBSCRIPTION_ID, inputs.resourceGroupName, "").resourceGroup,
                outputs: { name: inputs.resourceGroupName },
            }),
        },
        [typeToken(operationalinsights.Workspace)]: {
            created: ({ name, inputs }) => {
                const customerId = this.placeholder(name, "customerId", placeholderWorkspaceId(inputs.workspaceName), "the workspace ID Azure assigns, a GUID");
                const armIdOf = workspaceArmId(inputs.resourceGroupName, inputs.workspaceName).workspace;
                return {
                    id: this.placeholder(name, "id", armIdOf, "ARM ID in the deployer's subscription"),
                    outputs: { name: inputs.workspaceName, customerId },
                };
            },
        },
        [typeToken(securityinsights.SentinelOnboardingState)]: {
            created: ({ inputs }) => ({
                id: workspaceArmId(inputs.resourceGroupName, inputs.workspaceName).onboardingState(inputs.sentinelOnboardingStateName),
                outputs: { name: inputs.sentinelOnboardingStateName },
            }),
        },
        // The type the program registers its connector under (it does not use the class, see cloudTrailConnector.ts).
        [CLOUDTRAIL_CONNECTOR_TYPE]: {
            created: ({ inputs }) => ({
                id: workspaceArmId(inputs.resourceGroupName, inputs.workspaceName).dataConnector(inputs.dataConnectorId),
                outputs: { name: inputs.dataConnectorId },
            }),
        },
        [typeToken(securityinsights.CustomizableConnectorDefinition)]: {
            created: ({ inputs }) => ({
                id: `${workspaceArmId(inputs.resourceGroupName, inputs.workspaceName).workspace}/providers/Microsoft.SecurityInsights/dataConnectorDefinitions/${inputs.dataConnectorDefinitionName}`,
                outputs: { name: inputs.dataConnectorDefinitionName },
            }),
        },
        [typeToken(monitor.DataCollectionEndpoint)]: {
            created: ({ name, inputs }) => {
                const host = this.placeholder(
                    name,
                    "logsIngestion.endpoint",
                    `https://${inputs.dataCollectionEndpointName}-${shortHash(name, 4)}.${inputs.location}-1.ingest.monitor.azure.com`,
                    "the endpoint's logs ingestion URL Azure Monitor assigns",
                );
                return {
                    id: armId(inputs.resourceGroupName, "Microsoft.Insights", "dataCollectionEndpoints", inputs.dataCollectionEndpointName),
                    outputs: { name: inputs.dataCollectionEndpointName, logsIngestion: { endpoint: host } },
                };
            },
        },
        [typeToken(monitor.DataCollectionRule)]: {
            created: ({ name, inputs }) => ({
                id: armId(inputs.resourceGroupName, "Microsoft.Insights", "dataCollectionRules", inputs.dataCollectionRuleName),
                outputs: {
                    name: inputs.dataCollectionRuleName,
                    immutableId: this.placeholder(name, "immutableId", `dcr-${shortHash(name, 32)}`, "the rule's immutable ID Azure Monitor assigns"),
                },
            }),
        },
        [typeToken(resources.Resource)]: {
            created: ({ inputs }) => {
                const path = [inputs.parentResourcePath, inputs.resourceType, inputs.resourceName];
                return { id: armId(inputs.resourceGroupName, inputs.resourceProviderNamespace, ...path), outputs: { name: inputs.resourceName } };
            },
        },
        [typeToken(iam.Role)]: {
            created: ({ name, inputs, provider }) => {
                const { account, partition } = this.targetOf(provider);
                const arn = `arn:${partition}:iam::${account}:role/${inputs.name}`;
                return {
                    id: inputs.name,
                    outputs: { arn, uniqueId: this.placeholder(name, "uniqueId", roleUniqueId(arn), "the role's unique ID IAM assigns") },
                };
            },
        },
        [typeToken(iam.RolePolicyAttachment)]: { created: ({ inputs }) => ({ id: `${inputs.role}/${inputs.policyArn}` }) },
        [typeToken(iam.RolePolicy)]: { created: ({ inputs }) => ({ id: `${inputs.role}:${inputs.name}` }) },
        [typeToken(iam.OpenIdConnectProvider)]: {
            created: ({ inputs, provider }) => {
                const { account, partition } = this.targetOf(provider);
                const arn = `arn:${partition}:iam::${account}:oidc-provider/${oidcIssuerHost(String(inputs.url))}`;
                return { id: arn, outputs: { arn } };
            },
        },
        [typeToken(kms.Key)]: {
            created: ({ name, provider }) => {
                const { account, region, partition } = this.targetOf(provider);
                const keyId = this.placeholder(name, "id", uuidv5(`key:${account}:${name}`, PLACEHOLDER_NAMESPACE), "the key ID KMS assigns");
                return { id: keyId, outputs: { keyId, arn: `arn:${partition}:kms:${region}:${account}:key/${keyId}` } };
            },
        },
        [typeToken(s3.Bucket)]: {
            autoNamed: "bucket",
            created: ({ provider }, { bucket }) => ({ id: bucket, outputs: { arn: `arn:${this.targetOf(provider).partition}:s3:::${bucket}` } }),
        },
        [typeToken(sqs.Queue)]: {
            autoNamed: "name",
            created: ({ provider }, { name: queueName }) => {
                const { account, region, partition } = this.targetOf(provider);
                const url = `https://sqs.${region}.amazonaws.com/${account}/${queueName}`;
                return { id: url, outputs: { url, arn: `arn:${partition}:sqs:${region}:${account}:${queueName}` } };
            },
        },
        [typeToken(sns.Topic)]: {
            created: ({ inputs, provider }) => {
                const { account, region, partition } = this.targetOf(provider);
                const arn = `arn:${partition}:sns:${region}:${account}:${inputs.name}`;
                return { id: arn, outputs: { arn } };
            },
        },
        [typeToken(sns.TopicSubscription)]: {
            created: ({ name, inputs }) => {
                const arn = this.placeholder(
                    name,
                    "arn",
                    `${inputs.topic}:${uuidv5(`subscription:${inputs.topic}:${inputs.endpoint}`, PLACEHOLDER_NAMESPACE)}`,
                    "the subscription ARN SNS assigns",
                );
                return { id: arn, outputs: { arn } };
            },
        },
        [typeToken(cloudwatch.MetricAlarm)]: {
            autoNamed: "name",
            created: ({ provider }, { name: alarmName }) => {
                const { account, region, partition } = this.targetOf(provider);
                return { id: alarmName, outputs: { arn: `arn:${partition}:cloudwatch:${region}:${account}:alarm:${alarmName}` } };
            },
        },
        [typeToken(lambda.Function)]: {
            created: ({ inputs, provider }) => {
                const { account, region, partition } = this.targetOf(provider);
                return { id: String(inputs.name), outputs: { arn: `arn:${partition}:lambda:${region}:${account}:function:${inputs.name}` } };
            },
        },
        [typeToken(cloudtrail.Trail)]: {
            created: ({ inputs, provider }) => {
                const { account, region, partition } = this.targetOf(provider);
                const arn = `arn:${partition}:cloudtrail:${region}:${account}:trail/${inputs.name}`;
                return { id: arn, outputs: { arn, homeRegion: region } };
            },
        },
        [typeToken(guardduty.PublishingDestination)]: {
            created: ({ name, inputs }) => ({
                id: this.placeholder(name, "id", `${inputs.detectorId}:${shortHash(name, 32)}`, "the detector and destination IDs GuardDuty assigns"),
            }),
        },
        [typeToken(ec2.FlowLog)]: { created: ({ name }) => ({ id: this.placeholder(name, "id", `fl-${shortHash(name, 17)}`, "the flow log ID EC2 assigns") }) },
        [typeToken(cloudformation.StackSet)]: {
            created: ({ name, inputs, provider }) => {
                const { account, region, partition } = this.targetOf(provider);
                const stackSetId = this.placeholder(
                    name,
                    "stackSetId",
                    `${inputs.name}:${uuidv5(`stackset:${account}:${inputs.name}`, PLACEHOLDER_NAMESPACE)}`,
                    "the StackSet ID CloudFormation assigns",
                );
                return { id: inputs.name, outputs: { stackSetId, arn: `arn:${partition}:cloudformation:${region}:${account}:stackset/${stackSetId}` } };
            },
        },
        [typeToken(cloudformation.StackSetInstance)]: {
            created: ({ inputs }) => {
                const [ou] = inputs.deploymentTargets.organizationalUnitIds;
                const summaries = (this.orgAccounts.get(ou) ?? [])
                    .filter((a) => a.state === "ACTIVE")
                    .map((a) => ({
                        accountId: a.id,
                        organizationalUnitId: ou,
                        stackId: `arn:aws:cloudformation:${inputs.stackSetInstanceRegion}:${a.id}:stack/StackSet-${inputs.stackSetName}-${shortHash(a.id, 8)}`,
                    }));
                return { id: `${inputs.stackSetName},${ou},${inputs.stackSetInstanceRegion}`, outputs: { stackInstanceSummaries: summaries } };
            },
        },
        [typeToken(time.Sleep)]: { created: ({ name }) => ({ id: this.placeholder(name, "id", "1970-01-01T00:00:00Z", "the time the wait ended") }) },
    };

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Outputs } {
        const { type, name, inputs } = args;
        const answer = this.answers[type];
        // Names the provider generates when it checks a new resource, so known in a preview too.
        const named: Record<string, string> = answer?.autoNamed ? { [answer.autoNamed]: inputs[answer.autoNamed] ?? this.autoName(name) } : {};
        if (answer && !this.preview) {
            const { id, outputs } = answer.created(args, named);
            return { id, state: { ...inputs, ...named, ...outputs } };
        }
        // Components (no cloud state), a first preview, and types without an answer: what the
        // cloud assigns, the ID included, stays unknown.
        if (args.custom && !this.preview) this.unmodelled.add(`${type}::${name}`);
        return { id: undefined, state: { ...inputs, ...named } };
    }

    /**
     * Refuses a plan in which the program reads a resource that got the default answer (an
     * input of another resource is made from it): what the cloud assigns it would be missing or
     * unknown where the plan should show it. Its type needs an entry in `answers`.
     */
    refuseUnmodelledReads(planned: readonly PlannedResource[]): void {
        const unmodelled = new Map(planned.filter((r) => this.unmodelled.has(`${r.type}::${r.name}`)).map((r) => [r.urn, r]));
        for (const reader of planned)
            for (const [input, urns] of Object.entries(reader.propertyDependencies)) {
                const read = urns.map((urn) => unmodelled.get(urn)).find((r) => r !== undefined);
                if (read)
                    throw new Error(
                        `${reader.name}.${input} is made from ${read.name}, but the plan does not model the resource type ${read.type}: give it an answer in plan/fakeCloud.ts`,
                    );
            }
    }

    /** Data-source calls the program makes, by invoke token: the SDK's functions carry no token to read it from. */
    private readonly calls: Readonly<Record<string, (args: pulumi.runtime.MockCallArgs) => Outputs>> = {
        "azure-native:operationalinsights:getWorkspace": ({ inputs, token }) => {
            const { resourceGroupName, workspaceName } = inputs;
            const name = `${workspaceName} (existing workspace)`;
            const found = {
                id: this.placeholder(name, "id", workspaceArmId(resourceGroupName, workspaceName).workspace, "ARM ID in the deployer's subscription"),
                name: workspaceName,
                customerId: this.placeholder(name, "customerId", placeholderWorkspaceId(workspaceName), "the existing workspace's ID, read at deployment"),
                location: this.placeholder(name, "location", "westeurope", "the existing workspace's region, read at deployment"),
            };
            this.lookups.push({ name, token, outputs: found });
            return found;
        },
        // ARM reads by path: here only the Content Hub catalogue, the solution's package and its templates.
        "azure-native:resources:getResource": ({ inputs, token }) => {
            const { resourceGroupName, parentResourcePath, resourceType, resourceName } = inputs;
            const catalogue = this.contentCatalogue;
            if (!catalogue) throw new Error("the plan has no Content Hub catalogue for this workspace: pass --content-catalogue FILE (docs/content.md)");
            const properties =
                resourceType === "contentProductPackages"
                    ? catalogue.package.contentId === resourceName && catalogue.package
                    : resourceType === "contentProductTemplates" && catalogue.templates.find((t) => t.contentId === resourceName);
            if (!properties) throw new Error(`the catalogue has no ${String(resourceType)} ${String(resourceName)} (404 Not Found)`);
            const id = armId(resourceGroupName, "Microsoft.OperationalInsights", parentResourcePath, resourceType, resourceName);
            const found = { id, name: resourceName, type: `Microsoft.SecurityInsights/${String(resourceType)}`, properties };
            if (resourceType === "contentProductPackages")
                this.lookups.push({ name: `${resourceName} ${String(properties.version)} (Content Hub catalogue)`, token, outputs: { id } });
            return found;
        },
        "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider": ({ inputs, token }) => {
            // An existing provider, read at deployment: shown as what a correct one holds.
            const arn = String(inputs.arn);
            const issuer = arn.split(":oidc-provider/")[1] ?? "";
            const cloud = Object.values(SENTINEL_OIDC).find((o) => oidcIssuerHost(o.url) === issuer);
            const found = { arn, url: issuer, clientIdLists: cloud ? [cloud.audience] : [], thumbprintLists: [] };
            this.lookups.push({ name: `${arn} (existing OIDC provider)`, token, outputs: found });
            return found;
        },
        "aws:s3/getBucketNotification:getBucketNotification": ({ inputs, token }) => {
            // An existing bucket's notifications, read at deployment: shown as a bucket with none yet.
            const found = { bucket: String(inputs.bucket), eventbridge: false, lambdaFunctions: [], queues: [], topics: [], region: "" };
            this.lookups.push({ name: `${found.bucket} (existing bucket's notifications)`, token, outputs: found });
            return found;
        },
        "aws:organizations/getOrganizationalUnitDescendantAccounts:getOrganizationalUnitDescendantAccounts": ({ inputs }) => {
            const parentId = String(inputs.parentId);
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
        },
    };

    call(args: pulumi.runtime.MockCallArgs): Outputs {
        const answer = this.calls[args.token];
        // An unexpected cloud look-up must fail loudly, not return nothing.
        if (!answer) throw new Error(`the plan has no answer for the call ${args.token}`);
        try {
            return answer(args);
        } catch (err) {
            // The SDK passes a failed call on with the gRPC error's `details` as its message, as the engine sends it.
            throw Object.assign(err instanceof Error ? err : new Error(String(err)), { details: err instanceof Error ? err.message : String(err) });
        }
    }
}
