// The pull-request comment tells the truth: values made up offline are marked where they
// are shown, and the counts say what `pulumi preview` will count besides them.
import { expect } from "chai";
import { diffPlans } from "../plan/diff";
import { planToMarkdown } from "../plan/markdown";
import { PolicyVerdict, Violation, violationsToText } from "../plan/policyCheck";
import type { Plan } from "../plan/record";
import { planToJson } from "../plan/render";
import { account, flatConfig, planOf, planSample, T } from "./helpers";

const audit = account("audit", "111122223333");
const ops = account("ops", "222233334444");

/** The paragraphs of one trust-policy item, from its heading to the next item's. */
function trustItem(md: string, role: string): string {
    const start = md.indexOf(`**${role}**`);
    expect(start, `${role} in the comment`).to.be.at.least(0);
    const next = md.slice(start + 1).search(/\n\*\*|\n### /);
    return md.slice(start, next < 0 ? undefined : start + 1 + next);
}

const workspaceId = (plan: Plan) => plan.placeholders.find((p) => p.property === "customerId")!.value;
const linkRows = (md: string) => md.split("\n").filter((line) => /^\| (Azure|AWS) `/.test(line));

describe("the pull-request comment tells the truth", () => {
    let plan: Plan;
    let md: string;
    before(async () => {
        plan = await planOf(flatConfig({ awsAccounts: [audit, ops] }));
        md = planToMarkdown(plan);
    });

    describe("placeholders are marked where they appear", () => {
        it("under each trust policy, naming the made-up workspace ID it holds as sts:ExternalId", () => {
            const id = workspaceId(plan);
            for (const role of ["audit-sentinel-role", "ops-sentinel-role"]) {
                const item = trustItem(md, role);
                expect(item).to.include(`"sts:ExternalId": "${id}"`);
                expect(item).to.include(
                    `Placeholders in this policy, made up offline (the deployed policy holds the real values): \`${id}\` = sentinel-test.customerId, the workspace ID Azure assigns, a GUID.`,
                );
            }
        });

        it("in the links table: the workspace ID's cells, not the role ARNs (made from the config), with the legend above", () => {
            const rows = linkRows(md);
            const fromWorkspace = rows.filter((row) => row.startsWith("| Azure `sentinel-test.customerId`"));
            const fromRoles = rows.filter((row) => row.startsWith("| AWS "));
            expect(fromWorkspace).to.have.length(2);
            expect(fromRoles).to.have.length(2);
            for (const row of fromWorkspace) expect(row).to.include(`| \`${workspaceId(plan)}\` (placeholder) |`);
            for (const row of fromRoles) expect(row).to.not.include("(placeholder)");
            const legend = md.indexOf("Values marked (placeholder) are made up offline");
            expect(legend).to.be.above(md.indexOf("### Links between the clouds")).and.below(md.indexOf("| from | value | to |"));
        });

        it("in a diff too: a new role's policy and a changed one, before and after", async () => {
            const base = await planOf(flatConfig({ awsAccounts: [audit] }));
            const added = await planOf(flatConfig({ awsAccounts: [audit, ops] }));
            const addedMd = planToMarkdown(added, { diff: diffPlans(planToJson(base), planToJson(added), "main") });
            expect(trustItem(addedMd, "ops-sentinel-role")).to.include("Placeholders in this policy").and.include(workspaceId(added));
            const changed = await planOf(flatConfig({ awsAccounts: [audit], microsoftAccountId: "123456789012" }));
            const changedMd = planToMarkdown(changed, { diff: diffPlans(planToJson(base), planToJson(changed), "main") });
            const item = trustItem(changedMd, "audit-sentinel-role");
            expect(item).to.include("(changed)").and.include("After:");
            expect(item.slice(item.indexOf("After:"))).to.include(
                `Placeholders in this policy, made up offline (the deployed policy holds the real values): \`${workspaceId(changed)}\``,
            );
        });

        it("keeps the legend with the rows it explains when rows are left out for GitHub's limit", async () => {
            const many = await planOf(flatConfig({ awsAccounts: Array.from({ length: 6 }, (_, i) => account(`a${i}`, String(100000000000 + i))) }));
            const full = planToMarkdown(many);
            const seen = new Set<boolean>();
            for (let maxLength = full.length; maxLength >= 3000; maxLength -= 151) {
                const trimmed = planToMarkdown(many, { maxLength });
                expect(trimmed.length, `limit ${maxLength}`).to.be.at.most(maxLength);
                const marked = linkRows(trimmed).some((row) => row.includes("(placeholder)"));
                expect(trimmed.includes("Values marked (placeholder)"), `legend at limit ${maxLength}`).to.equal(marked);
                seen.add(marked);
            }
            expect([...seen].sort(), "limits with and without marked rows").to.deep.equal([false, true]);
        });
    });

    describe("the counts say what pulumi preview counts besides them", () => {
        /** Counted here from the plan, as the engine does: every component, and one default provider per package version used without a provider. */
        function uncounted(p: Plan) {
            const components = p.resources.filter((r) => !r.custom).length;
            const defaults = new Set(
                p.resources
                    .filter((r) => r.custom && r.provider === undefined && !r.type.startsWith("pulumi:providers:"))
                    .map((r) => `${r.type.split(":")[0]}@${r.version}`),
            );
            return { components, defaultProviders: defaults.size };
        }

        it("one line under the table: the stack and the components to create, and the default providers preview hides", () => {
            const { components, defaultProviders } = uncounted(plan);
            // The workspace component, and per account its connection and reader-role components; azure-native and time without a provider.
            expect([components, defaultProviders]).to.deep.equal([5, 2]);
            const line = `Not in these counts, but in \`pulumi preview\`'s: the stack and ${components} components (no cloud state), ${components + 1} more to create. Preview neither shows nor counts the ${defaultProviders} default providers it creates, one per package version used without an explicit provider.`;
            expect(md).to.include(`|\n\n${line}\n\n### Trust policies`);
        });

        it("in a diff, the same, as this plan's numbers", async () => {
            const base = await planOf(flatConfig({ awsAccounts: [audit] }));
            const diffMd = planToMarkdown(plan, { diff: diffPlans(planToJson(base), planToJson(plan), "main") });
            const { components, defaultProviders } = uncounted(plan);
            expect(diffMd).to.include(
                `Not in these counts, but in \`pulumi preview\`'s: the stack and components (${components} in this plan; no cloud state). Preview neither shows nor counts default providers (${defaultProviders} in this plan)`,
            );
        });

        it("for the sample dev stack", async () => {
            const dev = await planSample("Pulumi.dev.yaml", "dev");
            const { components, defaultProviders } = uncounted(dev);
            expect(dev.resources.filter((r) => r.type === T.awsProvider)).to.have.length(2);
            expect(planToMarkdown(dev)).to.include(
                `the stack and ${components} components (no cloud state), ${components + 1} more to create. Preview neither shows nor counts the ${defaultProviders} default providers`,
            );
        });
    });
});

describe("the policy pack's verdict in the plan", () => {
    let plan: Plan;
    before(async () => {
        plan = await planOf(flatConfig({ awsAccounts: [audit] }));
    });
    const description = "A Log Analytics workspace this stack creates must be protected.";
    // As the pack sends it: the rule's description on the first line of the message.
    const violation: Violation = {
        policy: "workspace-protected",
        enforcementLevel: "mandatory",
        resource: "sentinel-test",
        description,
        message: `${description}\nWorkspace sentinel-test is not protected.\nSet the resource option protect.`,
    };
    const verdict: PolicyVerdict = { rules: 9, violations: [violation], warnings: [], lowered: [] };

    it("heads the comment, right under its title and before the counts, so a broken rule is read first", () => {
        const md = planToMarkdown(plan, { verdict });
        const title = md.indexOf("## Plan for stack `test`");
        const policy = md.indexOf("### Policy pack: 1 mandatory and 0 advisory violations");
        const counts = md.indexOf("| + | Azure |");
        expect(
            [title, policy, counts].every((i) => i >= 0),
            "title, verdict and counts all shown",
        ).to.equal(true);
        expect(title).to.be.below(policy);
        expect(policy).to.be.below(counts);
        expect(md.slice(title, policy).trim().split("\n"), "nothing between the title and the verdict").to.have.length(1);
    });

    it("keeps the counts right under the title when no rule is broken", () => {
        const md = planToMarkdown(plan, { verdict: { ...verdict, violations: [] } });
        expect(md).to.match(/^## Plan for stack `test`: \d+ resources to create\n\nPolicy pack: no violations of its 9 rules\.\n\n\| \| target \|/);
    });

    it("in text, prints the rule's description once and indents every line of the message", () => {
        const text = violationsToText(verdict);
        expect(text.split(description)).to.have.length(2);
        expect(text).to.include("\n    Workspace sentinel-test is not protected.\n    Set the resource option protect.\n");
        for (const line of text.trimEnd().split("\n").slice(1)) expect(line, "under the head line").to.match(/^ {2}\S|^ {4}\S/);
    });

    it("in text, keeps a message that does not start with the description whole", () => {
        const text = violationsToText({ ...verdict, violations: [{ ...violation, message: "only the message" }] });
        expect(text).to.include(`: ${description}\n    only the message\n`);
    });
});
