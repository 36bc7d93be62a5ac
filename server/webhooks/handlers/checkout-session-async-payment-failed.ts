// checkout.session.async_payment_failed: the order is recorded as failed; nothing is delivered.
import "server-only";
import type Stripe from "stripe";
import { markCheckoutPaymentFailed } from "@/server/fulfillment/mark-checkout-payment-failed";
import type { HandlerOutcome } from "@/server/webhooks/stripe-event-handlers";

export async function handleCheckoutSessionAsyncPaymentFailed(event: Stripe.Event): Promise<HandlerOutcome> {
  await markCheckoutPaymentFailed({ session: event.data.object as Stripe.Checkout.Session });
  return "done";
}
