// Completes a sign-in with a magic-link token: next-auth's email callback spends it and opens a session.
import "server-only";
import { getEnv } from "@/server/env";
import { runNextAuth } from "@/server/portal/run-next-auth";

export type CompleteLinkSignInOptions = { token: string; email: string; callbackPath: string; cookies: Record<string, string> };

export type CompleteSignInResult = { ok: true; location: string; setCookies: string[] } | { ok: false; reason: "invalid_link" | "failed" };

/**
 * Only ever called from a POST (the confirm page's Continue button, or a redeemed code): next-auth
 * deletes the token as it reads it, so a link works once, and an expired one is refused.
 */
export async function completeLinkSignIn({ token, email, callbackPath, cookies }: CompleteLinkSignInOptions): Promise<CompleteSignInResult> {
  const outcome = await runNextAuth({
    action: "callback",
    method: "POST",
    query: { token, email, callbackUrl: `${getEnv().APP_URL}${callbackPath}` },
    cookies,
  });
  const location = outcome.location ?? "";
  if (location.includes("/error")) {
    const error = new URL(location, getEnv().APP_URL).searchParams.get("error");
    return { ok: false, reason: error === "Verification" ? "invalid_link" : "failed" };
  }
  return { ok: true, location, setCookies: outcome.setCookies };
}
