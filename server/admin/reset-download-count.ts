// "Reset the download count": the buyer gets every download of the product's limit back.
import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/admin/record-audit";
import { getEntitlementOrThrow } from "@/server/admin/get-entitlement-or-throw";

export type ResetDownloadCountOptions = { actor: string; entitlementId: string; reason?: string };

/** A conditional update on the count read, so a download landing meanwhile is never silently erased from the audit. */
export async function resetDownloadCount({ actor, entitlementId, reason }: ResetDownloadCountOptions) {
  return db.$transaction(async (tx) => {
    const entitlement = await getEntitlementOrThrow(tx, entitlementId);
    if (entitlement.downloadsUsed === 0) throw new AppError("conflict", `No downloads of ${entitlement.productName} have been used yet: there is nothing to reset.`);
    const reset = await tx.entitlement.updateMany({ where: { id: entitlement.id, downloadsUsed: entitlement.downloadsUsed }, data: { downloadsUsed: 0 } });
    if (reset.count !== 1) throw new AppError("conflict", "A download happened just now. Reload the page and try again.");
    const audit = await recordAudit({ tx, actor, action: "reset_download_count", targetType: "entitlement", targetId: entitlement.id, reason, data: { orderId: entitlement.orderId, productName: entitlement.productName, from: entitlement.downloadsUsed, to: 0 } });
    return { ...audit, orderId: entitlement.orderId, redirectTo: `/admin/orders/${entitlement.orderId}` };
  });
}
