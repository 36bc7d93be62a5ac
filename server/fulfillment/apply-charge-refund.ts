// A charge's refunds, as Stripe reports them on the charge, applied to its order (webhook and reconcile alike).
import "server-only";
import type Stripe from "stripe";
import { applyOrderEvent, type ApplyOrderEventResult } from "@/server/fulfillment/apply-order-event";
import { idOf } from "@/server/fulfillment/stripe-ids";

export type ApplyChargeRefundOptions = { charge: Stripe.Charge; source: "webhook" | "reconcile" };

export function isFullyRefunded(charge: Pick<Stripe.Charge, "refunded" | "amount" | "amount_refunded">): boolean {
  return charge.refunded || (charge.amount > 0 && charge.amount_refunded >= charge.amount);
}

/**
 * Null when the charge has no payment intent (not from Checkout) or nothing refunded. The refunded
 * amount is cumulative on the charge, so applying the same or an older charge again changes nothing.
 */
export async function applyChargeRefund({ charge, source }: ApplyChargeRefundOptions): Promise<ApplyOrderEventResult | null> {
  const paymentIntentId = idOf(charge.payment_intent);
  if (!paymentIntentId || charge.amount_refunded <= 0) return null;
  return applyOrderEvent({
    paymentIntentId,
    event: isFullyRefunded(charge) ? "refunded_in_full" : "refunded_in_part",
    chargeId: charge.id,
    amountRefunded: charge.amount_refunded,
    source,
  });
}
