// charge.refunded: a full refund revokes the order's access at once; a partial one only where the product says so.
import "server-only";
import type Stripe from "stripe";
import { log } from "@/server/log";
import { applyChargeRefund } from "@/server/fulfillment/apply-charge-refund";
import type { HandlerOutcome } from "@/server/webhooks/stripe-event-handlers";

/** Waits (the event is kept and retried) while the charge's order does not exist or is not paid yet. */
export async function handleChargeRefunded(event: Stripe.Event): Promise<HandlerOutcome> {
  const charge = event.data.object as Stripe.Charge;
  const result = await applyChargeRefund({ charge, source: "webhook" });
  if (!result) {
    log.info("charge_refunded_skipped", { eventId: event.id, chargeId: charge.id, reason: "no payment intent or nothing refunded" });
    return "done";
  }
  return result.outcome === "wait" ? "wait" : "done";
}
