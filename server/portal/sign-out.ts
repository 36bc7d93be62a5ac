// Ends the portal session through next-auth: the session row is deleted and its cookie cleared.
import "server-only";
import { runNextAuth, withCsrf } from "@/server/portal/run-next-auth";

export async function signOut({ cookies }: { cookies: Record<string, string> }): Promise<{ setCookies: string[] }> {
  const csrf = await withCsrf(cookies);
  const outcome = await runNextAuth({ action: "signout", method: "POST", body: { csrfToken: csrf.csrfToken }, cookies: csrf.cookies });
  return { setCookies: outcome.setCookies };
}
