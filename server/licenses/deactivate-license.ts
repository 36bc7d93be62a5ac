// POST /api/licenses/deactivate: ends one instance of a key, freeing its slot.
import "server-only";
import { log } from "@/server/log";
import { findLicense, findLicenseById } from "@/server/licenses/find-license";
import { licenseReply, type LicenseApiResult } from "@/server/licenses/license-api-body";
import { deactivateInstance } from "@/server/licenses/deactivate-instance";
import { INSTANCE_NOT_FOUND_ERROR } from "@/server/licenses/validate-license";
import { notFoundReply } from "@/server/licenses/not-found-reply";

export type DeactivateLicenseOptions = { licenseKey: string; instanceId: string; now?: Date };

/** Allowed whatever the key's standing: freeing a slot never grants anything. */
export async function deactivateLicense({ licenseKey, instanceId, now = new Date() }: DeactivateLicenseOptions): Promise<LicenseApiResult> {
  const license = await findLicense(licenseKey);
  if (!license) return notFoundReply("deactivate");
  const deactivated = await deactivateInstance({ licenseKeyId: license.id, instanceId, now });
  const fresh = (await findLicenseById(license.id)) ?? license;
  if (!deactivated) return licenseReply({ action: "deactivate", code: "INSTANCE_NOT_FOUND", error: INSTANCE_NOT_FOUND_ERROR, license: fresh, now });
  log.info("license_deactivated", { licenseKeyId: license.id, instanceId, via: "api" });
  return licenseReply({ action: "deactivate", code: "DEACTIVATED", error: null, license: fresh, now });
}
