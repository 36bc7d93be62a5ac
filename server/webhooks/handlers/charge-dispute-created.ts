// charge.dispute.created: suspend the order's access, stage evidence on the dispute, tell the seller.
import "server-only";
import type Stripe from "stripe";
import { applyDisputeEvent } from "@/server/fulfillment/apply-dispute-event";
import { respondToDispute } from "@/server/disputes/respond-to-dispute";
import type { HandlerContext, HandlerOutcome } from "@/server/webhooks/stripe-event-handlers";

/** Waits while the order does not exist or is not paid yet; a retry after a Stripe outage re-applies nothing. */
export async function handleChargeDisputeCreated(event: Stripe.Event, context: HandlerContext): Promise<HandlerOutcome> {
  const dispute = event.data.object as Stripe.Dispute;
  const result = await applyDisputeEvent({ dispute, event: "dispute_opened", source: "webhook" });
  if (!result) return "done";
  if (result.outcome === "wait") return "wait";
  await respondToDispute({ orderId: result.orderId, dispute, attempt: context.attempts });
  return "done";
}
