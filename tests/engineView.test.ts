// What the engine receives must not change under existing stacks: the same URNs, types,
// names and inputs as the fixture recorded from the sample stack, and, where the program
// registers a resource more cheaply than the SDK class would, the very same request.
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import * as securityinsights from "@pulumi/azure-native/securityinsights";
import { expect } from "chai";
import { ENGINE_VIEW_FIXTURE, engineView } from "../scripts/engine-view";
import { recordPlan } from "../plan/record";
import { awsAccountProvider } from "../src/components/awsAccountProvider";
import { CloudTrailConnectorResource } from "../src/components/cloudTrailConnector";
import { CLOUDTRAIL_CONNECTOR_TYPE } from "../src/constants";
import type { AwsAccountConfig } from "../src/config/types";
import { AwsAccountConnection, loadStackConfig, sentinelAws } from "../src";
import { planOf, sampleConfig } from "./helpers";
import { planToJson } from "../plan/render";

type Request = Record<string, unknown>;
interface Monitor {
    registerResource(req: { toObject(): Request }, callback: unknown): void;
}

/** The register requests `create` sends to the engine, in full. */
async function requestsOf(create: () => void): Promise<Request[]> {
    const requests: Request[] = [];
    await recordPlan("check", {}, () => {
        const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req, callback) => {
            requests.push(req.toObject());
            register(req, callback);
        };
        create();
        return {};
    });
    // Where in the source the resource was created (position, stack) is not part of its identity.
    return requests.map(({ sourceposition, stacktrace, ...rest }) => rest);
}

const account = (credentials: AwsAccountConfig["credentials"]): AwsAccountConfig => ({
    name: "audit",
    accountId: "012345678901",
    region: "eu-central-1",
    partition: "aws",
    credentials,
    connector: "cloudTrailApi",
    roleName: "r",
    rolePermissions: "readOnly",
    adopt: undefined,
    tags: {},
});

describe("what the engine receives", () => {
    it("matches the fixture recorded from the sample stack: URNs, types, names, inputs, options", async () => {
        const fixture = JSON.parse(readFileSync(ENGINE_VIEW_FIXTURE, "utf8"));
        expect(await engineView()).to.deep.equal(fixture);
    });

    it("aliases each AWS provider to where it was, a child of its connection, so that deployed providers and their resources stay put", async () => {
        const config = sampleConfig("Pulumi.dev.yaml");
        const requests = await requestsOf(() => sentinelAws(loadStackConfig(config, "check")));
        const providers = requests.filter((r) => r.type === "pulumi:providers:aws");
        expect(providers.map((p) => p.name)).to.deep.equal(["audit-aws", "workloads-aws"]);
        for (const provider of providers) {
            const label = (provider.name as string).replace(/-aws$/, "");
            const [alias] = provider.aliasesList as { spec: { parenturn: string; name: string; type: string } }[];
            // The connection's URN, as the engine names the component this program registers for the account.
            expect(alias.spec).to.include({ parenturn: `urn:pulumi:check::sentinel-aws::${AwsAccountConnection.TYPE}::${label}`, name: "", type: "" });
            expect(provider.parent).to.equal("");
        }
        // And the plan names the URNs they had in the previous release, which the diff matches a base plan's by.
        const plan = planToJson(await planOf(config, "dev"));
        expect(plan.resources.filter((r) => r.type === "pulumi:providers:aws").map((r) => r.movedFrom)).to.deep.equal(
            ["audit", "workloads"].map((label) => [`urn:pulumi:dev::sentinel-aws::sentinel-aws:index:AwsAccountConnection$pulumi:providers:aws::${label}-aws`]),
        );
    });

    for (const [credentials, signIn] of [
        [
            { kind: "assumeRole", roleArn: "arn:aws:iam::012345678901:role/deploy" },
            { assumeRoles: JSON.stringify([{ roleArn: "arn:aws:iam::012345678901:role/deploy", sessionName: "pulumi-sentinel-aws" }]) },
        ],
        [{ kind: "profile", profile: "audit" }, { profile: "audit" }],
        [{ kind: "ambient" }, {}],
    ] as const) {
        it(`registers each account's AWS provider pinned to the account, signed in as its config says (${credentials.kind})`, async () => {
            const [request] = await requestsOf(() => awsAccountProvider("audit-aws", account(credentials)));
            expect(request.type).to.equal("pulumi:providers:aws");
            expect(request.version, "the plugin version").to.be.a("string").and.not.equal("");
            const inputs = (request.object as { fieldsMap: [string, { stringValue?: string }][] }).fieldsMap.map(([key, value]) => [key, value.stringValue]);
            expect(
                Object.fromEntries(inputs.filter(([key]) => ["allowedAccountIds", "region", "assumeRoles", "profile"].includes(key as string))),
            ).to.deep.equal({
                allowedAccountIds: JSON.stringify(["012345678901"]),
                region: "eu-central-1",
                ...signIn,
            });
        });
    }

    it("registers the connector exactly as azure-native's class does, less its aliases to other API versions and connector kinds", async () => {
        const args = {
            dataConnectorId: "id",
            kind: "AmazonWebServicesCloudTrail" as const,
            resourceGroupName: "rg",
            workspaceName: "ws",
            awsRoleArn: "arn:aws:iam::012345678901:role/r",
            dataTypes: { logs: { state: "Enabled" } },
        };
        const [fromClass] = await requestsOf(() => new securityinsights.AwsCloudTrailDataConnector("c", args, { dependsOn: [], protect: false }));
        const [direct] = await requestsOf(() => new CloudTrailConnectorResource("c", args, { dependsOn: [], protect: false }));
        expect(fromClass.type).to.equal(CLOUDTRAIL_CONNECTOR_TYPE);
        const aliases = fromClass.aliasesList as { spec?: { type?: string } }[];
        expect(aliases.length).to.be.greaterThan(100);
        expect(aliases.map((a) => a.spec?.type)).not.to.include(CLOUDTRAIL_CONNECTOR_TYPE);
        expect(direct.aliasesList).to.deep.equal([]);
        expect(direct.version, "the plugin version").to.be.a("string").and.not.equal("");
        expect(direct).to.deep.equal({ ...fromClass, aliasesList: [] });
    });
});
