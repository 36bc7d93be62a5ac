// "Revoke access": one product of one order stops downloading, and its license key stops validating.
import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/admin/record-audit";
import { getEntitlementOrThrow } from "@/server/admin/get-entitlement-or-throw";
import { adminRevocationReason } from "@/server/admin/admin-revocation";

export type RevokeAccessOptions = { actor: string; entitlementId: string; reason: string };

/** Only an entitlement with access is revoked (conditional update), so an earlier refund's reason is never overwritten. */
export async function revokeAccess({ actor, entitlementId, reason }: RevokeAccessOptions) {
  return db.$transaction(async (tx) => {
    const entitlement = await getEntitlementOrThrow(tx, entitlementId);
    if (entitlement.revokedAt) throw new AppError("conflict", `Access to ${entitlement.productName} is already revoked (${entitlement.revokedReason ?? "no reason recorded"}).`);
    const revokedReason = adminRevocationReason(reason);
    const revoked = await tx.entitlement.updateMany({ where: { id: entitlement.id, revokedAt: null }, data: { revokedAt: new Date(), revokedReason } });
    if (revoked.count !== 1) throw new AppError("conflict", "Access changed just now. Reload the page and try again.");
    const audit = await recordAudit({ tx, actor, action: "revoke_access", targetType: "entitlement", targetId: entitlement.id, reason, data: { orderId: entitlement.orderId, productName: entitlement.productName, revokedReason } });
    return { ...audit, orderId: entitlement.orderId, redirectTo: `/admin/orders/${entitlement.orderId}` };
  });
}
