// Demo mode's stand-in for Stripe: signs a real-shaped event and posts it to this app's own webhook.
import "server-only";
import crypto from "node:crypto";
import type Stripe from "stripe";
import { getEnv, getWebhookSecrets } from "@/server/env";
import { AppError } from "@/server/errors";
import { findProduct } from "@/server/catalog/get-catalog";
import { stripeWebhooks } from "@/server/stripe/get-stripe";

export type CompleteDemoPaymentOptions = { sessionId: string; slug: string; email: string; outcome: "paid" | "delayed" };

function demoId(prefix: string): string {
  return `${prefix}_demo_${crypto.randomBytes(12).toString("hex")}`;
}

export function buildDemoSession({ sessionId, slug, email, outcome }: CompleteDemoPaymentOptions): Stripe.Checkout.Session {
  const product = findProduct(slug);
  if (!product) throw new AppError("not_found", `There is no product "${slug}" in this store.`);
  return {
    id: sessionId,
    object: "checkout.session",
    mode: "payment",
    status: "complete",
    payment_status: outcome === "paid" ? "paid" : "unpaid",
    amount_total: product.price?.amount ?? 0,
    amount_subtotal: product.price?.amount ?? 0,
    currency: product.price?.currency ?? "usd",
    customer_details: { email, name: null, phone: null, address: null, tax_exempt: "none", tax_ids: [] },
    customer_email: null,
    metadata: { product: slug },
    payment_intent: demoId("pi"),
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    success_url: `${getEnv().APP_URL}/thanks?session_id={CHECKOUT_SESSION_ID}`,
  } as unknown as Stripe.Checkout.Session;
}

/**
 * Runs the very path a real payment takes: the event is signed with the webhook secret and sent
 * over HTTP to /api/webhooks/stripe, so verification, storage and fulfillment are the same code.
 */
export async function completeDemoPayment(options: CompleteDemoPaymentOptions): Promise<void> {
  const env = getEnv();
  if (!env.isDemo) throw new AppError("not_found", "Demo checkout is off: this store takes real payments.");
  const session = buildDemoSession(options);
  const event = {
    id: demoId("evt"),
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "checkout.session.completed",
    data: { object: session },
  };
  const payload = JSON.stringify(event);
  const secret = getWebhookSecrets(env)[0]!;
  const signature = stripeWebhooks.generateTestHeaderString({ payload, secret });
  const response = await fetch(`http://127.0.0.1:${env.PORT}/api/webhooks/stripe`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
    body: payload,
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new AppError("unavailable", `The demo webhook answered ${response.status}: ${await response.text()}`);
}
