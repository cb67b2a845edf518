// `--content-catalogue FILE`: the workspace's Content Hub catalogue, offline. The program
// reads the solution's package and its rule templates from the workspace at deploy time; the
// plan answers from this file instead: a JSON object with `package` (the properties of
// contentProductPackages/<id>) and `templates` (the properties of each contentProductTemplates
// item), as the REST API returns them. examples/Pulumi.content.content-catalogue.json is a
// made-up one.
import { describe } from "../src/facts";
import { InputFileError, shown } from "./inputFile";
import { readJsonFile } from "./jsonFile";

/** Rule templates in one file: the solution has about 62 (Azure-Sentinel `Solutions/Amazon Web Services`); ten times that is room enough. */
export const MAX_CATALOGUE_TEMPLATES = 1000;

export interface CatalogueAnswers {
    readonly package: Readonly<Record<string, unknown>>;
    readonly templates: readonly Readonly<Record<string, unknown>>[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads the file; an InputFileError names the file and what is wrong. The program checks the items' contents as it does the cloud's. */
export function readContentCatalogue(file: string): CatalogueAnswers {
    const json = readJsonFile(file, `--content-catalogue: ${shown(file)}`, "see docs/content.md");
    const bad = (why: string) => new InputFileError(`--content-catalogue: ${shown(file)} is not a catalogue: ${why}`);
    if (!isObject(json)) throw bad(`must be a JSON object with package and templates, not ${describe(json)}`);
    const { package: pkg, templates } = json;
    if (!isObject(pkg)) throw bad(`package must be an object (contentProductPackages properties), not ${describe(pkg)}`);
    if (!Array.isArray(templates)) throw bad(`templates must be a list (contentProductTemplates properties), not ${describe(templates)}`);
    if (templates.length > MAX_CATALOGUE_TEMPLATES) throw bad(`${templates.length} templates, more than ${MAX_CATALOGUE_TEMPLATES}`);
    const notObject = templates.findIndex((t) => !isObject(t));
    if (notObject !== -1) throw bad(`templates[${notObject}] must be an object, not ${describe(templates[notObject])}`);
    return { package: pkg, templates: templates as Record<string, unknown>[] };
}
