// Rate limits of the License API: per caller address and per license key, in the shared limiter.
import "server-only";
import crypto from "node:crypto";
import { getEnv } from "@/server/env";
import { consumeRateLimit, describeWait } from "@/server/rate-limit/consume-rate-limit";
import { normalizeLicenseKey } from "@/server/licenses/generate-license-key";

const WINDOW_MS = 60_000;

export type LicenseLimitCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number; error: string };

function refused(retryAfterSeconds: number, subject: string): LicenseLimitCheck {
  return { allowed: false, retryAfterSeconds, error: `Too many license requests ${subject}. Try again in ${describeWait(retryAfterSeconds)}.` };
}

export async function limitLicenseRequestsByIp(ip: string | null): Promise<LicenseLimitCheck> {
  const result = await consumeRateLimit({ key: `license:ip:${ip ?? "unknown"}`, limit: getEnv().LICENSE_RATE_LIMIT_PER_IP, windowMs: WINDOW_MS });
  return result.allowed ? { allowed: true } : refused(result.retryAfterSeconds, "from this address");
}

/**
 * Counted for whatever key string was sent, known or not: limiting only real keys would make the
 * 429 itself say which keys exist. The key is stored hashed, never in clear.
 */
export async function limitLicenseRequestsByKey(licenseKey: string): Promise<LicenseLimitCheck> {
  const digest = crypto.createHash("sha256").update(normalizeLicenseKey(licenseKey)).digest("base64url").slice(0, 32);
  const result = await consumeRateLimit({ key: `license:key:${digest}`, limit: getEnv().LICENSE_RATE_LIMIT_PER_KEY, windowMs: WINDOW_MS });
  return result.allowed ? { allowed: true } : refused(result.retryAfterSeconds, "for this license key");
}
