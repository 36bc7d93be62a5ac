// The allow-list of Stripe events Handoff acts on, each with its idempotent handler.
import "server-only";
import type Stripe from "stripe";
import { handleCheckoutSessionCompleted } from "@/server/webhooks/handlers/checkout-session-completed";
import { handleCheckoutSessionAsyncPaymentFailed } from "@/server/webhooks/handlers/checkout-session-async-payment-failed";
import { handleChargeRefunded } from "@/server/webhooks/handlers/charge-refunded";
import { handleChargeDisputeCreated } from "@/server/webhooks/handlers/charge-dispute-created";
import { handleChargeDisputeClosed } from "@/server/webhooks/handlers/charge-dispute-closed";

export type HandlerContext = {
  receivedAt: Date;
  /** This processing attempt, counting from 1: lets a handler give up on an outside call after a few tries. */
  attempts: number;
  /** The event's id, so the domain's log lines carry both the event and the order. */
  eventId?: string;
};
/** "done" when the event is applied; "wait" when it needs something not there yet (e.g. its order). */
export type HandlerOutcome = "done" | "wait";
export type StripeEventHandler = (event: Stripe.Event, context: HandlerContext) => Promise<HandlerOutcome>;

const handlers: Record<string, StripeEventHandler> = {
  "checkout.session.completed": handleCheckoutSessionCompleted,
  "checkout.session.async_payment_succeeded": handleCheckoutSessionCompleted,
  "checkout.session.async_payment_failed": handleCheckoutSessionAsyncPaymentFailed,
  "charge.refunded": handleChargeRefunded,
  "charge.dispute.created": handleChargeDisputeCreated,
  "charge.dispute.closed": handleChargeDisputeClosed,
};

export function isHandledEventType(type: string): boolean {
  return Object.hasOwn(handlers, type);
}

export function getEventHandler(type: string): StripeEventHandler | undefined {
  return handlers[type];
}
