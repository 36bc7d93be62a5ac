// License certificates for offline checks: a standard EdDSA (Ed25519) JWT signed with LICENSE_SIGNING_KEY.
import "server-only";
import crypto from "node:crypto";
import { getEnv } from "@/server/env";
import type { LicenseRecord } from "@/server/licenses/find-license";
import { licenseTimestamp, type InstanceRow } from "@/server/licenses/license-api-body";
import { publicNumber } from "@/server/licenses/public-number";

export type SignLicenseCertificateOptions = { license: LicenseRecord; instance: InstanceRow; now?: Date };

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

/** The public half of the signing key as PEM (SPKI), or null when no key is configured. */
export function getLicensePublicKeyPem(): string | null {
  const key = getEnv().licenseSigningKey;
  return key ? crypto.createPublicKey(key).export({ type: "spki", format: "pem" }).toString() : null;
}

/** Names the key in the header, so an app that trusts several public keys (a rotation) knows which one. */
function keyId(privateKey: crypto.KeyObject): string {
  const publicDer = crypto.createPublicKey(privateKey).export({ type: "spki", format: "der" });
  return crypto.createHash("sha256").update(publicDer).digest("base64url").slice(0, 16);
}

/**
 * Signs what the activation proves: this key, this instance, this product, until when. The
 * certificate ends when the key expires, or after LICENSE_CERTIFICATE_TTL_DAYS when that is set (a
 * refund cannot reach an offline app, so a short life makes it check in now and then).
 * Null when LICENSE_SIGNING_KEY is not set.
 */
export function signLicenseCertificate({ license, instance, now = new Date() }: SignLicenseCertificateOptions): string | null {
  const env = getEnv();
  const privateKey = env.licenseSigningKey;
  if (!privateKey) return null;
  const ends = [license.expiresAt?.getTime(), env.LICENSE_CERTIFICATE_TTL_DAYS ? now.getTime() + env.LICENSE_CERTIFICATE_TTL_DAYS * 86_400_000 : undefined]
    .filter((time): time is number => typeof time === "number");
  const claims = {
    iss: env.APP_URL,
    sub: instance.id,
    iat: Math.floor(now.getTime() / 1000),
    ...(ends.length ? { exp: Math.floor(Math.min(...ends) / 1000) } : {}),
    license_key: license.key,
    license_key_id: publicNumber("license_key", license.id),
    instance_id: instance.id,
    instance_name: instance.name,
    product_id: publicNumber("product", license.entitlement.productSlug),
    product_slug: license.entitlement.productSlug,
    product_name: license.entitlement.productName,
    activation_limit: license.activationLimit,
    customer_email: license.entitlement.order.email,
    expires_at: licenseTimestamp(license.expiresAt),
    test_mode: !license.entitlement.order.livemode,
  };
  const signingInput = `${base64url(JSON.stringify({ alg: "EdDSA", typ: "JWT", kid: keyId(privateKey) }))}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${base64url(crypto.sign(null, Buffer.from(signingInput), privateKey))}`;
}
