// The bulk fulfillment path against a real SQLite file: one order per new session, nothing for a
// session that already has one, repeats within a batch collapsed, one customer per address.
import { useTempSqlite } from "../support/temp-sqlite";
import { beforeAll, describe, expect, it } from "vitest";
import type Stripe from "stripe";
import type { Product } from "@/server/catalog/schemas";

const database = useTempSqlite("bulk");

const guide: Product = {
  slug: "field-guide",
  name: "The Field Guide",
  description: "",
  price: { amount: 1900, currency: "usd" },
  files: [{ path: "g.pdf", name: "G.pdf" }],
  downloadLimit: 5,
  linkTtlHours: 24,
  revokeOnPartialRefund: false,
};
const timer: Product = { ...guide, slug: "focus-timer", name: "Focus Timer", downloadLimit: null, licenseKeys: { activationLimit: 3 } };

function session(id: string, email: string) {
  return { id, mode: "payment", payment_status: "paid", amount_total: 4800, currency: "usd", livemode: false, payment_intent: `pi_${id}`, customer_details: { email } } as unknown as Stripe.Checkout.Session;
}

beforeAll(() => database.applyMigrations());

describe("fulfillNewPaidSessions", () => {
  it("creates each new session's order, entitlements, keys and one delivery email in one go", async () => {
    const { fulfillNewPaidSessions } = await import("@/server/fulfillment/fulfill-new-paid-sessions");
    const { db } = await import("@/server/db");
    const receivedAt = new Date();
    const first = await fulfillNewPaidSessions([{ session: session("cs_a", "a@x.test"), receivedAt, email: "a@x.test", products: [guide] }]);
    expect([...first.keys()]).toEqual(["cs_a"]);

    const created = await fulfillNewPaidSessions([
      { session: session("cs_a", "a@x.test"), receivedAt, email: "a@x.test", products: [guide] }, // already has an order
      { session: session("cs_b", "b@x.test"), receivedAt, email: "b@x.test", products: [guide, timer] },
      { session: session("cs_b", "b@x.test"), receivedAt, email: "b@x.test", products: [guide, timer] }, // repeat in the batch
      { session: session("cs_c", "a@x.test"), receivedAt, email: "a@x.test", products: [timer] }, // returning buyer
    ]);
    expect([...created.keys()].sort()).toEqual(["cs_b", "cs_c"]);

    expect(await db.order.count()).toBe(3);
    expect(await db.customer.count()).toBe(2);
    const b = await db.order.findUniqueOrThrow({ where: { stripeCheckoutSessionId: "cs_b" }, include: { entitlements: { include: { licenseKey: true } } } });
    expect(b).toMatchObject({ status: "paid", email: "b@x.test", stripePaymentIntentId: "pi_cs_b", amountTotal: 4800 });
    expect(b.paidAt?.getTime()).toBe(receivedAt.getTime());
    expect(b.entitlements.map((entitlement) => [entitlement.productSlug, entitlement.downloadLimit, Boolean(entitlement.licenseKey)]).sort()).toEqual([
      ["field-guide", 5, false],
      ["focus-timer", null, true],
    ]);
    const messages = await db.outboxMessage.findMany({ where: { kind: "order_delivered" } });
    expect(messages.map((message) => message.dedupeKey).sort()).toEqual((await db.order.findMany()).map((order) => `order_delivered:${order.id}`).sort());
  }, 60_000);
});
