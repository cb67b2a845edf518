// A check that could not ask its question FAILs with why: a permission the checking
// identity lacks is named, so that the fix is one policy statement or role assignment.
import { shown } from "../plan/inputFile";
import { describe } from "../src/facts";
import { CloudCallError } from "./bounds";
import { fail, Finding } from "./report";

const SEE = 'see docs/health-check.md, "Permissions", for every permission the doctor needs';

/** Error codes AWS services use for a call the caller's policies do not allow. */
const AWS_DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|AuthorizationError)$/;

const nameOf = (err: unknown) => (err instanceof Error ? err.name : "Error");

/** A cloud's or an SDK's message is cut here, at a space, so that a URL in it is never cut. */
const MAX_MESSAGE = 400;

/**
 * A cloud's or an SDK's message on one line (the Azure SDK's run over several, which would
 * show as `\u000a`), cut at a word so that its "See https://..." stays whole, then escaped.
 */
export function cloudMessage(text: string): string {
    const line = text
        .slice(0, 4 * MAX_MESSAGE)
        .replace(/\s+/g, " ")
        .trim();
    if (line.length <= MAX_MESSAGE) return shown(line, 2 * MAX_MESSAGE);
    const space = line.lastIndexOf(" ", MAX_MESSAGE);
    return `${shown(line.slice(0, space > 0 ? space : MAX_MESSAGE), 2 * MAX_MESSAGE)} ...`;
}

const messageOf = (err: unknown) => cloudMessage(err instanceof Error ? err.message : String(err));

/**
 * The variables the doctor's Azure sign-in (the Azure SDK's DefaultAzureCredential) reads for a
 * service principal. Pulumi's azure-native provider reads ARM_* instead: the doctor does not.
 */
export const AZURE_SIGN_IN_VARIABLES = ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH"] as const;

/** What to do about an Azure sign-in that failed: sign in, or, where the variables are set, check them. */
function azureSignInFix(env: NodeJS.ProcessEnv = process.env): string {
    const set = AZURE_SIGN_IN_VARIABLES.filter((name) => env[name]);
    if (set.length > 0)
        return `check ${set.join(", ")}: they are set, and the service principal they name could not sign in to the workspace's tenant (the doctor reads AZURE_*, not Pulumi's ARM_*)`;
    return `sign in to Azure in the workspace's tenant: az login, or set ${AZURE_SIGN_IN_VARIABLES.slice(0, 3).join(", ")} (or AZURE_CLIENT_CERTIFICATE_PATH) for a service principal; the doctor reads AZURE_*, not Pulumi's ARM_*`;
}

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
    // Here AWS answered (an error of its own): a network fault, with no answer at all, is a CloudCallError above.
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
    const text = (v: unknown) => (typeof v === "string" ? cloudMessage(v) : describe(v));
    const said = `${answer.status}${answer.code ? ` ${text(answer.code)}` : ""}${answer.message ? `: ${text(answer.message)}` : ""}`;
    if (answer.status === 403)
        return fail(check, `access denied: the checking identity lacks ${permission} (Azure answered ${said})`, `assign it that role on the workspace; ${SEE}`);
    if (answer.status === 401) return fail(check, `Azure refused the sign-in (${said})`, azureSignInFix());
    return fail(check, `Azure answered ${said}`, "run the doctor again; if the error stays, it is Azure's answer to look into");
}

/** What an Azure SDK call threw, as an answer: sign-in failures have no HTTP status of their own. */
export function azureThrown(check: string, permission: string, err: unknown): Finding {
    if (err instanceof CloudCallError) return fail(check, err.problem, err.fix);
    if (AZURE_SIGN_IN.has(nameOf(err))) {
        return fail(check, `cannot sign in to Azure: ${messageOf(err)}`, azureSignInFix());
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status === undefined)
        return fail(check, `the request to Azure failed: ${messageOf(err)}`, "check the network path to Azure, then run the doctor again");
    return azureFailure(check, permission, { status, code: (err as { code?: unknown }).code, message: err instanceof Error ? err.message : undefined });
}
