// A delayed payment that did not go through: the order ends as failed, unless it was already paid.
import "server-only";
import type Stripe from "stripe";
import { db } from "@/server/db";
import { log } from "@/server/log";
import { statusesLeadingTo } from "@/server/fulfillment/order-status";
import { fulfillCheckoutSession } from "@/server/fulfillment/fulfill-checkout-session";

/** Order-safe: records the order first when the failure is the first event we see for the session. */
export async function markCheckoutPaymentFailed({ session }: { session: Stripe.Checkout.Session }): Promise<void> {
  const existing = await db.order.findUnique({ where: { stripeCheckoutSessionId: session.id } });
  if (!existing) await fulfillCheckoutSession({ session: { ...session, payment_status: "unpaid" }, source: "webhook" });
  const moved = await db.order.updateMany({
    where: { stripeCheckoutSessionId: session.id, status: { in: statusesLeadingTo("failed") } },
    data: { status: "failed", statusReason: "the delayed payment did not go through" },
  });
  log.info("checkout_payment_failed", { sessionId: session.id, changed: moved.count === 1 });
}
