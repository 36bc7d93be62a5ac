// Whether a license key may be used now, and if not, why, in a code and in words for the person.
import "server-only";
import type { LicenseRecord } from "@/server/licenses/find-license";
import type { LicenseCode } from "@/server/licenses/license-codes";

/** Lemon Squeezy's four statuses: a revoked or suspended key shows as "disabled". */
export type LicenseStatus = "inactive" | "active" | "expired" | "disabled";

export type LicenseStanding = { code: Extract<LicenseCode, "VALID" | "EXPIRED" | "REVOKED" | "SUSPENDED">; status: LicenseStatus; error: string | null };

type StandingInput = Pick<LicenseRecord, "expiresAt" | "activationUsage"> & {
  entitlement: Pick<LicenseRecord["entitlement"], "revokedAt" | "revokedReason"> & { order: Pick<LicenseRecord["entitlement"]["order"], "status" | "disputeStatus"> };
};

/**
 * Revocation comes first: a refunded or disputed purchase (the entitlement revoked, or the order
 * refunded or disputed) makes the key unusable whatever else holds; then the expiry date.
 */
export function describeLicenseStanding(license: StandingInput, now = new Date()): LicenseStanding {
  const { entitlement } = license;
  const orderStatus = entitlement.order.status;
  const reason = entitlement.revokedReason;
  if (orderStatus === "refunded" || reason === "refunded") {
    return { code: "REVOKED", status: "disabled", error: "This license key was revoked because its purchase was refunded. Buy the product again to get a new key, or write to the seller if you think this is a mistake." };
  }
  if (orderStatus === "disputed" || reason === "disputed") {
    if (entitlement.order.disputeStatus === "lost") {
      return { code: "REVOKED", status: "disabled", error: "This license key was revoked after a payment dispute on its purchase. Write to the seller if you think this is a mistake." };
    }
    return { code: "SUSPENDED", status: "disabled", error: "This license key is suspended while a payment dispute on its purchase is open. It works again if the dispute is settled in the seller's favour; write to the seller with questions." };
  }
  if (entitlement.revokedAt || orderStatus !== "paid") {
    return { code: "REVOKED", status: "disabled", error: "This license key has been disabled by the seller. Write to the seller if you think this is a mistake." };
  }
  if (license.expiresAt && license.expiresAt.getTime() <= now.getTime()) {
    return { code: "EXPIRED", status: "expired", error: `This license key expired on ${license.expiresAt.toISOString().slice(0, 10)}. Renew it with the seller to keep using the product.` };
  }
  return { code: "VALID", status: license.activationUsage > 0 ? "active" : "inactive", error: null };
}
