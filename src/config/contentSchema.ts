// The `content` block: the "Amazon Web Services" solution from Sentinel's Content Hub, and
// which of its analytics rule templates become enabled scheduled rules.
import { z } from "zod";
import { ALERT_SEVERITIES, AWS_SOLUTION, MAX_ENABLED_SCHEDULED_RULES, RECOMMENDED, RULE_MINUTES } from "../content/facts";
import { durationMinutes } from "../content/duration";
import * as rules from "./rules";

const GUID = /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** A rule template's ID, as the catalogue names it (a GUID), or the word for every template reading a filled table. */
const templateChoice = z
    .string({ error: (issue) => `must be a rule template ID (a GUID) or ${RECOMMENDED}, not ${rules.describe(issue.input)}` })
    .refine(
        (text) => text === RECOMMENDED || GUID.test(text),
        `must be ${RECOMMENDED} or a rule template ID, a GUID such as 4f19d4e3-ec5f-4abc-9e61-819eb131758c`,
    );
const templateId = z
    .string({ error: (issue) => `must be a rule template ID (a GUID), not ${rules.describe(issue.input)}` })
    .regex(GUID, "must be a rule template ID, a GUID such as 4f19d4e3-ec5f-4abc-9e61-819eb131758c");

/** A duration Sentinel accepts for `setting`, from its minimum to its maximum. */
function duration(setting: keyof typeof RULE_MINUTES) {
    const { min, max } = RULE_MINUTES[setting];
    const range = `from ${min} minutes (PT${min}M) to ${max >= 1440 ? `${max / 1440} days (P${max / 1440}D)` : `${max / 60} hours (PT${max / 60}H)`}`;
    return z
        .string({ error: (issue) => `must be an ISO 8601 duration such as PT1H, not ${rules.describe(issue.input)}` })
        .refine((text) => durationMinutes(text) !== undefined, {
            message: "must be an ISO 8601 duration of days, hours and minutes such as PT1H or P1D",
            abort: true,
        })
        .refine((text) => durationMinutes(text)! >= min && durationMinutes(text)! <= max, `must be ${range} (Sentinel's range for ${setting})`);
}

/** One rule template, with the settings this stack sets instead of the template's. */
const ruleEntrySchema = z.strictObject(
    {
        templateId,
        enabled: rules.strictBoolean("create the rule enabled").optional(),
        severity: rules.oneOf(ALERT_SEVERITIES).optional(),
        queryFrequency: duration("queryFrequency").optional(),
        queryPeriod: duration("queryPeriod").optional(),
        suppressionDuration: duration("suppressionDuration").optional(),
        suppressionEnabled: rules.strictBoolean("suppress repeated alerts").optional(),
        // A rule enabled by hand from this template: imported under its own ID instead of created.
        adoptRuleId: templateId.optional(),
    },
    { error: (issue) => `must be a template ID, ${RECOMMENDED}, or an object with templateId and overrides, not ${rules.describe(issue.input)}` },
);

export type RuleEntry = z.output<typeof ruleEntrySchema>;

/**
 * An entry of the list: text (a template ID or recommended) or an object with overrides. Chosen
 * by the input's type rather than by a union, whose failure would hide the entry's own message.
 */
const ruleSelector = z.unknown().transform((input, ctx): string | RuleEntry => {
    const parsed = (typeof input === "string" ? templateChoice : ruleEntrySchema).safeParse(input, { reportInput: true });
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path], input: issue.input });
    return z.NEVER;
});

export const contentSchema = z.strictObject(
    {
        /** Install the solution (package and templates). Default: true for a created workspace, false for an existing one. */
        solution: rules.strictBoolean("install the Amazon Web Services solution").optional(),
        solutionVersion: z
            .string({ error: (issue) => `must be a version such as ${AWS_SOLUTION.version}, not ${rules.describe(issue.input)}` })
            .regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}$/, `must be a version such as ${AWS_SOLUTION.version}`)
            .default(AWS_SOLUTION.version),
        analyticsRules: z
            .preprocess(
                (input) => (input === RECOMMENDED ? [RECOMMENDED] : input),
                z
                    .array(ruleSelector, { error: (issue) => `must be ${RECOMMENDED} or a list of rule templates, not ${rules.describe(issue.input)}` })
                    .max(MAX_ENABLED_SCHEDULED_RULES, {
                        error: `must list at most ${MAX_ENABLED_SCHEDULED_RULES} rule templates (the enabled scheduled rules a workspace may have)`,
                        ...rules.ifList,
                    }),
            )
            .default([]),
    },
    { error: (issue) => `must be an object (solution, solutionVersion, analyticsRules), not ${rules.describe(issue.input)}` },
);

export type RawContent = z.output<typeof contentSchema>;
