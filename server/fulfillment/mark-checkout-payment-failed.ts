// A delayed payment that did not go through: the order ends as failed and the buyer is told, unless it was already paid.
import "server-only";
import type Stripe from "stripe";
import { db } from "@/server/db";
import { log } from "@/server/log";
import { statusesAccepting } from "@/server/fulfillment/order-status";
import { fulfillCheckoutSession } from "@/server/fulfillment/fulfill-checkout-session";
import { resolveSessionProducts } from "@/server/fulfillment/resolve-session-products";
import { notifyOrderChanged } from "@/server/fulfillment/order-events";
import { enqueueMessage } from "@/server/outbox/enqueue-message";

export type MarkCheckoutPaymentFailedOptions = { session: Stripe.Checkout.Session };

/**
 * Order-safe: records the order first when the failure is the first event we see for the session;
 * the move to failed is guarded by the state machine (a success is never undone), and the buyer's
 * email is queued in the same transaction under a key of the order, so a repeat sends nothing more.
 */
export async function markCheckoutPaymentFailed({ session }: MarkCheckoutPaymentFailedOptions): Promise<void> {
  const existing = await db.order.findUnique({ where: { stripeCheckoutSessionId: session.id } });
  if (!existing) await fulfillCheckoutSession({ session: { ...session, payment_status: "unpaid" }, source: "webhook" });
  const order = existing ?? (await db.order.findUnique({ where: { stripeCheckoutSessionId: session.id } }));
  if (!order) return; // no buyer email on the session: nobody to record or tell
  // Which products to offer again; read before the transaction, which must not wait on Stripe.
  const { products } = await resolveSessionProducts(session);
  const moved = await db.$transaction(async (tx) => {
    const result = await tx.order.updateMany({
      where: { id: order.id, status: { in: statusesAccepting("payment_failed") } },
      data: { status: "failed", statusReason: "the delayed payment did not go through" },
    });
    if (result.count === 0) return false;
    await enqueueMessage({
      tx,
      kind: "payment_failed",
      dedupeKey: `payment_failed:${order.id}`,
      to: order.email,
      payload: { orderId: order.id, products: products.map((product) => ({ slug: product.slug, name: product.name })) },
      orderId: order.id,
    });
    return true;
  });
  log.info("checkout_payment_failed", { sessionId: session.id, orderId: order.id, changed: moved });
  if (moved) notifyOrderChanged(order.id);
}
