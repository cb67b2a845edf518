// A check that could not ask its question FAILs with why: a permission the checking
// identity lacks is named, so that the fix is one policy statement or role assignment.
import { shown } from "../plan/inputFile";
import { describe } from "../src/facts";
import { CloudCallError } from "./bounds";
import { fail, Finding } from "./report";

const SEE = 'see the README, "Health check", for every permission the doctor needs';

/** Error codes AWS services use for a call the caller's policies do not allow. */
const AWS_DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|AuthorizationError)$/;

const nameOf = (err: unknown) => (err instanceof Error ? err.name : "Error");
const messageOf = (err: unknown) => shown(err instanceof Error ? err.message : String(err));

/** A failed AWS call, made to learn what `check` reports; `permission` is the IAM action it needs (`iam:GetRole`). */
export function awsFailure(check: string, permission: string, err: unknown): Finding {
    if (err instanceof CloudCallError) return fail(check, `${permission}: ${err.problem}`, err.fix);
    const name = nameOf(err);
    if (AWS_DENIED.test(name)) {
        return fail(
            check,
            `access denied: the checking identity may not call ${permission} (${messageOf(err)})`,
            `allow ${permission} to the identity the doctor signs in with; ${SEE}`,
        );
    }
    return fail(check, `${permission} failed: ${shown(name)}: ${messageOf(err)}`, "run the doctor again; if the error stays, it is AWS's answer to look into");
}

/** Errors of @azure/identity's credentials: nobody is signed in to Azure. */
const AZURE_SIGN_IN = new Set(["CredentialUnavailableError", "AuthenticationError", "AggregateAuthenticationError", "AuthenticationRequiredError"]);

/** An Azure answer that is not the resource or result asked for. */
interface AzureAnswer {
    readonly status: number;
    /** As the response body has them: anything, or nothing. */
    readonly code?: unknown;
    readonly message?: unknown;
}

/**
 * A failed Azure request; `permission` is the Azure RBAC action it needs, with the built-in
 * role that grants it.
 */
export function azureFailure(check: string, permission: string, answer: AzureAnswer): Finding {
    const text = (v: unknown) => (typeof v === "string" ? shown(v) : describe(v));
    const said = `${answer.status}${answer.code ? ` ${text(answer.code)}` : ""}${answer.message ? `: ${text(answer.message)}` : ""}`;
    if (answer.status === 403)
        return fail(check, `access denied: the checking identity lacks ${permission} (Azure answered ${said})`, `assign it that role on the workspace; ${SEE}`);
    if (answer.status === 401)
        return fail(
            check,
            `Azure refused the sign-in (${said})`,
            "sign in to Azure (az login, or the AZURE_* variables of a service principal) in the tenant of the workspace",
        );
    return fail(check, `Azure answered ${said}`, "run the doctor again; if the error stays, it is Azure's answer to look into");
}

/** What an Azure SDK call threw, as an answer: sign-in failures have no HTTP status of their own. */
export function azureThrown(check: string, permission: string, err: unknown): Finding {
    if (err instanceof CloudCallError) return fail(check, err.problem, err.fix);
    if (AZURE_SIGN_IN.has(nameOf(err))) {
        return fail(check, `cannot sign in to Azure: ${messageOf(err)}`, "sign in to Azure (az login, or the AZURE_* variables of a service principal)");
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status === undefined)
        return fail(check, `the request to Azure failed: ${messageOf(err)}`, "check the network path to Azure, then run the doctor again");
    return azureFailure(check, permission, { status, code: (err as { code?: unknown }).code, message: err instanceof Error ? err.message : undefined });
}
