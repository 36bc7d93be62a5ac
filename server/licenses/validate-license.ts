// POST /api/licenses/validate: is this key (and, when named, this instance of it) good to use now?
import "server-only";
import { db } from "@/server/db";
import { findLicense } from "@/server/licenses/find-license";
import { describeLicenseStanding } from "@/server/licenses/describe-license-standing";
import { licenseReply, type LicenseApiResult } from "@/server/licenses/license-api-body";
import { signLicenseCertificate } from "@/server/licenses/sign-license-certificate";
import { notFoundReply } from "@/server/licenses/not-found-reply";

export type ValidateLicenseOptions = { licenseKey: string; instanceId?: string; now?: Date };

export const INSTANCE_NOT_FOUND_ERROR =
  "This device is not activated with this license key (it may have been deactivated). Activate it again; if the key is active on too many devices, deactivate one you no longer use.";

/**
 * Read-only. A revoked or expired key is reported before the instance is looked at; an instance of
 * another key, or one deactivated, is "not found" for this key. A valid instance gets a fresh
 * certificate, so apps that check in now and then keep an unexpired one for offline use.
 */
export async function validateLicense({ licenseKey, instanceId, now = new Date() }: ValidateLicenseOptions): Promise<LicenseApiResult> {
  const license = await findLicense(licenseKey);
  if (!license) return notFoundReply("validate");
  const instance = instanceId
    ? await db.licenseActivation.findFirst({ where: { id: instanceId, licenseKeyId: license.id, deactivatedAt: null } })
    : null;
  const standing = describeLicenseStanding(license, now);
  if (standing.code !== "VALID") return licenseReply({ action: "validate", code: standing.code, error: standing.error, license, instance, now });
  if (instanceId && !instance) return licenseReply({ action: "validate", code: "INSTANCE_NOT_FOUND", error: INSTANCE_NOT_FOUND_ERROR, license, now });
  const certificate = instance ? signLicenseCertificate({ license, instance, now }) : null;
  return licenseReply({ action: "validate", code: "VALID", error: null, license, instance, certificate, now });
}
