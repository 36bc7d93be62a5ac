// "Issue fresh links": signed links for every file of the order, for the seller to pass on by hand.
import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { buildDownloadLinks } from "@/server/delivery/build-download-links";
import { recordAudit } from "@/server/admin/record-audit";
import { getOrderForActionOrThrow } from "@/server/admin/get-order-for-action-or-throw";

export type IssueFreshLinksOptions = { actor: string; orderId: string; reason?: string; now?: Date };

/** The links of every product of a paid order that still has access, counted from `now`. */
export async function mintOrderLinks(orderId: string, now = new Date()) {
  const order = await getOrderForActionOrThrow(orderId);
  const open = order.entitlements.filter((entitlement) => !entitlement.revokedAt);
  if (!open.length) throw new AppError("conflict", "No links to issue: access to every product of this order is revoked. Restore access first.");
  const products = await Promise.all(
    open.map(async (entitlement) => {
      const { links, expiresAt } = await buildDownloadLinks(entitlement, now);
      return { entitlementId: entitlement.id, productName: entitlement.productName, links, expiresAt };
    }),
  );
  return { order, products };
}

/**
 * Links are stateless signed tokens: minting them changes nothing but the audit log, and each one
 * is still checked against the entitlement (limit, revocation) when it is used.
 */
export async function issueFreshLinks({ actor, orderId, reason, now = new Date() }: IssueFreshLinksOptions) {
  const { order, products } = await mintOrderLinks(orderId, now);
  const audit = await db.$transaction((tx) =>
    recordAudit({ tx, actor, action: "issue_fresh_links", targetType: "order", targetId: order.id, reason, data: { products: products.map((product) => product.productName), issuedAt: now.toISOString() } }),
  );
  return { ...audit, products, orderId: order.id, redirectTo: `/admin/orders/${order.id}` };
}
