// Turns a Checkout Session into an order, its entitlements, license keys and the delivery email.
import "server-only";
import type Stripe from "stripe";
import { db, isUniqueViolation, type Tx } from "@/server/db";
import { log } from "@/server/log";
import type { Product } from "@/server/catalog/schemas";
import { resolveSessionProducts } from "@/server/fulfillment/resolve-session-products";
import { statusesAccepting, type OrderStatus } from "@/server/fulfillment/order-status";
import { deliveryHolds } from "@/server/fulfillment/delivery-holds";
import { enqueueMessage } from "@/server/outbox/enqueue-message";
import { generateLicenseKey } from "@/server/licenses/generate-license-key";
import { notifyOrderChanged } from "@/server/fulfillment/order-events";

export type FulfillCheckoutSessionOptions = {
  session: Stripe.Checkout.Session;
  /** When the payment reached us (the event's arrival); the start of payment-to-email latency. */
  receivedAt?: Date;
  source: "webhook" | "thanks" | "reconcile" | "demo";
  /** The Stripe event being handled, when there is one: logged beside the order id. */
  eventId?: string;
};

export type FulfillResult = { orderId: string | null; status: OrderStatus | "skipped"; deliveredNow: boolean };

export function isSessionPaid(session: Stripe.Checkout.Session): boolean {
  return session.payment_status === "paid" || session.payment_status === "no_payment_required";
}

export function buyerEmail(session: Stripe.Checkout.Session): string | null {
  const email = session.customer_details?.email ?? session.customer_email ?? null;
  return email ? email.trim().toLowerCase() : null;
}

export function paymentIntentId(session: Stripe.Checkout.Session): string | null {
  const intent = session.payment_intent;
  if (!intent) return null;
  return typeof intent === "string" ? intent : intent.id;
}

/** What an entitlement copies from the catalog, so later catalog edits never rewrite a purchase. */
export function entitlementSnapshot(product: Product, currency: string) {
  return {
    productSlug: product.slug,
    productName: product.name,
    unitAmount: product.price?.amount ?? 0,
    currency: product.price?.currency ?? currency,
    files: JSON.stringify(product.files),
    linkTtlHours: product.linkTtlHours,
    downloadLimit: product.downloadLimit ?? null,
  };
}

/** A new license key for the product, or null when it has none. */
export function licenseKeySnapshot(product: Product, now = new Date()) {
  if (!product.licenseKeys) return null;
  const expiresAfterDays = product.licenseKeys.expiresAfterDays;
  return {
    key: generateLicenseKey(),
    activationLimit: product.licenseKeys.activationLimit ?? null,
    expiresAt: expiresAfterDays ? new Date(now.getTime() + expiresAfterDays * 86_400_000) : null,
  };
}

function entitlementData(product: Product, currency: string) {
  const key = licenseKeySnapshot(product);
  return { ...entitlementSnapshot(product, currency), licenseKey: key ? { create: key } : undefined };
}

/**
 * Entitlements, keys and the delivery email for an order that has just become paid. Called only by
 * the one transaction that moved the order to paid (a new row, or a conditional update that matched),
 * so plain inserts suffice; the unique keys stop anything else.
 */
async function grantAccess(tx: Tx, orderId: string, email: string, products: Product[], currency: string, intentId: string | null) {
  for (const product of products) {
    await tx.entitlement.create({ data: { orderId, ...entitlementData(product, currency) }, select: { id: true } });
  }
  await enqueueMessage({ tx, kind: "order_delivered", dedupeKey: `order_delivered:${orderId}`, to: email, payload: { orderId }, orderId, notBefore: (await deliveryHolds(tx, [intentId])).get(intentId ?? "") });
}

/** The customer's id, creating the row on first purchase (read first: repeat buyers are common). */
async function customerIdFor(tx: Tx, email: string): Promise<string> {
  const existing = await tx.customer.findUnique({ where: { email }, select: { id: true } });
  if (existing) return existing.id;
  return (await tx.customer.create({ data: { email }, select: { id: true } })).id;
}

/**
 * Idempotent and order-safe: the order is unique by checkout session id, entitlements by
 * (order, product), the delivery email by its dedupe key, and the move to paid is a conditional
 * update from the statuses allowed to reach it. Any number of calls, from the webhook, the thanks
 * page or reconciliation, in any order, end with one order and one delivery email.
 */
export async function fulfillCheckoutSession(options: FulfillCheckoutSessionOptions): Promise<FulfillResult> {
  try {
    return await fulfillOnce(options);
  } catch (error) {
    // Two instances may create the same order at once; the loser sees the winner's row on retry.
    if (isUniqueViolation(error)) return fulfillOnce(options);
    throw error;
  }
}

async function fulfillOnce({ session, receivedAt, source, eventId }: FulfillCheckoutSessionOptions): Promise<FulfillResult> {
  const email = buyerEmail(session);
  if (!email) {
    log.warn("fulfillment_no_email", { sessionId: session.id, eventId, source });
    return { orderId: null, status: "skipped", deliveredNow: false };
  }
  const isPaid = isSessionPaid(session);
  const { products, unknown } = await resolveSessionProducts(session);
  const status: OrderStatus = products.length === 0 ? "unfulfillable" : isPaid ? "paid" : "awaiting_payment";
  const paidAt = receivedAt ?? new Date();

  const result = await db.$transaction(async (tx) => {
    const existing = await tx.order.findUnique({ where: { stripeCheckoutSessionId: session.id } });
    if (!existing) {
      const order = await tx.order.create({
        data: {
          stripeCheckoutSessionId: session.id,
          stripePaymentIntentId: paymentIntentId(session),
          customerId: await customerIdFor(tx, email),
          email,
          status,
          statusReason: status === "unfulfillable" ? `no product we sell in this session (${unknown.join(", ") || "none"})` : null,
          amountTotal: session.amount_total ?? 0,
          currency: session.currency ?? "usd",
          livemode: session.livemode,
          paidAt: status === "paid" ? paidAt : null,
        },
        select: { id: true, currency: true },
      });
      if (status === "paid") await grantAccess(tx, order.id, email, products, order.currency, paymentIntentId(session));
      return { orderId: order.id, status, deliveredNow: status === "paid" };
    }
    if (isPaid && products.length > 0) {
      const moved = await tx.order.updateMany({
        where: { id: existing.id, status: { in: statusesAccepting("payment_succeeded") } },
        data: { status: "paid", paidAt, stripePaymentIntentId: existing.stripePaymentIntentId ?? paymentIntentId(session) },
      });
      if (moved.count === 1) {
        await grantAccess(tx, existing.id, email, products, existing.currency, existing.stripePaymentIntentId ?? paymentIntentId(session));
        return { orderId: existing.id, status: "paid" as OrderStatus, deliveredNow: true };
      }
    }
    return { orderId: existing.id, status: existing.status as OrderStatus, deliveredNow: false };
  });

  if (status === "unfulfillable") log.warn("fulfillment_unknown_products", { sessionId: session.id, eventId, orderId: result.orderId, unknown, source });
  if (result.orderId) {
    log.info("fulfillment_done", { sessionId: session.id, eventId, orderId: result.orderId, status: result.status, deliveredNow: result.deliveredNow, source });
    notifyOrderChanged(result.orderId);
  }
  return result;
}
