// The component package that `pulumi package add` reads: the SDK's own component host derives
// its schema here, as it would for the CLI. Slow (about 10 s of one core): the host has the
// TypeScript compiler read the whole program, @pulumi/aws's declarations included.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { expect } from "chai";
import { parse } from "yaml";
import { COMPONENT_PACKAGE } from "../../src";
import { CONCURRENCY_MODES, ROLE_PERMISSIONS } from "../../src/constants";
import { ALERT_SEVERITIES } from "../../src/content/facts";
import { ROOT } from "../helpers";

describe("the component package (PulumiPlugin.yaml)", function () {
    this.timeout(120_000);
    let schema: {
        name: string;
        resources: Record<
            string,
            { isComponent: boolean; inputProperties: Record<string, { description?: string }>; properties: Record<string, { description?: string }> }
        >;
        types: Record<string, { enum?: { value: string }[]; properties?: Record<string, { description?: string }> }>;
    };
    before(async () => {
        const provider = new ComponentProvider({ ...COMPONENT_PACKAGE, dirname: ROOT });
        schema = JSON.parse(await provider.getSchema());
    });

    it("is a nodejs plugin whose entry point exists", () => {
        const manifest = parse(readFileSync(path.join(ROOT, "PulumiPlugin.yaml"), "utf8"));
        expect(manifest.runtime).to.equal("nodejs");
        expect(readFileSync(path.join(ROOT, manifest.main), "utf8")).to.include("componentProviderHost");
    });

    it("has the SDK's component host derive a schema naming every component of the package", () => {
        expect(schema.name).to.equal("sentinel-aws");
        expect(Object.keys(schema.resources).sort()).to.deep.equal(COMPONENT_PACKAGE.components.map((c) => c.TYPE).sort());
        for (const resource of Object.values(schema.resources)) expect(resource.isComponent).to.equal(true);
    });

    it("takes the workspace as plain inputs, and the account and role as the args name them", () => {
        const connection = schema.resources["sentinel-aws:index:AwsAccountConnection"];
        expect(connection.inputProperties).to.include.keys("workspace", "accountId", "roleName", "rolePermissions", "adopt");
        const link = schema.types["sentinel-aws:index:WorkspaceLink"];
        expect(link.properties).to.include.keys("workspaceId", "resourceGroupName", "workspaceName");
        expect(schema.types["sentinel-aws:index:RolePermissions"].enum!.map((e) => e.value)).to.deep.equal([...ROLE_PERMISSIONS]);
    });

    it("offers the StackSet's concurrency mode as an enum of the organisation's connection", () => {
        const connection = schema.resources["sentinel-aws:index:OrganizationConnection"];
        expect(connection.inputProperties).to.include.keys("concurrencyMode", "maxConcurrentPercentage", "failureTolerancePercentage");
        expect(schema.types["sentinel-aws:index:ConcurrencyMode"].enum!.map((e) => e.value)).to.deep.equal([...CONCURRENCY_MODES]);
    });

    it("offers SentinelContent with the catalogue's items as its inputs and the alert severities as an enum", () => {
        const content = schema.resources["sentinel-aws:index:SentinelContent"];
        expect(content.inputProperties).to.include.keys("workspace", "solution", "templates", "rules", "holdVersion");
        expect(schema.types["sentinel-aws:index:AlertSeverity"].enum!.map((e) => e.value)).to.deep.equal([...ALERT_SEVERITIES]);
    });

    it("documents every input and output of every component and type", () => {
        const undocumented = [
            ...Object.entries(schema.resources).flatMap(([token, r]) =>
                Object.entries({ ...r.inputProperties, ...r.properties }).flatMap(([key, p]) => (p.description ? [] : [`${token}.${key}`])),
            ),
            ...Object.entries(schema.types).flatMap(([token, t]) =>
                Object.entries(t.properties ?? {}).flatMap(([key, p]) => (p.description ? [] : [`${token}.${key}`])),
            ),
        ];
        expect(undocumented).to.deep.equal([]);
    });
});
