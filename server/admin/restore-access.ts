// "Restore access": undoes a revocation the seller made; money decisions (refunds, disputes) stay with Stripe.
import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/admin/record-audit";
import { getEntitlementOrThrow } from "@/server/admin/get-entitlement-or-throw";
import { isAdminRevocation } from "@/server/admin/admin-revocation";

export type RestoreAccessOptions = { actor: string; entitlementId: string; reason: string };

const moneyWords: Record<string, string> = {
  refunded: "the order was refunded; a refund is final",
  disputed: "a payment dispute suspended it; access comes back by itself when the dispute is won",
};

/**
 * Restores only an admin revocation of a paid order: giving back access a refund or a dispute took
 * (or that one would take) would hand out files nobody paid for.
 */
export async function restoreAccess({ actor, entitlementId, reason }: RestoreAccessOptions) {
  return db.$transaction(async (tx) => {
    const entitlement = await getEntitlementOrThrow(tx, entitlementId);
    if (!entitlement.revokedAt) throw new AppError("conflict", `${entitlement.productName} is not revoked: the buyer already has access.`);
    if (!isAdminRevocation(entitlement.revokedReason)) {
      const why = moneyWords[entitlement.revokedReason ?? ""] ?? `it was revoked for "${entitlement.revokedReason ?? "no recorded reason"}"`;
      throw new AppError("conflict", `Access to ${entitlement.productName} cannot be restored here: ${why}.`);
    }
    // Revoked by the seller first, then refunded or disputed: access now follows the money.
    if (entitlement.order.status !== "paid") {
      throw new AppError("conflict", `Access to ${entitlement.productName} cannot be restored here: the order is ${entitlement.order.status.replace(/_/g, " ")} now, and its access follows Stripe.`);
    }
    const restored = await tx.entitlement.updateMany({ where: { id: entitlement.id, revokedReason: entitlement.revokedReason }, data: { revokedAt: null, revokedReason: null } });
    if (restored.count !== 1) throw new AppError("conflict", "Access changed just now. Reload the page and try again.");
    const audit = await recordAudit({ tx, actor, action: "restore_access", targetType: "entitlement", targetId: entitlement.id, reason, data: { orderId: entitlement.orderId, productName: entitlement.productName, was: entitlement.revokedReason } });
    return { ...audit, orderId: entitlement.orderId, redirectTo: `/admin/orders/${entitlement.orderId}` };
  });
}
