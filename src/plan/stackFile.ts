// Reads a stack config file (`Pulumi.<stack>.yaml`) the way the Pulumi CLI hands it to a
// program: a flat map of `namespace:key` to text, objects as JSON, with the project's
// declared defaults filled in.
import { PROJECT } from "../config/load";
import { InputFileError, shown } from "./inputFile";
import { nonFiniteNumbers, qualifiedKeyClashes } from "./stackFileChecks";
import { readYamlFile } from "./yamlFile";

/** Pulumi's encrypted values cannot be read offline; the plan shows them as this. */
const SECRET_PLACEHOLDER = "[secret]";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Pulumi passes strings as they are and every other value as JSON text. */
function asConfigText(value: unknown): string {
    if (isObject(value) && Object.keys(value).length === 1 && "secure" in value) return SECRET_PLACEHOLDER;
    if (typeof value === "string") return value;
    if (value === null || value === undefined) return "";
    return JSON.stringify(value);
}

/** Keys without a namespace belong to the project. */
const qualify = (key: string) => (key.includes(":") ? key : `${PROJECT}:${key}`);

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

/** The flat config of one stack file, over the project's defaults. */
export function readStackConfig(stackFile: string, defaults: Readonly<Record<string, string>> = {}): Record<string, string> {
    const doc = readYamlFile(stackFile);
    if (doc !== null && doc !== undefined && !isObject(doc)) throw new InputFileError(`${shown(stackFile)} must be a YAML mapping with a config: section`);
    const config = isObject(doc) ? doc.config : undefined;
    if (config !== undefined && config !== null && !isObject(config)) throw new InputFileError(`${shown(stackFile)}: config must be a mapping of keys to values`);
    // Messages from these checks are escaped already.
    const problems = [...qualifiedKeyClashes(Object.keys(config ?? {})), ...nonFiniteNumbers(config ?? {})];
    if (problems.length > 0) throw new InputFileError(`${shown(stackFile)}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    const flat: Record<string, string> = { ...defaults };
    for (const [key, value] of Object.entries(config ?? {})) flat[qualify(key)] = asConfigText(value);
    return flat;
}
