// Signs download tokens the way the app does (HS256 with a key derived from AUTH_SECRET), so tests
// can present links the app never minted: expired ones, or ones for entitlements of their choosing.
import crypto from "node:crypto";
import { SignJWT } from "jose";

export async function signTestDownloadToken(options: { secret: string; entitlementId: string; fileIndex: number; expiresAt: Date }) {
  const key = new Uint8Array(crypto.createHmac("sha256", options.secret).update("handoff download tokens v1").digest());
  return new SignJWT({ e: options.entitlementId, f: options.fileIndex })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience("handoff:download")
    .setIssuedAt(Math.floor(options.expiresAt.getTime() / 1000) - 3600)
    .setExpirationTime(Math.floor(options.expiresAt.getTime() / 1000))
    .sign(key);
}
