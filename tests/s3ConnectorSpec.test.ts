// The S3 connector is an untyped generic ARM resource, so nothing in the SDK checks its body:
// this test checks it against the REST API specification of the API version it is sent with.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { expect } from "chai";
import { S3_CONNECTOR_API_VERSION } from "../src/s3Facts";
import type { Plan, PlannedResource } from "../plan/record";
import { one, planSample, T } from "./helpers";

type Schema = { $ref?: string; allOf?: Schema[]; properties?: Record<string, Schema>; readOnly?: boolean; [key: string]: unknown };
const SPEC_FILE = join(__dirname, "fixtures", "securityinsights-2024-10-01-preview-AwsS3DataConnector.json");
const spec = JSON.parse(readFileSync(SPEC_FILE, "utf8")) as { info: { version: string }; definitions: Record<string, Schema> };
const definition = (ref: string): Schema => spec.definitions[ref.replace("#/definitions/", "")];

/** Every property a definition declares, through allOf and $ref, with its schema. */
function declared(schema: Schema): Record<string, Schema> {
    const own = schema.$ref ? declared(definition(schema.$ref)) : {};
    const inherited = (schema.allOf ?? []).map(declared);
    return Object.assign({}, own, ...inherited, schema.properties ?? {});
}

/** Properties of `body` the specification does not declare (a misspelt key would be ignored by ARM, silently). */
function undeclared(body: unknown, schema: Schema, path = ""): string[] {
    if (typeof body !== "object" || body === null || Array.isArray(body)) return [];
    const known = declared(schema);
    return Object.entries(body).flatMap(([key, value]) => {
        const property = known[key];
        if (property === undefined) return [`${path}${key}`];
        if (property.readOnly) return [`${path}${key} (read-only)`];
        return undeclared(value, property, `${path}${key}.`);
    });
}

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema({ definitions: spec.definitions }, "spec");
const validate = ajv.getSchema("spec#/definitions/AwsS3DataConnector")!;

/** The request body ARM receives for a generic resource: its kind and properties. */
const bodyOf = (r: PlannedResource) => ({ kind: r.inputs.kind, properties: r.inputs.properties });

describe("the S3 connector's body against the REST API specification", () => {
    let plan: Plan;
    let connectors: PlannedResource[];
    let waf: PlannedResource;
    before(async () => {
        plan = await planSample("examples/Pulumi.s3.yaml", "s3");
        // WAF's connection has properties no version of the specification defines; tests/wafProgram.test.ts holds it to Microsoft's template.
        connectors = plan.resources.filter((r) => r.type === T.armResource && !r.name.endsWith("-waf-connector"));
        waf = one(plan, T.armResource, "security-waf-connector");
    });

    it("is sent with the API version of the specification kept as the fixture", () => {
        expect(spec.info.version).to.equal(S3_CONNECTOR_API_VERSION);
        // The organisation trail's, and the security account's for CloudTrail, VPC flow logs, GuardDuty and CloudWatch Logs.
        expect(connectors).to.have.length(5);
        for (const c of connectors) expect(c.inputs.apiVersion).to.equal(S3_CONNECTOR_API_VERSION);
    });

    it("uses the kind the specification maps to AwsS3DataConnector", () => {
        for (const c of connectors) expect(c.inputs.kind).to.equal(definition("AwsS3DataConnector")["x-ms-discriminator-value"]);
    });

    it("validates against AwsS3DataConnector (types, enums, required properties)", () => {
        for (const c of connectors) {
            const ok = validate(bodyOf(c));
            expect(ok, `${c.name}: ${ajv.errorsText(validate.errors)}`).to.equal(true);
        }
    });

    it("sets only properties the specification declares, none of them read-only", () => {
        for (const c of connectors) expect(undeclared(bodyOf(c), definition("#/definitions/AwsS3DataConnector")), c.name).to.deep.equal([]);
    });

    it("validates WAF's body too, but for the three properties of the Codeless Connector Framework", () => {
        const { connectorDefinitionName, dcrConfig, dataFormat, ...rest } = waf.inputs.properties as Record<string, unknown>;
        expect([connectorDefinitionName, dcrConfig, dataFormat]).to.not.include(undefined);
        const body = { kind: waf.inputs.kind, properties: rest };
        expect(validate(body), ajv.errorsText(validate.errors)).to.equal(true);
        expect(undeclared(body, definition("#/definitions/AwsS3DataConnector"))).to.deep.equal([]);
    });

    it("would catch a misspelt, missing or mistyped property (control)", () => {
        const body = bodyOf(connectors[0]) as { kind: string; properties: Record<string, unknown> };
        const { sqsUrls, ...withoutQueues } = body.properties;
        expect(validate({ ...body, properties: withoutQueues })).to.equal(false);
        expect(validate({ ...body, properties: { ...body.properties, sqsUrls: sqsUrls && (sqsUrls as string[])[0] } })).to.equal(false);
        expect(validate({ ...body, properties: { ...body.properties, dataTypes: { logs: { state: "On" } } } })).to.equal(false);
        expect(undeclared({ ...body, properties: { ...body.properties, sqsUrl: sqsUrls } }, definition("#/definitions/AwsS3DataConnector"))).to.deep.equal([
            "properties.sqsUrl",
        ]);
    });
});
