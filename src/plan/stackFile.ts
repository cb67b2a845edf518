// Reads a stack config file (`Pulumi.<stack>.yaml`) the way the Pulumi CLI hands it to a
// program: a flat map of `namespace:key` to text, objects as JSON, with the project's
// declared defaults filled in.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { PROJECT } from "../config/load";

/** A stack, project or saved plan file that cannot be read or parsed: bad input, exit code 2. */
export class InputFileError extends Error {}

/** Pulumi's encrypted values cannot be read offline; the plan shows them as this. */
const SECRET_PLACEHOLDER = "[secret]";

/** A file's text; one that cannot be read is an InputFileError naming it and the reason. */
export function readInputFile(file: string): string {
    try {
        return readFileSync(file, "utf8");
    } catch (err) {
        throw new InputFileError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
}

function readYaml(file: string): unknown {
    const text = readInputFile(file);
    try {
        return parse(text);
    } catch (err) {
        throw new InputFileError(`${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
    }
}

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
    const project = readYaml(projectFile);
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
    const doc = readYaml(stackFile);
    if (doc !== null && doc !== undefined && !isObject(doc)) throw new InputFileError(`${stackFile} must be a YAML mapping with a config: section`);
    const config = isObject(doc) ? doc.config : undefined;
    if (config !== undefined && config !== null && !isObject(config)) throw new InputFileError(`${stackFile}: config must be a mapping of keys to values`);
    const flat: Record<string, string> = { ...defaults };
    for (const [key, value] of Object.entries(config ?? {})) flat[qualify(key)] = asConfigText(value);
    return flat;
}
