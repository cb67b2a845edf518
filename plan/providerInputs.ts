// What an AWS provider's registration says about where it acts. Provider inputs reach the
// engine as JSON text, so its `allowedAccountIds` is a JSON list in a string.
import { readable } from "./diff";

/** The accounts an AWS provider is pinned to; none when its inputs name none. */
export function allowedAccountsOf(inputs: Readonly<Record<string, unknown>> | undefined): string[] {
    const allowed = readable(inputs?.allowedAccountIds);
    return Array.isArray(allowed) ? allowed.map(String) : [];
}
