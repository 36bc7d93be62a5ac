// charge.dispute.closed: won gives back what the dispute suspended; lost keeps it revoked.
import "server-only";
import type Stripe from "stripe";
import { applyDisputeEvent } from "@/server/fulfillment/apply-dispute-event";
import type { HandlerOutcome } from "@/server/webhooks/stripe-event-handlers";

/** "lost" is the only losing outcome; won, an inquiry closed without a chargeback, or a prevented one restore access. */
export async function handleChargeDisputeClosed(event: Stripe.Event): Promise<HandlerOutcome> {
  const dispute = event.data.object as Stripe.Dispute;
  const result = await applyDisputeEvent({ dispute, event: dispute.status === "lost" ? "dispute_lost" : "dispute_won", source: "webhook" });
  return result?.outcome === "wait" ? "wait" : "done";
}
