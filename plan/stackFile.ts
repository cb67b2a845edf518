// Reads a stack config file (`Pulumi.<stack>.yaml`) the way the Pulumi CLI hands it to a
// program: a flat map of `namespace:key` to text, objects as JSON, with the project's
// declared defaults filled in; and the ESC environments it imports, whose values only
// Pulumi Cloud can open (see escEnvironment.ts).
import { PROJECT } from "../src";
import { describe } from "../src/facts";
import { InputFileError, shown } from "./inputFile";
import { nonFiniteNumbers, qualifiedKeyClashes } from "./stackFileChecks";
import { readYamlFile } from "./yamlFile";

/** Pulumi's encrypted values cannot be read offline; the plan shows them as this. */
const SECRET_PLACEHOLDER = "[secret]";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Pulumi passes strings as they are and every other value as JSON text. */
export function asConfigText(value: unknown): string {
    if (isObject(value) && Object.keys(value).length === 1 && "secure" in value) return SECRET_PLACEHOLDER;
    if (typeof value === "string") return value;
    if (value === null || value === undefined) return "";
    return JSON.stringify(value);
}

/** Keys without a namespace belong to the project. */
export const qualify = (key: string) => (key.includes(":") ? key : `${PROJECT}:${key}`);

/** Defaults the project file declares (`config: {key: {default: ...}}`), as flat config. */
export function readProjectDefaults(projectFile: string): Record<string, string> {
    const project = readYamlFile(projectFile);
    const declared = isObject(project) && isObject(project.config) ? project.config : {};
    const defaults: Record<string, string> = {};
    for (const [key, declaration] of Object.entries(declared)) {
        if (isObject(declaration) && "default" in declaration) defaults[qualify(key)] = asConfigText(declaration.default);
        else if (isObject(declaration) && "value" in declaration) defaults[qualify(key)] = asConfigText(declaration.value);
        else if (!isObject(declaration)) defaults[qualify(key)] = asConfigText(declaration);
    }
    return defaults;
}

/** ESC environment names: `[org/][project/]env[@version]`, of letters, digits, `_`, `.` and `-`. */
const ENVIRONMENT_NAME = /^[\w.-]+(\/[\w.-]+){0,2}(@[\w.-]+)?$/;

/**
 * The ESC environments a stack file's `environment:` imports, for the plan to name. Pulumi
 * reads a list as environment names and anything else as an inline environment definition
 * (a mapping of `imports` and `values`); the plan takes a single name as a list of one, so
 * that it is named too. Names are checked, as they are shown in a pull-request comment.
 */
function environmentsOf(value: unknown, stackFile: string): string[] {
    if (value === undefined || value === null) return [];
    if (isObject(value)) return ["an inline environment definition"];
    const names = typeof value === "string" ? [value] : value;
    if (!Array.isArray(names)) throw new InputFileError(`${shown(stackFile)}: environment must be a list of ESC environment names, not ${describe(value)}`);
    names.forEach((name, i) => {
        if (typeof name !== "string" || !ENVIRONMENT_NAME.test(name)) {
            const place = typeof value === "string" ? "environment" : `environment[${i}]`;
            throw new InputFileError(`${shown(stackFile)}: ${place} must be an ESC environment name ([org/][project/]env[@version]), not ${describe(name)}`);
        }
    });
    return names.map((name) => `"${name}"`);
}

export interface StackFile {
    /** The config the file sets, flat, without the project's defaults. */
    readonly values: Record<string, string>;
    /** What its `environment:` imports, as it may be shown: names quoted, or a description. */
    readonly environments: readonly string[];
}

/** One stack file: its own config and the ESC environments it imports. */
export function readStackFile(stackFile: string): StackFile {
    const doc = readYamlFile(stackFile);
    if (doc !== null && doc !== undefined && !isObject(doc)) throw new InputFileError(`${shown(stackFile)} must be a YAML mapping with a config: section`);
    const config = isObject(doc) ? doc.config : undefined;
    if (config !== undefined && config !== null && !isObject(config))
        throw new InputFileError(`${shown(stackFile)}: config must be a mapping of keys to values`);
    // Messages from these checks are escaped already.
    const problems = [...qualifiedKeyClashes(Object.keys(config ?? {})), ...nonFiniteNumbers(config ?? {})];
    if (problems.length > 0) throw new InputFileError(`${shown(stackFile)}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(config ?? {})) values[qualify(key)] = asConfigText(value);
    return { values, environments: environmentsOf(isObject(doc) ? doc.environment : undefined, stackFile) };
}

/** The flat config of one stack file, over the project's defaults. */
export function readStackConfig(stackFile: string, defaults: Readonly<Record<string, string>> = {}): Record<string, string> {
    return { ...defaults, ...readStackFile(stackFile).values };
}
