// The bulk path for a burst of new, paid Checkout Sessions: one transaction and a handful of
// multi-row inserts for the whole batch, instead of a transaction of a dozen statements per session.
import "server-only";
import type Stripe from "stripe";
import { db } from "@/server/db";
import type { Product } from "@/server/catalog/schemas";
import { entitlementSnapshot, licenseKeySnapshot, paymentIntentId } from "@/server/fulfillment/fulfill-checkout-session";
import { newId } from "@/server/fulfillment/new-id";
import { deliveryHolds } from "@/server/fulfillment/delivery-holds";
import { insertRows } from "@/server/database/insert-rows";
import { jsonList, queryRows } from "@/server/database/raw-sql";

export type NewPaidSession = { session: Stripe.Checkout.Session; receivedAt: Date; products: Product[]; email: string };

/**
 * Creates order, entitlements, keys and delivery email for every session in `items` that has no
 * order yet, in one transaction; returns session id → order id for those. Sessions that already
 * have an order (or repeat within the batch) are left out, for fulfillCheckoutSession to handle.
 * The same unique keys guard it as the single path: a session id can only ever get one order, and
 * an order one delivery email, so a race with another instance fails the batch rather than double it.
 */
export async function fulfillNewPaidSessions(items: NewPaidSession[]): Promise<Map<string, string>> {
  const bySession = new Map<string, NewPaidSession>();
  for (const item of items) if (!bySession.has(item.session.id)) bySession.set(item.session.id, item);
  return db.$transaction(async (tx) => {
    const existing = await queryRows<{ stripeCheckoutSessionId: string }>(tx, `SELECT "stripeCheckoutSessionId" FROM "Order" WHERE "stripeCheckoutSessionId" IN ${jsonList()}`, JSON.stringify([...bySession.keys()]));
    for (const order of existing) bySession.delete(order.stripeCheckoutSessionId);
    const fresh = [...bySession.values()];
    const created = new Map<string, string>();
    if (fresh.length === 0) return created;

    const emails = [...new Set(fresh.map((item) => item.email))];
    const known = await queryRows<{ id: string; email: string }>(tx, `SELECT id, email FROM "Customer" WHERE email IN ${jsonList()}`, JSON.stringify(emails));
    const customerIds = new Map(known.map((customer) => [customer.email, customer.id]));
    const now = new Date();
    const newCustomers = emails.filter((email) => !customerIds.has(email)).map((email) => ({ id: newId(), email, createdAt: now }));
    for (const customer of newCustomers) customerIds.set(customer.email, customer.id);
    await insertRows(tx, "Customer", newCustomers);

    const holds = await deliveryHolds(tx, fresh.map((item) => paymentIntentId(item.session)), now);
    const orders = [];
    const entitlements = [];
    const keys = [];
    const messages = [];
    for (const { session, receivedAt, products, email } of fresh) {
      const orderId = newId();
      const currency = session.currency ?? "usd";
      created.set(session.id, orderId);
      orders.push({
        id: orderId,
        stripeCheckoutSessionId: session.id,
        stripePaymentIntentId: paymentIntentId(session),
        customerId: customerIds.get(email)!,
        email,
        status: "paid",
        amountTotal: session.amount_total ?? 0,
        amountRefunded: 0,
        currency,
        livemode: session.livemode,
        createdAt: now,
        paidAt: receivedAt,
        updatedAt: now,
      });
      for (const product of products) {
        const entitlementId = newId();
        entitlements.push({ id: entitlementId, orderId, ...entitlementSnapshot(product, currency), downloadsUsed: 0, createdAt: now });
        const key = licenseKeySnapshot(product, now);
        if (key) keys.push({ id: newId(), entitlementId, ...key, activationUsage: 0, createdAt: now });
      }
      messages.push({ id: newId(), kind: "order_delivered", dedupeKey: `order_delivered:${orderId}`, to: email, payload: JSON.stringify({ orderId }), orderId, status: "pending", attempts: 0, nextAttemptAt: holds.get(paymentIntentId(session) ?? "") ?? now, createdAt: now });
    }
    await insertRows(tx, "Order", orders);
    await insertRows(tx, "Entitlement", entitlements);
    await insertRows(tx, "LicenseKey", keys);
    await insertRows(tx, "OutboxMessage", messages);
    return created;
  });
}
