// A Stripe dispute's opening or closing, applied to the order of its payment intent.
import "server-only";
import type Stripe from "stripe";
import { log } from "@/server/log";
import { applyOrderEvent, type ApplyOrderEventResult } from "@/server/fulfillment/apply-order-event";
import { idOf } from "@/server/fulfillment/stripe-ids";

export type ApplyDisputeEventOptions = { dispute: Stripe.Dispute; event: "dispute_opened" | "dispute_won" | "dispute_lost"; source: "webhook" | "reconcile" };

/** Null when the dispute names no payment intent (not a Checkout payment): nothing of ours to change. */
export async function applyDisputeEvent({ dispute, event, source }: ApplyDisputeEventOptions): Promise<ApplyOrderEventResult | null> {
  const paymentIntentId = idOf(dispute.payment_intent);
  if (!paymentIntentId) {
    log.warn("dispute_without_payment_intent", { disputeId: dispute.id, event });
    return null;
  }
  return applyOrderEvent({ paymentIntentId, event, chargeId: idOf(dispute.charge), dispute: { id: dispute.id, status: dispute.status }, source });
}
