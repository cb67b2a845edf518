// The policy pack's verdict on a recorded plan, obtained the way `pulumi preview
// --policy-pack policy` obtains it: the pack started as the CLI starts it, and asked over
// its Analyzer gRPC protocol with the requests the engine would send. `npm run plan --
// --check-policy` uses it, so that pull requests from forks, which get no preview against
// the clouds, still get the pack's own verdict.
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { PROJECT } from "../src";
import { withoutControls } from "./inputFile";
import { engineRequests } from "./policyPack/engineRequests";
import { configureRequest, PackConfigFile } from "./policyPack/packConfig";
import { PolicyPackProcess, PROJECT_POLICY_PACK } from "./policyPack/packProcess";
import type { Plan } from "./record";

export interface Violation {
    readonly policy: string;
    /** As the pack reports it: a rule that cannot run in a preview reports itself as advisory. */
    readonly enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
    /** The resource's name; none for a finding about the stack as a whole. */
    readonly resource?: string;
    readonly message: string;
    /** The rule's description, which the CLI prints above the message. */
    readonly description: string;
}

export interface PolicyVerdict {
    /** How many rules the pack has. */
    readonly rules: number;
    readonly violations: readonly Violation[];
    /** About the pack config, e.g. an entry naming no policy of the pack. */
    readonly warnings: readonly string[];
    /** Mandatory rules the pack config disabled or lowered: "mandatory rule X disabled by FILE". */
    readonly lowered: readonly string[];
}

const LEVEL_NAMES: Record<analyzerProto.EnforcementLevel, Violation["enforcementLevel"]> = {
    [analyzerProto.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerProto.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerProto.EnforcementLevel.REMEDIATE]: "remediate",
    [analyzerProto.EnforcementLevel.DISABLED]: "disabled",
};

/** A running pack that judges plans one after the other; `stop()` it when done. */
export class PolicyCheck {
    private constructor(
        private readonly pack: PolicyPackProcess,
        private readonly info: analyzerProto.AnalyzerInfo,
    ) {}

    /** Starts the pack in `packDir` and reads what it offers, as the engine does before a deployment. */
    static async start(packDir: string = PROJECT_POLICY_PACK): Promise<PolicyCheck> {
        const pack = await PolicyPackProcess.start(packDir);
        try {
            await pack.pluginInfo();
            return new PolicyCheck(pack, await pack.info());
        } catch (err) {
            pack.stop();
            throw err;
        }
    }

    /** Policy names, levels and config schemas, as the pack declares them. */
    get analyzerInfo(): analyzerProto.AnalyzerInfo {
        return this.info;
    }

    /**
     * The pack's verdict on `plan`: the stack and its config (`stackConfig`, flat as the CLI
     * reads it) announced, the pack configured from `packConfig` (a `--policy-pack-config`
     * file's content, `file` naming it), every resource analyzed, then the stack.
     */
    async evaluate(plan: Plan, stackConfig: Readonly<Record<string, string>>, packConfig: PackConfigFile = {}, file = "(none)"): Promise<PolicyVerdict> {
        const stack = new analyzerProto.AnalyzerStackConfigureRequest();
        stack.setStack(plan.stack);
        stack.setProject(PROJECT);
        stack.setDryRun(plan.preview);
        for (const [key, value] of Object.entries(stackConfig)) stack.getConfigMap().set(key, value);
        await this.pack.configureStack(stack);

        const { request, warnings, lowered } = configureRequest(this.info, packConfig, file);
        await this.pack.configure(request);

        const requests = engineRequests(plan, stackConfig);
        // A resource rule's finding is about the resource analyzed, unless it names another.
        const analyzed = await Promise.all(requests.analyze.map(async (req) => ({ urn: req.getUrn(), res: await this.pack.analyze(req) })));
        const responses = [...analyzed, { urn: "", res: await this.pack.analyzeStack(requests.analyzeStack) }];
        const violations = responses.flatMap(({ urn, res }) =>
            res.getDiagnosticsList().map((d): Violation => {
                const about = d.getUrn() || urn;
                return {
                    policy: d.getPolicyname(),
                    enforcementLevel: LEVEL_NAMES[d.getEnforcementlevel()],
                    resource: about ? (requests.names.get(about) ?? about) : undefined,
                    message: d.getMessage(),
                    description: d.getDescription(),
                };
            }),
        );
        return { rules: this.info.getPoliciesList().length, violations, warnings, lowered };
    }

    stop(): void {
        this.pack.stop();
    }

    /** See PolicyPackProcess.endWithThisProcess. */
    endWithThisProcess(): this {
        this.pack.endWithThisProcess();
        return this;
    }
}

/** One plan judged by a pack started for it. */
export async function checkPolicy(
    plan: Plan,
    stackConfig: Readonly<Record<string, string>>,
    packConfig?: PackConfigFile,
    file?: string,
    running?: PolicyCheck,
): Promise<PolicyVerdict> {
    // A pack already running (one process planning many stacks) is asked, and left running.
    if (running) return running.evaluate(plan, stackConfig, packConfig, file);
    const check = await PolicyCheck.start();
    try {
        return await check.evaluate(plan, stackConfig, packConfig, file);
    } finally {
        check.stop();
    }
}

/** The message without the rule's description, which the pack puts on its first line and the text prints already. */
export function ownMessage({ message, description }: Violation): string {
    return description && message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
}

const indent = (text: string, by: string) => text.replace(/^/gm, by);

/** The verdict as the CLI prints it: each violation with its rule, level, resource, description and message. */
export function violationsToText(verdict: PolicyVerdict): string {
    const { violations } = verdict;
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const head = `Policy pack (policy/, ${verdict.rules} rules): ${mandatory} mandatory and ${violations.length - mandatory} advisory violations`;
    const lines = violations.map((v) =>
        withoutControls(`  [${v.enforcementLevel}] ${v.policy}${v.resource ? ` (${v.resource})` : ""}: ${v.description}\n${indent(ownMessage(v), "    ")}`),
    );
    return `${[head, ...verdict.lowered.map((l) => `  LOWERED: ${l}`), ...verdict.warnings.map((w) => `  warning: ${w}`), ...lines].join("\n")}\n`;
}
