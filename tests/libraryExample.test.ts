// examples/library: a program of its own using the library, with its own providers and
// config, planned under the mock engine like the stack program.
import * as path from "node:path";
import { expect } from "chai";
import { FakeCloud } from "../plan/fakeCloud";
import { Plan, PlannedResource, recordPlan } from "../plan/record";
import { ofType, one, ROOT, T } from "./helpers";

const PROGRAM = path.join(ROOT, "examples/library/index.ts");
const PROJECT = "sentinel-aws-library-example";
const AUDIT = "123456789012";
const MANAGEMENT = "210987654321";
const ROOT_OU = "r-ab12";
const MEMBERS = ["300000000001", "300000000002"];

function planExample(): Promise<Plan> {
    const config = {
        [`${PROJECT}:auditAccountId`]: AUDIT,
        [`${PROJECT}:managementAccountId`]: MANAGEMENT,
        [`${PROJECT}:organizationRootId`]: ROOT_OU,
    };
    const orgAccounts = new Map([[ROOT_OU, [...MEMBERS, MANAGEMENT].map((id) => ({ id, state: "ACTIVE" }))]]);
    return recordPlan(
        "example",
        config,
        () => {
            delete require.cache[require.resolve(PROGRAM)]; // a program runs once per plan
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- a Pulumi program runs as its module loads
            return require(PROGRAM);
        },
        new FakeCloud({ orgAccounts }),
        PROJECT,
    );
}

const childrenOf = (plan: Plan, component: PlannedResource): PlannedResource[] => {
    const below = plan.resources.filter((r) => r.parent === component.urn);
    return [...below, ...below.filter((r) => !r.custom).flatMap((c) => childrenOf(plan, c))];
};

describe("examples/library: the library in a program of its own", () => {
    let plan: Plan;
    before(async () => {
        plan = await planExample();
    });

    it("uses the program's own two AWS providers and registers none of its own", () => {
        expect(ofType(plan, T.awsProvider).map((p) => [p.name, p.parent])).to.deep.equal([
            ["audit", undefined],
            ["management", undefined],
        ]);
    });

    it("creates each connection's AWS resources on the provider handed to it by resource option", () => {
        for (const [component, provider] of [
            ["audit", "audit"],
            ["organization", "management"],
        ]) {
            const connection = plan.resources.find((r) => !r.custom && r.name === component)!;
            const aws = childrenOf(plan, connection).filter((r) => r.custom && r.type.startsWith("aws:"));
            expect(aws.length, component).to.be.greaterThan(0);
            expect(new Set(aws.map((r) => r.provider)), component).to.deep.equal(new Set([one(plan, T.awsProvider, provider).urn]));
        }
    });

    it("links the workspace it made to the role and the connector through plain inputs", () => {
        const workspaceId = one(plan, T.workspace, "security").outputs.customerId;
        const role = one(plan, T.role, "audit-sentinel-role");
        const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
        expect(trust.Statement[0].Condition.StringEquals["sts:ExternalId"]).to.equal(workspaceId);
        const connector = one(plan, T.connector, "audit-cloudtrail-connector");
        expect(connector.inputs.awsRoleArn).to.equal(role.outputs.arn);
        expect(connector.inputs).to.include({ workspaceName: "law-security", resourceGroupName: "rg-security" });
        expect(connector.dependsOn).to.include(one(plan, T.onboarding, "security-sentinel").urn);
        expect(connector.deletedWith).to.equal(one(plan, T.workspace, "security").urn);
    });

    it("takes the args it is given: lookupEventsOnly gives an inline policy and no managed one", () => {
        const audit = plan.resources.find((r) => !r.custom && r.name === "audit")!;
        const types = childrenOf(plan, audit).map((r) => r.type);
        expect(types).to.include(T.inlinePolicy);
        expect(types).to.not.include(T.attachment);
    });

    it("connects every active member of the organisation but the management account, with the workspace ID as the StackSet's parameter", () => {
        const connectors = ofType(plan, T.connector).filter((c) => c.name.startsWith("organization-"));
        expect(connectors.map((c) => c.inputs.awsRoleArn).sort()).to.deep.equal(MEMBERS.map((id) => `arn:aws:iam::${id}:role/SentinelCloudTrailReader`));
        const stackSet = ofType(plan, "aws:cloudformation/stackSet:StackSet")[0];
        expect(Object.values(stackSet.inputs.parameters as Record<string, string>)).to.deep.equal([one(plan, T.workspace, "security").outputs.customerId]);
    });
});
