// Policy pack config as the Pulumi CLI reads it (`--policy-pack-config FILE`; pulumi/pulumi
// pkg/resource/analyzer/config.go): per policy, an enforcement level or an object with an
// optional `enforcementLevel` and the policy's settings; `all` sets every policy's level first.
// Defaults come from the pack's config schemas, and the result is validated against them,
// so a file the CLI would refuse is refused here too, before the pack judges anything.
import Ajv from "ajv";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import { describe, listed, MAX_LISTED } from "../../src/facts";
import { InputFileError, shown } from "../inputFile";
import { readJsonFile } from "../jsonFile";

const LEVELS = {
    advisory: analyzerProto.EnforcementLevel.ADVISORY,
    mandatory: analyzerProto.EnforcementLevel.MANDATORY,
    remediate: analyzerProto.EnforcementLevel.REMEDIATE,
    disabled: analyzerProto.EnforcementLevel.DISABLED,
} as const;
type Level = keyof typeof LEVELS;
const isLevel = (v: unknown): v is Level => typeof v === "string" && Object.hasOwn(LEVELS, v);

/** The file's content: per policy name (or `all`), a level or settings. */
export type PackConfigFile = Readonly<Record<string, unknown>>;

/** Reads a `--policy-pack-config` file: a JSON object, or an InputFileError naming the file. */
export function readPackConfig(file: string): PackConfigFile {
    const json = readJsonFile(file, `--policy-pack-config: ${shown(file)}`, "see policy/README.md for its form");
    if (typeof json !== "object" || json === null || Array.isArray(json))
        throw new InputFileError(`--policy-pack-config: ${shown(file)} must be a JSON object of policy names, not ${describe(json)}`);
    return json as PackConfigFile;
}

interface PolicyConfig {
    level: Level;
    properties: Record<string, unknown>;
}

const levelName = (level: analyzerProto.EnforcementLevel): Level => (Object.keys(LEVELS) as Level[]).find((k) => LEVELS[k] === level)!;

/** One entry of the file applied over a policy's config: a level, or an object with one and settings. */
function apply(config: PolicyConfig, entry: unknown, where: string): void {
    if (isLevel(entry)) {
        config.level = entry;
        return;
    }
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
        throw new InputFileError(`${where}: must be one of ${Object.keys(LEVELS).join(", ")} or an object of settings, not ${describe(entry)}`);
    }
    const { enforcementLevel, ...properties } = entry as Record<string, unknown>;
    if (enforcementLevel !== undefined) {
        if (!isLevel(enforcementLevel))
            throw new InputFileError(`${where}.enforcementLevel: must be one of ${Object.keys(LEVELS).join(", ")}, not ${describe(enforcementLevel)}`);
        config.level = enforcementLevel;
    }
    Object.assign(config.properties, properties);
}

/**
 * The Configure request the engine sends for this pack and file: each policy at its own
 * level with its schema's defaults, then `all`, then its own entry; every result validated
 * against its schema. `file` names the file in errors.
 */
export function configureRequest(
    info: analyzerProto.AnalyzerInfo,
    content: PackConfigFile,
    file: string,
): { request: analyzerProto.ConfigureAnalyzerRequest; warnings: string[]; lowered: string[] } {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const req = new analyzerProto.ConfigureAnalyzerRequest();
    const known = new Set(info.getPoliciesList().map((p) => p.getName()));
    // The CLI ignores entries for policies the pack does not have; so does this, but says so.
    const unknown = Object.keys(content).filter((name) => name !== "all" && !known.has(name));
    const warnings = listed(
        unknown
            .slice(0, MAX_LISTED)
            .map(
                (name) =>
                    `--policy-pack-config ${file}: ${describe(name)} is not a policy of the pack ${info.getName()}, so it has no effect (its policies: ${[...known].join(", ")})`,
            ),
        unknown.length,
    );
    const lowered: string[] = [];
    const unknownSettings: string[] = [];
    for (const policy of info.getPoliciesList()) {
        const name = policy.getName();
        const schema = policy.getConfigschema();
        const properties = (schema?.getProperties()?.toJavaScript() ?? {}) as Record<string, { default?: unknown }>;
        const config: PolicyConfig = {
            level: levelName(policy.getEnforcementlevel()),
            properties: Object.fromEntries(Object.entries(properties).flatMap(([k, s]) => ("default" in s ? [[k, s.default]] : []))),
        };
        if (content.all !== undefined) apply(config, content.all, `--policy-pack-config ${file}: all`);
        if (content[name] !== undefined) apply(config, content[name], `--policy-pack-config ${file}: ${name}`);
        // A typo in a setting's name would leave the rule at its default without a word (the pack ignores it).
        const entry = content[name];
        if (typeof entry === "object" && entry !== null && !Array.isArray(entry))
            for (const key of Object.keys(entry))
                if (key !== "enforcementLevel" && !Object.hasOwn(properties, key))
                    unknownSettings.push(
                        `--policy-pack-config ${file}: ${describe(key)} is not a setting of ${name}, so it has no effect (its settings: ${Object.keys(properties).join(", ") || "none"})`,
                    );
        // A rule the pack makes mandatory, switched off or down by the file: said in every output, never in silence.
        if (policy.getEnforcementlevel() === LEVELS.mandatory && config.level !== "mandatory")
            lowered.push(`mandatory rule ${name} ${config.level === "disabled" ? "disabled" : `lowered to ${config.level}`} by ${file}`);

        const validate = ajv.compile({ type: "object", properties, required: schema?.getRequiredList() ?? [] });
        if (!validate(config.properties)) {
            const problems = (validate.errors ?? []).map((e) => `${e.instancePath || "(settings)"} ${e.message}`).join("; ");
            throw new InputFileError(`--policy-pack-config ${file}: ${name}: ${problems}`);
        }
        const out = new analyzerProto.PolicyConfig();
        out.setEnforcementlevel(LEVELS[config.level]);
        out.setProperties(Struct.fromJavaScript(config.properties as Record<string, never>));
        req.getPolicyconfigMap().set(name, out);
    }
    return { request: req, warnings: [...warnings, ...listed(unknownSettings)], lowered };
}
