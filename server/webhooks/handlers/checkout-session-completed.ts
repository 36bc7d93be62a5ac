// checkout.session.completed and async_payment_succeeded: the same idempotent fulfillment.
import "server-only";
import type Stripe from "stripe";
import { fulfillCheckoutSession } from "@/server/fulfillment/fulfill-checkout-session";
import type { HandlerContext, HandlerOutcome } from "@/server/webhooks/stripe-event-handlers";

export async function handleCheckoutSessionCompleted(event: Stripe.Event, context: HandlerContext): Promise<HandlerOutcome> {
  const session = event.data.object as Stripe.Checkout.Session;
  if (session.mode && session.mode !== "payment") return "done"; // subscriptions and setup sessions are not ours
  await fulfillCheckoutSession({ session, receivedAt: context.receivedAt, source: "webhook", eventId: context.eventId });
  return "done";
}
