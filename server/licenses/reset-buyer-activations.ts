// "Reset all activations" in the buyer's library: for a machine that is gone, once per cool-down.
import "server-only";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { log } from "@/server/log";
import { formatExpiry } from "@/server/delivery/build-download-links";

export type ResetBuyerActivationsOptions = { email: string; licenseKeyId: string; now?: Date };

/** A reset asked for inside the cool-down: says when the next one is allowed. */
export class ResetCooldownError extends AppError {
  constructor(
    readonly nextResetAt: Date,
    readonly orderId: string,
  ) {
    super(
      "conflict",
      `You already reset this key's activations recently; you can do it again on ${formatExpiry(nextResetAt)}. Until then, deactivate a device you no longer use, or write to the seller.`,
    );
  }
}

/**
 * Ownership first (the key's order belongs to the signed-in email), then one conditional update
 * that both checks the cool-down (no reset since now − LICENSE_RESET_COOLDOWN_DAYS) and stamps this
 * one, so two clicks at once reset once. Every active instance ends in the same transaction.
 */
export async function resetBuyerActivations({ email, licenseKeyId, now = new Date() }: ResetBuyerActivationsOptions): Promise<{ deactivated: number; orderId: string }> {
  const owner = email.trim().toLowerCase();
  const key = await db.licenseKey.findFirst({
    where: { id: licenseKeyId, entitlement: { is: { order: { is: { email: owner } } } } },
    select: { id: true, entitlement: { select: { orderId: true } } },
  });
  if (!key) throw new AppError("not_found", "We couldn't find that license key in your library. Reload the page to see your keys.");
  const cooldownDays = getEnv().LICENSE_RESET_COOLDOWN_DAYS;
  const since = new Date(now.getTime() - cooldownDays * 86_400_000);
  const deactivated = await db.$transaction(async (tx) => {
    const stamped = await tx.licenseKey.updateMany({
      where: { id: key.id, OR: [{ lastResetAt: null }, { lastResetAt: { lte: since } }] },
      data: { lastResetAt: now, activationUsage: 0 },
    });
    if (stamped.count !== 1) return null;
    const ended = await tx.licenseActivation.updateMany({ where: { licenseKeyId: key.id, deactivatedAt: null }, data: { deactivatedAt: now } });
    return ended.count;
  });
  if (deactivated === null) {
    const { lastResetAt } = await db.licenseKey.findUniqueOrThrow({ where: { id: key.id }, select: { lastResetAt: true } });
    throw new ResetCooldownError(new Date((lastResetAt ?? now).getTime() + cooldownDays * 86_400_000), key.entitlement.orderId);
  }
  await db.auditLog.create({ data: { actor: owner, action: "license.reset", targetType: "LicenseKey", targetId: key.id, data: JSON.stringify({ deactivated }) } });
  log.info("license_activations_reset", { licenseKeyId: key.id, deactivated });
  return { deactivated, orderId: key.entitlement.orderId };
}
