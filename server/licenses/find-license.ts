// Loads a license key with what every License API answer describes: its purchase, order and buyer.
import "server-only";
import { db } from "@/server/db";
import { LICENSE_KEY_PATTERN, normalizeLicenseKey } from "@/server/licenses/generate-license-key";

export type LicenseRecord = NonNullable<Awaited<ReturnType<typeof loadLicense>>>;

function loadLicense(where: { key: string } | { id: string }) {
  return db.licenseKey.findUnique({
    where,
    include: { entitlement: { include: { order: { select: { id: true, status: true, disputeStatus: true, livemode: true, email: true, customerId: true } } } } },
  });
}

/**
 * Finds a key by what a client sent, forgiving case, spaces and dashes. Anything that is not a key
 * of ours gives null, whatever its shape, so callers can only ever answer "invalid" for it.
 */
export async function findLicense(input: string): Promise<LicenseRecord | null> {
  const key = normalizeLicenseKey(input);
  if (!LICENSE_KEY_PATTERN.test(key)) return null;
  return loadLicense({ key });
}

export function findLicenseById(id: string): Promise<LicenseRecord | null> {
  return loadLicense({ id });
}
