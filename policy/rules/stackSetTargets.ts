// A stack instance puts Sentinel's role into whole OUs, less the accounts it filters out,
// never into accounts picked by a list: a list meant to exclude accounts must not include them.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "../types";
import { known } from "./props";

/**
 * What an account filter does with the listed accounts (AWS CloudFormation API Reference,
 * DeploymentTargets, read 2026-12-06): DIFFERENCE deploys to the OUs except them;
 * INTERSECTION to them only; UNION to the OUs and them too, and is the default when accounts
 * are given without a type; NONE to the OUs, ignoring them.
 */
const INCLUDING = new Set(["INTERSECTION", "UNION"]);

export const stackSetInstanceTargetsOus: ResourceValidationPolicy = {
    name: "stackset-instance-targets-ous",
    description:
        "A StackSet instance deploys to whole OUs, less listed accounts (accountFilterType DIFFERENCE): INTERSECTION or UNION would put the StackSet's role into the listed accounts, the ones meant to be left out.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== TYPES.stackSetInstance) return;
        const filter = known(args, "deploymentTargets", "accountFilterType");
        const accounts = known(args, "deploymentTargets", "accounts");
        const listed = (Array.isArray(accounts) && accounts.length > 0) || known(args, "deploymentTargets", "accountsUrl") !== undefined;
        if (typeof filter === "string" && INCLUDING.has(filter)) {
            reportViolation(
                `StackSet instance ${args.name} has accountFilterType ${filter}: it deploys the role into the listed accounts. Use DIFFERENCE to leave accounts out of its OUs.`,
            );
        } else if (listed && filter !== "DIFFERENCE") {
            reportViolation(
                `StackSet instance ${args.name} lists accounts with accountFilterType ${filter === undefined ? "unset (UNION for CloudFormation)" : String(filter)}: only DIFFERENCE leaves them out of its OUs.`,
            );
        }
    },
};
