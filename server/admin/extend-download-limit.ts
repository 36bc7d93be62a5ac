// "Extend a limit": more downloads for one product of one order, or no limit at all.
import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/admin/record-audit";
import { getEntitlementOrThrow } from "@/server/admin/get-entitlement-or-throw";

export type ExtendDownloadLimitOptions = { actor: string; entitlementId: string; add?: number; unlimited: boolean; reason?: string };

/** Raises the entitlement's own limit (copied from the catalog at purchase), never the product's for everyone. */
export async function extendDownloadLimit({ actor, entitlementId, add, unlimited, reason }: ExtendDownloadLimitOptions) {
  return db.$transaction(async (tx) => {
    const entitlement = await getEntitlementOrThrow(tx, entitlementId);
    if (entitlement.downloadLimit === null) throw new AppError("conflict", `${entitlement.productName} already has unlimited downloads on this order.`);
    const to = unlimited ? null : entitlement.downloadLimit + (add ?? 0);
    const changed = await tx.entitlement.updateMany({ where: { id: entitlement.id, downloadLimit: entitlement.downloadLimit }, data: { downloadLimit: to } });
    if (changed.count !== 1) throw new AppError("conflict", "The limit changed just now. Reload the page and try again.");
    const audit = await recordAudit({ tx, actor, action: "extend_download_limit", targetType: "entitlement", targetId: entitlement.id, reason, data: { orderId: entitlement.orderId, productName: entitlement.productName, from: entitlement.downloadLimit, to } });
    return { ...audit, orderId: entitlement.orderId, redirectTo: `/admin/orders/${entitlement.orderId}` };
  });
}
