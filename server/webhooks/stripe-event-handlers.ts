// The allow-list of Stripe events Handoff acts on, each with its idempotent handler.
import "server-only";
import type Stripe from "stripe";
import { handleCheckoutSessionCompleted } from "@/server/webhooks/handlers/checkout-session-completed";
import { handleCheckoutSessionAsyncPaymentFailed } from "@/server/webhooks/handlers/checkout-session-async-payment-failed";

export type HandlerContext = { receivedAt: Date };
/** "done" when the event is applied; "wait" when it needs something not there yet (e.g. its order). */
export type HandlerOutcome = "done" | "wait";
export type StripeEventHandler = (event: Stripe.Event, context: HandlerContext) => Promise<HandlerOutcome>;

const handlers: Record<string, StripeEventHandler> = {
  "checkout.session.completed": handleCheckoutSessionCompleted,
  "checkout.session.async_payment_succeeded": handleCheckoutSessionCompleted,
  "checkout.session.async_payment_failed": handleCheckoutSessionAsyncPaymentFailed,
};

export function isHandledEventType(type: string): boolean {
  return Object.hasOwn(handlers, type);
}

export function getEventHandler(type: string): StripeEventHandler | undefined {
  return handlers[type];
}
