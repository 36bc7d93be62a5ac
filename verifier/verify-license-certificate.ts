// Checks a Handoff license certificate offline: copy this file into your app, with your public key.
// Depends on node:crypto only. The certificate is a standard EdDSA (Ed25519) JWT, so any JOSE library
// verifies it too; this file exists so that checking one needs no dependency and no network.
import crypto from "node:crypto";

export type LicenseCertificateClaims = {
  iss: string; // the store's APP_URL
  sub: string; // the instance id
  iat: number;
  exp?: number; // seconds; absent when neither the key nor the certificate expires
  license_key: string;
  license_key_id: number;
  instance_id: string;
  instance_name: string;
  product_id: number;
  product_slug: string;
  product_name: string;
  activation_limit: number | null;
  customer_email: string;
  expires_at: string | null;
  test_mode: boolean;
};

export type LicenseCertificateCheck =
  | { valid: true; claims: LicenseCertificateClaims }
  | { valid: false; reason: "malformed" | "bad_signature" | "expired" | "wrong_product" | "wrong_instance" };

export type VerifyLicenseCertificateOptions = {
  certificate: string;
  /** The PEM that `npm run keys:generate` printed (or GET /api/licenses/public-key). */
  publicKeyPem: string;
  /** Reject certificates for other products of the same store. */
  productSlug?: string;
  /** Reject a certificate copied from another machine: pass the instance id this machine stored. */
  instanceId?: string;
  now?: Date;
};

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Valid only when the Ed25519 signature matches, the algorithm is EdDSA, and it has not expired. */
export function verifyLicenseCertificate({ certificate, publicKeyPem, productSlug, instanceId, now = new Date() }: VerifyLicenseCertificateOptions): LicenseCertificateCheck {
  const parts = certificate.trim().split(".");
  if (parts.length !== 3) return { valid: false, reason: "malformed" };
  const [header, payload, signature] = parts as [string, string, string];
  const head = decodeJson(header);
  const claims = decodeJson(payload);
  if (!head || !claims || head.alg !== "EdDSA") return { valid: false, reason: "malformed" };
  const signed = crypto.verify(null, Buffer.from(`${header}.${payload}`), crypto.createPublicKey(publicKeyPem), Buffer.from(signature, "base64url"));
  if (!signed) return { valid: false, reason: "bad_signature" };
  const typed = claims as LicenseCertificateClaims;
  if (typeof typed.exp === "number" && typed.exp * 1000 <= now.getTime()) return { valid: false, reason: "expired" };
  if (productSlug && typed.product_slug !== productSlug) return { valid: false, reason: "wrong_product" };
  if (instanceId && typed.instance_id !== instanceId) return { valid: false, reason: "wrong_instance" };
  return { valid: true, claims: typed };
}
