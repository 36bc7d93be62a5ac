// Completes a sign-in with the six-digit code from the email, within its few tries and its expiry.
import "server-only";
import crypto from "node:crypto";
import { db } from "@/server/db";
import { consumeRateLimit } from "@/server/rate-limit/consume-rate-limit";
import { hashSignInCode, hashVerificationToken } from "@/server/portal/portal-secrets";
import { completeLinkSignIn, type CompleteSignInResult } from "@/server/portal/complete-link-sign-in";

export const MAX_CODE_ATTEMPTS = 5;
const GUESSES_PER_HOUR = { email: 10, ip: 30 };

export type CompleteCodeSignInOptions = { email: string; code: string; ip: string | null; callbackPath: string; cookies: Record<string, string> };

export type CompleteCodeSignInResult =
  | CompleteSignInResult
  | { ok: false; reason: "wrong_code"; triesLeft: number }
  | { ok: false; reason: "no_code" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

async function takeGuess(email: string, ip: string | null) {
  const hour = 3_600_000;
  const byEmail = await consumeRateLimit({ key: `signin-code:email:${email}`, limit: GUESSES_PER_HOUR.email, windowMs: hour });
  if (!byEmail.allowed || !ip) return byEmail;
  return consumeRateLimit({ key: `signin-code:ip:${ip}`, limit: GUESSES_PER_HOUR.ip, windowMs: hour });
}

/**
 * A wrong guess costs every live code of the address one try, and a code is spent by a conditional
 * update (unused, under its tries), so neither guessing in parallel nor across codes gets more than
 * MAX_CODE_ATTEMPTS tries at any one code. A right code becomes a one-minute next-auth token that is
 * spent at once, so the session comes from next-auth exactly as with the link.
 */
export async function completeCodeSignIn({ email, code, ip, callbackPath, cookies }: CompleteCodeSignInOptions): Promise<CompleteCodeSignInResult> {
  const guess = await takeGuess(email, ip);
  if (!guess.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: guess.retryAfterSeconds };
  const now = new Date();
  const live = { email, usedAt: null, expiresAt: { gt: now }, attempts: { lt: MAX_CODE_ATTEMPTS } };
  const codes = await db.signInCode.findMany({ where: live, orderBy: { createdAt: "desc" } });
  if (codes.length === 0) return { ok: false, reason: "no_code" };
  const wanted = Buffer.from(hashSignInCode(email, code), "hex");
  const match = codes.find((row) => crypto.timingSafeEqual(Buffer.from(row.codeHash, "hex"), wanted));
  if (!match) {
    await db.signInCode.updateMany({ where: { ...live, id: { in: codes.map((row) => row.id) } }, data: { attempts: { increment: 1 } } });
    const newest = await db.signInCode.findUnique({ where: { id: codes[0]!.id }, select: { attempts: true } });
    return { ok: false, reason: "wrong_code", triesLeft: Math.max(0, MAX_CODE_ATTEMPTS - (newest?.attempts ?? MAX_CODE_ATTEMPTS)) };
  }
  const spent = await db.signInCode.updateMany({ where: { ...live, id: match.id }, data: { usedAt: now } });
  if (spent.count !== 1) return { ok: false, reason: "no_code" };
  const token = crypto.randomBytes(32).toString("hex");
  await db.verificationToken.create({ data: { identifier: email, token: hashVerificationToken(token), expires: new Date(now.getTime() + 60_000) } });
  return completeLinkSignIn({ token, email, callbackPath, cookies });
}
