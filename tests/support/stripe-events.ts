// Builds Stripe events and signs them with stripe-node's own generateTestHeaderString.
import crypto from "node:crypto";
import Stripe from "stripe";

export type EventOptions = { id?: string; type?: string; created?: number };

export function makeEvent(object: Record<string, unknown>, { id, type = "checkout.session.completed", created }: EventOptions = {}) {
  return {
    id: id ?? `evt_test_${crypto.randomBytes(12).toString("hex")}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

export function checkoutSession(overrides: Record<string, unknown> = {}) {
  return {
    id: `cs_test_${crypto.randomBytes(12).toString("hex")}`,
    object: "checkout.session",
    mode: "payment",
    status: "complete",
    payment_status: "paid",
    amount_total: 1900,
    currency: "usd",
    customer_details: { email: "buyer@example.com" },
    customer_email: null,
    metadata: { product: "field-guide" },
    payment_intent: `pi_test_${crypto.randomBytes(8).toString("hex")}`,
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    ...overrides,
  };
}

/** A charge as charge.refunded carries it; pass the double's charge to keep both views the same. */
export function charge(overrides: Record<string, unknown> & { payment_intent: string }) {
  return {
    id: `ch_test_${crypto.randomBytes(10).toString("hex")}`,
    object: "charge",
    amount: 1900,
    amount_refunded: 1900,
    refunded: true,
    paid: true,
    status: "succeeded",
    currency: "usd",
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    ...overrides,
  };
}

/** A dispute as charge.dispute.created / closed carry it. */
export function dispute(overrides: Record<string, unknown> & { payment_intent: string }) {
  return {
    id: `du_test_${crypto.randomBytes(10).toString("hex")}`,
    object: "dispute",
    amount: 1900,
    currency: "usd",
    charge: `ch_test_${crypto.randomBytes(10).toString("hex")}`,
    reason: "product_not_received",
    status: "needs_response",
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    evidence_details: { due_by: Math.floor(Date.now() / 1000) + 7 * 86_400, has_evidence: false, past_due: false, submission_count: 0 },
    ...overrides,
  };
}

export function signatureFor(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

export type PostEventOptions = { secret: string; timestamp?: number; header?: string | null; body?: string };

/** Posts an event to the app's webhook as Stripe would (signed raw JSON body). */
export async function postEvent(appUrl: string, event: unknown, { secret, timestamp, header, body }: PostEventOptions): Promise<Response> {
  const payload = body ?? JSON.stringify(event);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const signature = header === undefined ? signatureFor(payload, secret, timestamp) : header;
  if (signature !== null) headers["stripe-signature"] = signature;
  return fetch(`${appUrl}/api/webhooks/stripe`, { method: "POST", headers, body: payload });
}
