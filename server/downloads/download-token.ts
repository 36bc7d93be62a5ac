// Download tokens: jose HS256 JWTs naming one file of one entitlement, with an absolute expiry.
import "server-only";
import crypto from "node:crypto";
import { SignJWT, jwtVerify, errors } from "jose";
import { getEnv } from "@/server/env";

const AUDIENCE = "handoff:download";

export type DownloadClaims = { entitlementId: string; fileIndex: number; expiresAt: Date };

export type VerifyResult =
  | { ok: true; claims: DownloadClaims }
  | { ok: false; reason: "malformed" | "tampered" | "expired"; entitlementId?: string; fileIndex?: number };

const keys = new Map<string, Promise<CryptoKey>>();

/**
 * A key of its own for download tokens, derived from AUTH_SECRET, so no other token type can pass
 * as one. Imported once per secret: every email signs a link per file and every download verifies one.
 */
function signingKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    const raw = crypto.createHmac("sha256", secret).update("handoff download tokens v1").digest();
    key = crypto.webcrypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]) as Promise<CryptoKey>;
    keys.set(secret, key);
  }
  return key;
}

export async function signDownloadToken(options: { entitlementId: string; fileIndex: number; expiresAt: Date; issuedAt?: Date; secret?: string }) {
  const secret = options.secret ?? getEnv().AUTH_SECRET;
  // setExpirationTime takes epoch seconds when given a number: pass the absolute instant.
  return new SignJWT({ e: options.entitlementId, f: options.fileIndex })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor((options.issuedAt ?? new Date()).getTime() / 1000))
    .setExpirationTime(Math.floor(options.expiresAt.getTime() / 1000))
    .sign(await signingKey(secret));
}

export async function verifyDownloadToken(token: string, options: { secret?: string; now?: Date } = {}): Promise<VerifyResult> {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token) || token.length > 2048) return { ok: false, reason: "malformed" };
  const secret = options.secret ?? getEnv().AUTH_SECRET;
  try {
    const { payload } = await jwtVerify(token, await signingKey(secret), {
      algorithms: ["HS256"],
      audience: AUDIENCE,
      currentDate: options.now,
    });
    if (typeof payload.e !== "string" || typeof payload.f !== "number" || typeof payload.exp !== "number") {
      return { ok: false, reason: "tampered" };
    }
    return { ok: true, claims: { entitlementId: payload.e, fileIndex: payload.f, expiresAt: new Date(payload.exp * 1000) } };
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      // The signature was checked before the expiry, so these claims are ours.
      const claims = error.payload;
      return {
        ok: false,
        reason: "expired",
        entitlementId: typeof claims.e === "string" ? claims.e : undefined,
        fileIndex: typeof claims.f === "number" ? claims.f : undefined,
      };
    }
    return { ok: false, reason: error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid ? "malformed" : "tampered" };
  }
}
