// Asks next-auth for a sign-in email, after the per-address and per-network limits.
import "server-only";
import { getEnv } from "@/server/env";
import { log } from "@/server/log";
import { consumeRateLimit } from "@/server/rate-limit/consume-rate-limit";
import { runNextAuth, withCsrf } from "@/server/portal/run-next-auth";

export type RequestSignInOptions = { email: string; ip: string | null; callbackPath: string; cookies: Record<string, string> };

export type RequestSignInResult =
  | { ok: true }
  | { ok: false; reason: "rate_limited_email" | "rate_limited_ip"; retryAfterSeconds: number }
  | { ok: false; reason: "send_failed" };

/**
 * Answers the same for an address that bought something and one that did not: nothing here looks
 * at orders, and every accepted request sends an email. The address limit is taken before the
 * network limit, so one person retrying does not use up a shared office connection's allowance.
 */
export async function requestSignIn({ email, ip, callbackPath, cookies }: RequestSignInOptions): Promise<RequestSignInResult> {
  const env = getEnv();
  const windowMs = env.SIGN_IN_LIMIT_WINDOW_MINUTES * 60_000;
  const byEmail = await consumeRateLimit({ key: `signin:email:${email}`, limit: env.SIGN_IN_LIMIT_PER_EMAIL, windowMs });
  if (!byEmail.allowed) return { ok: false, reason: "rate_limited_email", retryAfterSeconds: byEmail.retryAfterSeconds };
  if (ip) {
    const byIp = await consumeRateLimit({ key: `signin:ip:${ip}`, limit: env.SIGN_IN_LIMIT_PER_IP, windowMs });
    if (!byIp.allowed) return { ok: false, reason: "rate_limited_ip", retryAfterSeconds: byIp.retryAfterSeconds };
  }
  const csrf = await withCsrf(cookies);
  const outcome = await runNextAuth({
    action: "signin",
    method: "POST",
    body: { email, csrfToken: csrf.csrfToken, callbackUrl: `${env.APP_URL}${callbackPath}` },
    cookies: csrf.cookies,
  });
  if (!outcome.location?.includes("/verify-request")) {
    log.error("signin_request_failed", { location: outcome.location, status: outcome.status });
    return { ok: false, reason: "send_failed" };
  }
  return { ok: true };
}
