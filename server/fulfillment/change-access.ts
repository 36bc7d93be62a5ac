// What a money event does to an order's entitlements (and so to its links and license keys).
import "server-only";
import type { Tx } from "@/server/db";
import { findProduct } from "@/server/catalog/get-catalog";
import type { OrderEvent } from "@/server/fulfillment/order-status";

export type RevokedReason = "refunded" | "disputed" | "admin";

export type ChangeAccessOptions = { tx: Tx; orderId: string; event: OrderEvent; now?: Date };

/** How many entitlements lost or regained access. */
export type AccessChange = { revoked: number; restored: number };

/**
 * Partial refunds keep access unless the product says otherwise. The flag is read from the catalog
 * at refund time rather than copied at purchase: it is the seller's refund policy, not a term of
 * the sale like the price or the files, so a seller who tightens it applies it to the next refund.
 * A product no longer in the catalog keeps access (the buyer's side of the doubt).
 */
function revokesOnPartialRefund(slug: string): boolean {
  return findProduct(slug)?.revokeOnPartialRefund ?? false;
}

async function revoke(tx: Tx, where: { orderId: string; productSlug?: { in: string[] } }, reason: RevokedReason, now: Date): Promise<number> {
  const fresh = await tx.entitlement.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  if (reason !== "refunded") return fresh.count;
  // A refund outranks a dispute's suspension: a dispute won later must not give refunded access back.
  const suspended = await tx.entitlement.updateMany({ where: { ...where, revokedReason: "disputed" }, data: { revokedReason: "refunded" } });
  return fresh.count + suspended.count;
}

/**
 * Runs inside the transaction that moves the order, so access and status never disagree.
 * Revocation is Entitlement.revokedAt/revokedReason: download links and license keys both read it.
 * A dispute won restores only what a dispute took away, never an admin's revocation or a refund's.
 */
export async function changeAccess({ tx, orderId, event, now = new Date() }: ChangeAccessOptions): Promise<AccessChange> {
  switch (event) {
    case "refunded_in_full":
      return { revoked: await revoke(tx, { orderId }, "refunded", now), restored: 0 };
    case "refunded_in_part": {
      const entitlements = await tx.entitlement.findMany({ where: { orderId }, select: { productSlug: true } });
      const slugs = entitlements.map((entitlement) => entitlement.productSlug).filter(revokesOnPartialRefund);
      if (slugs.length === 0) return { revoked: 0, restored: 0 };
      return { revoked: await revoke(tx, { orderId, productSlug: { in: slugs } }, "refunded", now), restored: 0 };
    }
    case "dispute_opened":
    case "dispute_lost":
      return { revoked: await revoke(tx, { orderId }, "disputed", now), restored: 0 };
    case "dispute_won": {
      const restored = await tx.entitlement.updateMany({ where: { orderId, revokedReason: "disputed" }, data: { revokedAt: null, revokedReason: null } });
      return { revoked: 0, restored: restored.count };
    }
    case "payment_succeeded":
    case "payment_failed":
      // Access is granted by fulfillment, which creates the entitlements; a failure has none to take.
      return { revoked: 0, restored: 0 };
  }
}
