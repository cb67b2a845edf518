// Adopting what was made by hand: a listed account's role and connector, or the workspace,
// registered with Pulumi's `import` option instead of being created beside the originals.
import { z } from "zod";
import { CLOUDTRAIL_READ_ONLY_POLICY_ARN } from "../constants";
import * as rules from "./rules";

/** A GUID, as the portal shows a data connector's ID and Azure a subscription ID. */
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const guid = (what: string, where: string) =>
    z
        .string({ error: (issue) => (issue.input === undefined ? "is required" : `must be ${what}, not ${rules.describe(issue.input)}`) })
        .regex(GUID, `must be a GUID (${where})`);

/** An AWS managed policy, as `aws iam list-attached-role-policies` lists it. */
const managedPolicyArn = z
    .string({ error: (issue) => `must be an AWS managed policy ARN, not ${rules.describe(issue.input)}` })
    .regex(
        /^arn:aws(-us-gov)?:iam::aws:policy\/[\w+=,.@/-]{1,128}$/,
        "must be an AWS managed policy ARN such as arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess",
    )
    // IAM paths are /segment/.../: an empty, . or .. segment is no path IAM has, and reads as another policy.
    .refine(
        (arn) =>
            !arn
                .slice(arn.indexOf(":policy/") + 8)
                .split("/")
                .some((s) => s === "" || s === "." || s === ".."),
        {
            error: (issue) => `must not have an empty, . or .. path segment, not ${rules.describe(issue.input)}`,
        },
    );

export const azureSubscriptionId = guid("a subscription ID", "az account show --query id");

/**
 * A listed account's role and connector made by hand. Until `tighten` is set, they are
 * imported with the inputs a manual setup by Microsoft's steps produced, which Pulumi
 * requires of an import; with `tighten`, the program's own inputs replace them in place.
 */
export const adoptSchema = z.strictObject(
    {
        roleName: rules.iamRoleName,
        connectorId: guid("the data connector's ID", "the connector's name in az sentinel data-connector list"),
        policyArn: managedPolicyArn.default(CLOUDTRAIL_READ_ONLY_POLICY_ARN),
        description: z
            .string({ error: (issue) => `must be text, not ${rules.describe(issue.input)}` })
            .max(1000, "must be at most 1000 characters (IAM)")
            // IAM's own pattern for a role description (CreateRole, Description): no ESC, no bidi overrides.
            .regex(/^[\t\n\r\x20-\x7e\xa1-\xff]*$/, {
                error: (issue) =>
                    `must be printable text, as IAM allows in a role description (no control or format characters), not ${rules.describe(issue.input)}`,
            })
            .optional(),
        tags: rules.tags.optional(),
        tighten: rules.strictBoolean("replace the adopted inputs with the program's").default(false),
    },
    { error: (issue) => `must be an object with roleName and connectorId, not ${rules.describe(issue.input)}` },
);
