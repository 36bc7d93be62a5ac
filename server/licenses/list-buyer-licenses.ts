// The buyer's library: every license key of a signed-in email, with its active devices and reset state.
import "server-only";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { describeLicenseStanding, type LicenseStanding } from "@/server/licenses/describe-license-standing";

export type BuyerActivation = { id: string; name: string; createdAt: Date };
export type BuyerLicense = {
  id: string;
  key: string;
  entitlementId: string;
  orderId: string;
  productName: string;
  activationLimit: number | null;
  activationUsage: number;
  activations: BuyerActivation[];
  standing: LicenseStanding;
  /** When "Reset all activations" may next be used; null when it may be used now. */
  nextResetAt: Date | null;
  /** LICENSE_RESET_COOLDOWN_DAYS, for the words beside the button. */
  resetCooldownDays: number;
};

export type ListBuyerLicensesOptions = { email: string; now?: Date };

/** When a reset is next allowed after one at `lastResetAt`; null when allowed at `now`. */
export function nextResetAllowedAt(lastResetAt: Date | null, now: Date, cooldownDays = getEnv().LICENSE_RESET_COOLDOWN_DAYS): Date | null {
  if (!lastResetAt) return null;
  const next = new Date(lastResetAt.getTime() + cooldownDays * 86_400_000);
  return next.getTime() > now.getTime() ? next : null;
}

/** Only keys whose order belongs to `email` (the signed-in address, compared lower-cased): never anyone else's. */
export async function listBuyerLicenses({ email, now = new Date() }: ListBuyerLicensesOptions): Promise<BuyerLicense[]> {
  const keys = await db.licenseKey.findMany({
    where: { entitlement: { is: { order: { is: { email: email.trim().toLowerCase() } } } } },
    include: {
      entitlement: { include: { order: { select: { id: true, status: true, disputeStatus: true } } } },
      activations: { where: { deactivatedAt: null }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, createdAt: true } },
    },
    orderBy: { createdAt: "desc" },
  });
  const resetCooldownDays = getEnv().LICENSE_RESET_COOLDOWN_DAYS;
  return keys.map((key) => ({
    id: key.id,
    key: key.key,
    entitlementId: key.entitlementId,
    orderId: key.entitlement.order.id,
    productName: key.entitlement.productName,
    activationLimit: key.activationLimit,
    activationUsage: key.activationUsage,
    activations: key.activations,
    standing: describeLicenseStanding(key, now),
    nextResetAt: nextResetAllowedAt(key.lastResetAt, now, resetCooldownDays),
    resetCooldownDays,
  }));
}
