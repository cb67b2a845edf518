// Organisation mode: one AWS provider and one StackSet whatever the number of accounts, an
// instance per OU, and a connector per active, included member account, found in the
// account list Organizations gives at deploy time (here: what --org-accounts answers).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { EXIT } from "../plan/cli";
import { crossCloudLinks, UNKNOWN_VALUE } from "../plan/links";
import { organizationConnectorId } from "../src/naming";
import { account, flatConfig, Json, ofType, ROOT, runPlanCli, stackFileText, T } from "./helpers";
import { programOnce } from "./planOnce";

const MANAGEMENT = "111111111111";
const OUS = ["ou-ab12-aaaaaaa1", "ou-ab12-bbbbbbb2", "ou-ab12-ccccccc3"];
const EXCLUDED = "200000000007";
const INSTANCE = "aws:cloudformation/stackSetInstance:StackSetInstance";
type Targets = { organizationalUnitIds: string[]; accountFilterType?: string; accounts?: string[] };

/** 150 accounts across three OUs: every 25th suspended, one excluded, the management account listed under the first. */
function organizationOf150() {
    const accounts = new Map<string, { id: string; state: string }[]>(OUS.map((ou) => [ou, []]));
    for (let i = 0; i < 150; i++) {
        const id = String(200000000000 + i);
        accounts.get(OUS[i % 3])!.push({ id, state: i % 25 === 24 ? "SUSPENDED" : "ACTIVE" });
    }
    accounts.get(OUS[0])!.push({ id: MANAGEMENT, state: "ACTIVE" });
    return accounts;
}

const orgConfig = (extra: Record<string, unknown> = {}) =>
    flatConfig({
        awsAccounts: undefined,
        tags: { owner: "secops" },
        organization: { accountId: MANAGEMENT, region: "us-east-1", organizationalUnitIds: OUS, excludeAccountIds: [EXCLUDED], ...extra },
    });

const planOrg = (config: Record<string, string>, accounts = organizationOf150()) => programOnce("prod", config, { orgAccounts: accounts });

describe("organisation mode", () => {
    describe("a 150-account organisation across three OUs", () => {
        const accounts = organizationOf150();
        const expected = [...accounts.values()].flat().filter((a) => a.state === "ACTIVE" && a.id !== MANAGEMENT && a.id !== EXCLUDED);

        it("plans one AWS provider, one StackSet, one instance per OU and one connector per active, included member", async () => {
            const plan = await planOrg(orgConfig(), accounts);
            expect(ofType(plan, T.awsProvider)).to.have.length(1);
            expect(ofType(plan, "aws:cloudformation/stackSet:StackSet")).to.have.length(1);
            const instances = ofType(plan, INSTANCE);
            expect(instances.map((i) => (i.inputs.deploymentTargets as Targets).organizationalUnitIds)).to.deep.equal(OUS.map((ou) => [ou]));
            const connectors = ofType(plan, T.connector);
            expect(expected).to.have.length(150 - 6 - 1);
            expect(connectors.map((c) => c.inputs.awsRoleArn).sort()).to.deep.equal(
                expected.map((a) => `arn:aws:iam::${a.id}:role/MicrosoftSentinelCloudTrail-prod`).sort(),
            );
            expect(connectors.map((c) => c.inputs.dataConnectorId).sort()).to.deep.equal(expected.map((a) => organizationConnectorId(a.id)).sort());
        });

        it("sets up a service-managed StackSet fed the workspace ID as a parameter, with callAs on it and every instance", async () => {
            const plan = await planOrg(orgConfig({ deployAs: "delegatedAdmin", accountId: "999900000000", managementAccountId: MANAGEMENT }), accounts);
            const [stackSet] = ofType(plan, "aws:cloudformation/stackSet:StackSet");
            const workspace = ofType(plan, T.workspace)[0];
            expect(stackSet.inputs).to.include({ permissionModel: "SERVICE_MANAGED", callAs: "DELEGATED_ADMIN", name: "MicrosoftSentinel-prod" });
            expect(stackSet.inputs.autoDeployment).to.deep.equal({ enabled: true, retainStacksOnAccountRemoval: false });
            expect(stackSet.inputs.capabilities).to.deep.equal(["CAPABILITY_NAMED_IAM"]);
            expect(stackSet.inputs.parameters).to.deep.equal({ WorkspaceId: workspace.outputs.customerId });
            expect(stackSet.propertyDependencies.parameters).to.include(workspace.urn);
            for (const instance of ofType(plan, INSTANCE)) {
                expect(instance.inputs).to.include({ callAs: "DELEGATED_ADMIN", stackSetInstanceRegion: "us-east-1" });
            }
            const provider = ofType(plan, T.awsProvider)[0];
            expect(JSON.parse(provider.inputs.allowedAccountIds as string)).to.deep.equal(["999900000000"]);
        });

        it("creates each connector after its OU's instance and an IAM wait, and every instance after the StackSet alone, none waiting for another", async () => {
            const plan = await planOrg(orgConfig(), accounts);
            const byName = new Map(plan.resources.map((r) => [r.name, r]));
            const connector = byName.get(`organization-${expected[0].id}`)!;
            const ou = OUS[0];
            expect(connector.dependsOn).to.include.members([
                byName.get(`organization-${ou}`)!.urn,
                byName.get(`organization-${ou}-iam-propagation`)!.urn,
                ofType(plan, T.onboarding)[0].urn,
            ]);
            const stackSet = ofType(plan, "aws:cloudformation/stackSet:StackSet")[0];
            for (const instance of ofType(plan, INSTANCE)) expect(instance.dependsOn).to.deep.equal([stackSet.urn]);
        });

        describe("with excluded accounts in one OU, the management account among them", () => {
            // 200000000004, ...07 and ...10 are accounts 4, 7 and 10: all in the second OU (i % 3 = 1), given out of order.
            const excludeAccountIds = ["200000000010", EXCLUDED, "200000000004", MANAGEMENT, "999999999999"];
            let instances: ReturnType<typeof ofType>;
            before(async () => (instances = ofType(await planOrg(orgConfig({ excludeAccountIds }), accounts), INSTANCE)));
            const targetsOf = (ou: string) =>
                instances.find((i) => (i.inputs.deploymentTargets as Targets).organizationalUnitIds[0] === ou)!.inputs.deploymentTargets;

            it("filters each excluded account out of the instance of the OU that holds it, and only there", () => {
                expect(targetsOf(OUS[1])).to.deep.equal({
                    organizationalUnitIds: [OUS[1]],
                    accountFilterType: "DIFFERENCE",
                    accounts: ["200000000004", "200000000007", "200000000010"],
                });
                expect(targetsOf(OUS[0])).to.deep.equal({ organizationalUnitIds: [OUS[0]] });
                expect(targetsOf(OUS[2])).to.deep.equal({ organizationalUnitIds: [OUS[2]] });
            });

            it("runs every instance's operation at the configured concurrency: SOFT_FAILURE_TOLERANCE", () => {
                for (const instance of instances) {
                    expect(instance.inputs.operationPreferences).to.deep.equal({
                        concurrencyMode: "SOFT_FAILURE_TOLERANCE",
                        maxConcurrentPercentage: 25,
                        failureTolerancePercentage: 10,
                    });
                }
            });

            it("never changes an existing instance's account filter or operation preferences: the provider would replace it, or fail", () => {
                for (const instance of instances) {
                    expect(instance.ignoreChanges).to.have.members([
                        "deploymentTargets.accountFilterType",
                        "deploymentTargets.accounts",
                        "operationPreferences",
                    ]);
                }
            });
        });

        it("links the workspace ID into the StackSet parameter and each member's role, from its OU's instance, into its connector", async () => {
            const plan = await planOrg(orgConfig(), accounts);
            const links = crossCloudLinks(plan);
            const workspaceId = ofType(plan, T.workspace)[0].outputs.customerId;
            expect(links).to.deep.include({
                from: `${ofType(plan, T.workspace)[0].name}.customerId`,
                fromCloud: "Azure",
                value: workspaceId,
                to: "organization-roles.parameters",
                toCloud: "AWS",
            });
            const memberLinks = links.filter((l) => l.toCloud === "Azure");
            expect(memberLinks).to.have.length(expected.length);
            const member = expected.find((a) => accounts.get(OUS[1])!.includes(a))!;
            expect(memberLinks).to.deep.include({
                from: `organization-${OUS[1]}`,
                fromCloud: "AWS",
                value: `arn:aws:iam::${member.id}:role/MicrosoftSentinelCloudTrail-prod`,
                to: `organization-${member.id}.awsRoleArn`,
                toCloud: "Azure",
            });
        });

        it("shows a member's role ARN as unknown in a first preview, still linked to its OU's instance", async () => {
            const config = orgConfig();
            const plan = await programOnce("prod", config, { orgAccounts: accounts, preview: true });
            const member = expected[0];
            expect(crossCloudLinks(plan)).to.deep.include({
                from: `organization-${OUS[0]}`,
                fromCloud: "AWS",
                value: UNKNOWN_VALUE,
                to: `organization-${member.id}.awsRoleArn`,
                toCloud: "Azure",
            });
        });

        it("connects the management account directly on the same provider when asked", async () => {
            const plan = await planOrg(orgConfig({ connectManagementAccount: true }), accounts);
            expect(ofType(plan, T.awsProvider)).to.have.length(1);
            const roles = ofType(plan, T.role);
            expect(roles.map((r) => r.inputs.name)).to.deep.equal(["MicrosoftSentinelCloudTrail-prod"]);
            expect(ofType(plan, T.connector).map((c) => c.inputs.awsRoleArn)).to.include(`arn:aws:iam::${MANAGEMENT}:role/MicrosoftSentinelCloudTrail-prod`);
        });

        it("adds or removes exactly one instance when an OU is added or removed", async () => {
            const two = new Map([...accounts].slice(0, 2));
            const before = await planOrg(orgConfig({ organizationalUnitIds: OUS.slice(0, 2) }), two);
            const after = await planOrg(orgConfig(), accounts);
            const urns = (p: typeof before) => ofType(p, INSTANCE).map((i) => i.urn);
            expect(urns(after).filter((u) => !urns(before).includes(u))).to.have.length(1);
            expect(urns(before).every((u) => urns(after).includes(u))).to.equal(true);
        });
    });

    it("runs STRICT_FAILURE_TOLERANCE when configured so, with the configured percentages", async () => {
        const small = new Map(OUS.map((ou, i) => [ou, [{ id: `20000000000${i}`, state: "ACTIVE" }]]));
        const plan = await planOrg(orgConfig({ concurrencyMode: "STRICT_FAILURE_TOLERANCE", maxConcurrentPercentage: 50 }), small);
        expect(ofType(plan, INSTANCE).map((i) => i.inputs.operationPreferences)).to.deep.equal(
            OUS.map(() => ({ concurrencyMode: "STRICT_FAILURE_TOLERANCE", maxConcurrentPercentage: 50, failureTolerancePercentage: 10 })),
        );
    });

    it("refuses to connect an account twice: listed with the CloudTrail API connector and a member", async () => {
        const accounts = new Map([
            [OUS[0], [{ id: "222233334444", state: "ACTIVE" }]],
            [OUS[1], []],
            [OUS[2], []],
        ]);
        const config = { ...orgConfig(), "sentinel-aws:awsAccounts": JSON.stringify([account("listed", "222233334444")]) };
        let failure: unknown;
        await planOrg(config, accounts).catch((err) => (failure = err));
        expect(String(failure)).to.include("sentinel-aws:awsAccounts[0] (222233334444) is also a member of ou-ab12-aaaaaaa1");
    });

    describe("npm run plan -- --org-accounts", () => {
        const dir = mkdtempSync(path.join(tmpdir(), "sentinel-aws-org-"));
        const write = (name: string, content: unknown) => {
            const file = path.join(dir, name);
            writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
            return file;
        };
        const stack = write(
            "Pulumi.org.yaml",
            JSON.stringify({
                config: {
                    "azure-native:location": "westeurope",
                    "sentinel-aws:workspace": { name: "sentinel-org", resourceGroupName: "rg" },
                    "sentinel-aws:organization": { accountId: MANAGEMENT, region: "us-east-1", organizationalUnitIds: OUS.slice(0, 2) },
                },
            }),
        );
        const good = { [OUS[0]]: [{ Id: "222200000001", Name: "a", State: "ACTIVE", Status: "ACTIVE" }], [OUS[1]]: [] };
        const plan = runPlanCli;

        it("plans the sample organisation stack with its account list", async () => {
            const { code, stdout } = await plan(
                "--config-file",
                path.join(ROOT, "examples/Pulumi.org.yaml"),
                "--org-accounts",
                path.join(ROOT, "examples/Pulumi.org.org-accounts.json"),
            );
            expect(code).to.equal(EXIT.ok);
            expect(stdout).to.include("sentinel-org.customerId").and.include("-> AWS organization-roles.parameters");
        });

        it("plans the sample's instances with the configured concurrency, the excluded sandbox account filtered out, and no chain", async () => {
            const { code, stdout, stderr } = await plan(
                "--config-file",
                path.join(ROOT, "examples/Pulumi.org.yaml"),
                "--org-accounts",
                path.join(ROOT, "examples/Pulumi.org.org-accounts.json"),
                "--json",
            );
            expect(code, stderr).to.equal(EXIT.ok);
            const resources = (JSON.parse(stdout) as { resources: { type: string; urn: string; inputs: Json; dependsOn: string[] }[] }).resources;
            const stackSet = resources.find((r) => r.type === "aws:cloudformation/stackSet:StackSet")!;
            const instances = resources.filter((r) => r.type === INSTANCE);
            expect(
                Object.fromEntries(instances.map((i) => [(i.inputs.deploymentTargets as Targets).organizationalUnitIds[0], i.inputs.deploymentTargets])),
            ).to.deep.equal({
                "ou-ab12-workload1": { organizationalUnitIds: ["ou-ab12-workload1"], accountFilterType: "DIFFERENCE", accounts: ["222200000003"] },
                "ou-ab12-security1": { organizationalUnitIds: ["ou-ab12-security1"] },
            });
            for (const instance of instances) {
                expect(instance.inputs.operationPreferences).to.include({ concurrencyMode: "SOFT_FAILURE_TOLERANCE" });
                expect(instance.dependsOn).to.deep.equal([stackSet.urn]);
            }
        });

        it("exits 2 naming the flag and the file to commit when an organisation stack is planned without either", async () => {
            const { code, stderr } = await plan("--config-file", stack);
            expect(code).to.equal(EXIT.badInput);
            expect(stderr).to.include(`commit them as ${path.join(dir, "Pulumi.org.org-accounts.json")} or pass --org-accounts FILE`);
        });

        it("reads the account list committed beside the stack file, as the pull-request workflow plans it, and ignores one beside a stack without an organisation", async () => {
            const committed = mkdtempSync(path.join(tmpdir(), "sentinel-aws-committed-"));
            const orgStack = path.join(committed, "Pulumi.org.yaml");
            writeFileSync(orgStack, readFileSync(stack));
            writeFileSync(path.join(committed, "Pulumi.org.org-accounts.json"), JSON.stringify(good));
            const planned = await plan("--config-file", orgStack, "--json");
            expect(planned.code, planned.stderr).to.equal(EXIT.ok);
            const connectors = (JSON.parse(planned.stdout) as { resources: { type: string; inputs: Json }[] }).resources.filter((r) => r.type === T.connector);
            expect(connectors.map((c) => c.inputs.awsRoleArn)).to.deep.equal(["arn:aws:iam::222200000001:role/MicrosoftSentinelCloudTrail-org"]);

            const listed = path.join(committed, "Pulumi.listed.yaml");
            writeFileSync(listed, stackFileText(flatConfig()));
            writeFileSync(path.join(committed, "Pulumi.listed.org-accounts.json"), JSON.stringify(good));
            expect((await plan("--config-file", listed)).code).to.equal(EXIT.ok);
        });

        it("exits 2 before anything is registered for a listed account the file names as a member, naming both keys", async () => {
            const listed = write(
                "Pulumi.listed.yaml",
                JSON.stringify({
                    config: {
                        ...JSON.parse(readFileSync(stack, "utf8")).config,
                        "sentinel-aws:awsAccounts": [account("audit", "222200000001")],
                    },
                }),
            );
            const { code, stdout, stderr } = await plan("--config-file", listed, "--org-accounts", write("listed-member.json", good));
            expect(code).to.equal(EXIT.badInput);
            expect(stdout).to.equal("");
            expect(stderr).to.include(
                `sentinel-aws:awsAccounts[0] (222200000001) is also a member of ${OUS[0]}, which sentinel-aws:organization connects: remove it from awsAccounts, or add it to organization.excludeAccountIds`,
            );
            expect(stderr).to.not.include("registered");
        });

        const BAD: [what: string, content: unknown, shown: string][] = [
            ["not JSON", "{ou-ab12", "is not JSON"],
            ["a list where the object belongs", [good[OUS[0]]], "must be a JSON object of OU IDs to account lists"],
            [
                "an OU that the config does not name",
                { ...good, "ou-ab12-zzzzzzz9": [] },
                '"ou-ab12-zzzzzzz9", which sentinel-aws:organization.organizationalUnitIds does not name',
            ],
            ["a configured OU missing", { [OUS[0]]: [] }, `has no account list for ${OUS[1]}`],
            [
                "an unquoted account ID",
                { ...good, [OUS[1]]: [{ Id: 222200000002, State: "ACTIVE" }] },
                `["${OUS[1]}"][0]["Id"]: Id must be a quoted string of 12 digits, not 222200000002`,
            ],
            ["a short account ID", { ...good, [OUS[1]]: [{ Id: "2222", State: "ACTIVE" }] }, 'Id must be 12 digits, not "2222"'],
            [
                "no State",
                { ...good, [OUS[1]]: [{ Id: "222200000002" }] },
                "State must be one of PENDING_ACTIVATION, ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED",
            ],
            ["an account list that is not a list", { ...good, [OUS[1]]: { Id: "222200000002" } }, "must be a list of accounts"],
            [
                "an OU listed twice, the second list hiding the first",
                `{"${OUS[0]}": [], "${OUS[1]}": [], "${OUS[0]}": []}`,
                `: line 1, column 50: duplicate key "${OUS[0]}": JSON readers keep one of them silently, so each key may appear once`,
            ],
            ["a __proto__ OU, which objects drop", `{"${OUS[0]}": [], "${OUS[1]}": [], "__proto__": []}`, 'the key "__proto__" is refused'],
            ["a byte-order mark", `\uFEFF${JSON.stringify(good)}`, "starts with a byte-order mark (U+FEFF), which JSON does not allow"],
            ["valid JSON nested 5,000 deep", `{"${OUS[0]}": ${"[".repeat(5_000)}${"]".repeat(5_000)}}`, "line 1, column 53: nested deeper than 32 levels"],
            [
                "more accounts than an organisation can have",
                { ...good, [OUS[1]]: Array.from({ length: 100_001 }, () => ({ Id: "222200000002", State: "ACTIVE" })) },
                "100,002 accounts, more than an organisation can have (at most 100,000)",
            ],
            [
                "20,000 malformed accounts, listed up to ten",
                { ...good, [OUS[1]]: Array.from({ length: 20_000 }, () => ({ Id: 1, State: "ACTIVE" })) },
                `["${OUS[1]}"][9]["Id"]: Id must be a quoted string of 12 digits, not 1\n… and 19,990 more`,
            ],
        ];
        for (const [what, content, shown] of BAD) {
            it(`exits 2 for an account file with ${what}, naming the file and the place, with nothing registered`, async () => {
                const file = write(`accounts-${BAD.findIndex((b) => b[0] === what)}.json`, content);
                const { code, stdout, stderr } = await plan("--config-file", stack, "--org-accounts", file);
                expect(code).to.equal(EXIT.badInput);
                expect(stdout).to.equal("");
                expect(stderr).to.include(file).and.include(shown);
            });
        }
    });
});
