// Webhook intake: verify the signature on the raw body, then store the event by its id (once).
import "server-only";
import type Stripe from "stripe";
import { getEnv, getWebhookSecrets } from "@/server/env";
import { AppError } from "@/server/errors";
import { log } from "@/server/log";
import { verifyStripeEvent } from "@/server/stripe/verify-stripe-event";
import { isHandledEventType } from "@/server/webhooks/stripe-event-handlers";
import { bumpMetric } from "@/server/webhooks/bump-metric";
import { storeStripeEvent } from "@/server/webhooks/store-stripe-event";
import { EVENT_LEASE_MS, type ClaimedEvent } from "@/server/webhooks/process-stripe-event";

export type ReceiveStripeWebhookOptions = { rawBody: string; signature: string | null };
/** `claimed` is set when this call stored a handled event: it holds the lease, run it at once. */
export type ReceiveResult = { eventId: string; type: string; isDuplicate: boolean; isHandled: boolean; claimed: ClaimedEvent | null };

function objectRefs(event: Stripe.Event): { objectId: string | null; paymentIntentId: string | null } {
  const object = event.data.object as { id?: unknown; payment_intent?: unknown };
  const intent = object.payment_intent;
  return {
    objectId: typeof object.id === "string" ? object.id : null,
    paymentIntentId: typeof intent === "string" ? intent : intent && typeof (intent as { id?: unknown }).id === "string" ? (intent as { id: string }).id : null,
  };
}

/**
 * Nothing unverified is stored: the signature is checked against every configured secret first.
 * A verified event is stored under Stripe's id (unique), so a repeat delivery is answered 200
 * and changes nothing but a counter.
 */
export async function receiveStripeWebhook({ rawBody, signature }: ReceiveStripeWebhookOptions): Promise<ReceiveResult> {
  const secrets = getWebhookSecrets();
  if (secrets.length === 0) {
    log.error("webhook_not_configured", { reason: "STRIPE_WEBHOOK_SECRET is not set" });
    throw new AppError("config", "Webhook secret not configured: set STRIPE_WEBHOOK_SECRET to the endpoint's whsec_... secret.");
  }
  let event: Stripe.Event;
  try {
    event = await verifyStripeEvent({ rawBody, signature, secrets });
  } catch (error) {
    await bumpMetric("webhook_signature_failures");
    log.warn("webhook_rejected", { reason: (error as Error).message });
    throw error;
  }
  const isHandled = isHandledEventType(event.type);
  const refs = objectRefs(event);
  const receivedAt = new Date();
  // A handled event is stored already leased to this process (status processing, one attempt):
  // the fast path runs it without a second write, and the sweeper takes over if the lease runs out.
  const outcome = await storeStripeEvent({
    id: event.id,
    type: event.type,
    payload: rawBody,
    objectId: refs.objectId,
    paymentIntentId: refs.paymentIntentId,
    receivedAt,
    status: isHandled ? "processing" : "ignored",
    attempts: isHandled ? 1 : 0,
    leaseUntil: isHandled ? new Date(receivedAt.getTime() + EVENT_LEASE_MS) : null,
    processedAt: isHandled ? null : receivedAt,
  });
  if (outcome === "duplicate") {
    log.info("webhook_duplicate", { eventId: event.id, type: event.type });
    return { eventId: event.id, type: event.type, isDuplicate: true, isHandled, claimed: null };
  }
  if (getEnv().LOG_LEVEL === "info") log.info("webhook_received", { eventId: event.id, type: event.type, objectId: refs.objectId, paymentIntentId: refs.paymentIntentId, handled: isHandled });
  const claimed = isHandled ? { id: event.id, type: event.type, event, receivedAt, attempts: 1 } : null;
  return { eventId: event.id, type: event.type, isDuplicate: false, isHandled, claimed };
}
