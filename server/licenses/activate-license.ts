// POST /api/licenses/activate: takes one activation slot of a key and names the new instance.
import "server-only";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { log } from "@/server/log";
import { findLicense, findLicenseById, type LicenseRecord } from "@/server/licenses/find-license";
import { describeLicenseStanding } from "@/server/licenses/describe-license-standing";
import { licenseReply, type LicenseApiResult } from "@/server/licenses/license-api-body";
import { signLicenseCertificate } from "@/server/licenses/sign-license-certificate";
import { notFoundReply } from "@/server/licenses/not-found-reply";

export type ActivateLicenseOptions = { licenseKey: string; instanceName: string; ip: string | null; now?: Date };

function limitReachedError(license: LicenseRecord): string {
  const limit = license.activationLimit ?? 0;
  return `This license key is already active on ${limit} of ${limit} device${limit === 1 ? "" : "s"}. Deactivate it on a device you no longer use (in the app, or in your library at ${getEnv().APP_URL}/portal), then try again.`;
}

/**
 * The slot is taken by one conditional update (usage below the limit, purchase paid and not
 * revoked, key not expired) in the same transaction that records the instance, so concurrent
 * activations can never pass the limit and a revoked key can never gain one.
 */
export async function activateLicense({ licenseKey, instanceName, ip, now = new Date() }: ActivateLicenseOptions): Promise<LicenseApiResult> {
  const license = await findLicense(licenseKey);
  if (!license) return notFoundReply("activate");
  const standing = describeLicenseStanding(license, now);
  if (standing.code !== "VALID") return licenseReply({ action: "activate", code: standing.code, error: standing.error, license, now });

  const instance = await db.$transaction(async (tx) => {
    const taken = await tx.licenseKey.updateMany({
      where: {
        id: license.id,
        ...(license.activationLimit === null ? {} : { activationUsage: { lt: license.activationLimit } }),
        OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
        entitlement: { is: { revokedAt: null, order: { is: { status: "paid" } } } },
      },
      data: { activationUsage: { increment: 1 } },
    });
    if (taken.count !== 1) return null;
    return tx.licenseActivation.create({ data: { licenseKeyId: license.id, name: instanceName, ip, createdAt: now } });
  });

  const fresh = (await findLicenseById(license.id)) ?? license;
  if (!instance) {
    const after = describeLicenseStanding(fresh, now);
    if (after.code !== "VALID") return licenseReply({ action: "activate", code: after.code, error: after.error, license: fresh, now });
    log.info("license_activation_refused", { licenseKeyId: license.id, reason: "limit" });
    return licenseReply({ action: "activate", code: "ACTIVATION_LIMIT_REACHED", error: limitReachedError(fresh), license: fresh, now });
  }
  log.info("license_activated", { licenseKeyId: license.id, instanceId: instance.id });
  const certificate = signLicenseCertificate({ license: fresh, instance, now });
  return licenseReply({ action: "activate", code: "ACTIVATED", error: null, license: fresh, instance, certificate, now });
}
