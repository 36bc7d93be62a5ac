// Keys of the portal's own, derived from AUTH_SECRET, so no other token type can pass for a sign-in.
import "server-only";
import crypto from "node:crypto";
import { getEnv } from "@/server/env";

function derive(purpose: string): string {
  return crypto.createHmac("sha256", getEnv().AUTH_SECRET).update(purpose).digest("hex");
}

/** The secret next-auth signs its CSRF tokens and hashes its verification tokens with. */
export function nextAuthSecret(): string {
  return derive("handoff next-auth v1");
}

/**
 * next-auth v4 stores a magic-link token as sha256(token + secret) (core/lib/utils hashToken).
 * The confirm page computes the same hash to look a link up without using it, and the typed code
 * mints a token next-auth will accept; the integration tests fail if the two ever disagree.
 */
export function hashVerificationToken(token: string): string {
  return crypto.createHash("sha256").update(`${token}${nextAuthSecret()}`).digest("hex");
}

/** Typed codes are stored as an HMAC bound to the address, so a leaked table reveals no code. */
export function hashSignInCode(email: string, code: string): string {
  return crypto.createHmac("sha256", derive("handoff sign-in codes v1")).update(`${email}:${code}`).digest("hex");
}
