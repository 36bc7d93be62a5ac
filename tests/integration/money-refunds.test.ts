// Refunds and delayed payments over HTTP: signed events in any order, the state they end in, what the buyer keeps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, eventually, defaultCatalog, defaultFiles, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { checkoutSession } from "../support/stripe-events";
import { asyncFailed, asyncSucceeded, completed, download, downloadLink, orderState, refunded, send, type Session } from "../support/money-events";

let app: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;

const strictCourse = {
  slug: "strict-course",
  name: "Strict Course",
  description: "A course whose access ends with any refund.",
  price: { amount: 2900, currency: "usd" },
  files: [{ path: "strict/course.pdf", name: "Course.pdf" }],
  revokeOnPartialRefund: true,
};

beforeAll(async () => {
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
  app = await startTestApp({
    resendBaseUrl: resend.url,
    stripeApiBase: stripe.url,
    catalog: { products: [...defaultCatalog.products, strictCourse] },
    files: { ...defaultFiles(), "strict/course.pdf": "%PDF-1.4 course" },
  });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([resend?.close(), stripe?.close()]);
});

let buyers = 0;
function session(overrides: Record<string, unknown> = {}): Session {
  buyers += 1;
  return checkoutSession({ customer_details: { email: `refund-buyer-${buyers}@example.com` }, ...overrides });
}

function emailsTo(address: string) {
  return resend.emails.filter((email) => email.to === address || (Array.isArray(email.to) && email.to.includes(address)));
}

describe("charge.refunded", () => {
  it("a full refund marks the order refunded and revokes every product and license key at once", async () => {
    const paid = session({ metadata: { product: "field-guide,focus-timer" }, amount_total: 4800 });
    await send(app, completed(paid));
    const before = (await orderState(app, paid.id))!;
    expect(before.status).toBe("paid");
    const guide = before.entitlements.find((entitlement) => entitlement.productSlug === "field-guide")!;
    expect((await download(await downloadLink(app, guide.id))).status).toBe(200);

    expect(await send(app, refunded(paid))).toBe("processed");
    const after = (await orderState(app, paid.id))!;
    expect(after).toMatchObject({ status: "refunded", amountRefunded: 4800 });
    expect(after.entitlements.map((entitlement) => [entitlement.productSlug, entitlement.revokedReason, entitlement.isRevoked])).toEqual([
      ["field-guide", "refunded", true],
      ["focus-timer", "refunded", true],
    ]);
    const keys = await app.query('SELECT k.id FROM "LicenseKey" k JOIN "Entitlement" e ON e.id = k."entitlementId" WHERE e."revokedAt" IS NOT NULL AND e.id = ?', after.entitlements[1]!.id);
    expect(keys).toHaveLength(1); // the key's entitlement is revoked: the License API refuses it

    const refused = await download(await downloadLink(app, guide.id));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("This order was refunded");
    expect(refused.text).not.toContain("%PDF");
  });

  it("a partial refund keeps access, except for products that revoke on partial refunds", async () => {
    const paid = session({ metadata: { product: "field-guide,strict-course" }, amount_total: 4800 });
    await send(app, completed(paid));
    await send(app, refunded(paid, 1000));
    let state = (await orderState(app, paid.id))!;
    expect(state.status).toBe("paid");
    expect(state.amountRefunded).toBe(1000);
    const [guide, course] = state.entitlements;
    expect([guide!.productSlug, guide!.isRevoked]).toEqual(["field-guide", false]);
    expect([course!.productSlug, course!.revokedReason]).toEqual(["strict-course", "refunded"]);
    expect((await download(await downloadLink(app, guide!.id))).status).toBe(200);
    expect((await download(await downloadLink(app, course!.id))).text).toContain("This order was refunded");

    // An older partial refund delivered late never lowers what is recorded.
    await send(app, refunded(paid, 500));
    expect((await orderState(app, paid.id))!.amountRefunded).toBe(1000);

    await send(app, refunded(paid, 4800));
    state = (await orderState(app, paid.id))!;
    expect(state.status).toBe("refunded");
    expect(state.entitlements.every((entitlement) => entitlement.revokedReason === "refunded")).toBe(true);
  });

  it("keeps a refund that arrives before the completion and applies it when the order appears", async () => {
    const paid = session();
    expect(await send(app, refunded(paid))).toBe("waiting");
    expect(await orderState(app, paid.id)).toBeNull();

    await send(app, completed(paid));
    const state = await eventually(async () => {
      const current = await orderState(app, paid.id);
      return current?.status === "refunded" ? current : null;
    }, "the waiting refund applied as soon as the order appeared", 10_000);
    expect(state.entitlements).toMatchObject([{ productSlug: "field-guide", revokedReason: "refunded", isRevoked: true }]);
    await eventually(async () => {
      const events = await app.query<{ status: string }>('SELECT status FROM "StripeEvent" WHERE "paymentIntentId" = ?', paid.payment_intent);
      return events.length === 2 && events.every((event) => event.status === "processed");
    }, "both events processed");
    // The delivery email was held back for the waiting refund, then had nothing left to send.
    await eventually(async () => {
      const [message] = await app.query<{ status: string }>('SELECT m.status FROM "OutboxMessage" m JOIN "Order" o ON o.id = m."orderId" WHERE o."stripeCheckoutSessionId" = ?', paid.id);
      return message?.status === "cancelled";
    }, "delivery email cancelled", 20_000);
    expect(emailsTo(paid.customer_details.email)).toHaveLength(0);
  });

  it("ends in the same state for every order of completed, async_payment_succeeded and refunded", async () => {
    const orders: Array<[string, string, string]> = [
      ["completed", "succeeded", "refunded"],
      ["completed", "refunded", "succeeded"],
      ["succeeded", "completed", "refunded"],
      ["succeeded", "refunded", "completed"],
      ["refunded", "completed", "succeeded"],
      ["refunded", "succeeded", "completed"],
    ];
    const finals = await Promise.all(
      orders.map(async (sequence) => {
        const delayed = session({ payment_status: "unpaid" });
        const events = { completed: completed(delayed), succeeded: asyncSucceeded(delayed), refunded: refunded(delayed) };
        for (const name of sequence) await send(app, events[name as keyof typeof events]);
        const state = await eventually(async () => {
          const current = await orderState(app, delayed.id);
          const pending = await app.query('SELECT id FROM "StripeEvent" WHERE "paymentIntentId" = ? AND status <> ?', delayed.payment_intent, "processed");
          return current?.status === "refunded" && pending.length === 0 ? current : null;
        }, `${sequence.join(" → ")} settles`, 10_000);
        const orderCount = await app.query('SELECT id FROM "Order" WHERE "stripeCheckoutSessionId" = ?', delayed.id);
        const deliveries = await app.query('SELECT m.id FROM "OutboxMessage" m JOIN "Order" o ON o.id = m."orderId" WHERE o."stripeCheckoutSessionId" = ? AND m.kind = ?', delayed.id, "order_delivered");
        return {
          sequence: sequence.join(" → "),
          orders: orderCount.length,
          deliveries: deliveries.length,
          status: state.status,
          amountRefunded: state.amountRefunded,
          access: state.entitlements.map((entitlement) => [entitlement.productSlug, entitlement.revokedReason, entitlement.isRevoked]),
        };
      }),
    );
    for (const final of finals) {
      expect(final, final.sequence).toEqual({ sequence: final.sequence, orders: 1, deliveries: 1, status: "refunded", amountRefunded: 1900, access: [["field-guide", "refunded", true]] });
    }
  });
});

describe("delayed payments", () => {
  it("delivers when the async payment succeeds, not before", async () => {
    const delayed = session({ payment_status: "unpaid" });
    await send(app, completed(delayed));
    expect((await orderState(app, delayed.id))!).toMatchObject({ status: "awaiting_payment", entitlements: [] });
    await send(app, asyncSucceeded(delayed));
    expect((await orderState(app, delayed.id))!.status).toBe("paid");
    await eventually(() => emailsTo(delayed.customer_details.email).length === 1, "one delivery email");
    expect(emailsTo(delayed.customer_details.email)[0]!.subject).toContain("The Field Guide");
  });

  it("marks a failed async payment failed and tells the buyer once, with a link back to the product", async () => {
    const delayed = session({ payment_status: "unpaid" });
    await send(app, completed(delayed));
    await send(app, asyncFailed(delayed));
    await send(app, asyncFailed(delayed)); // Stripe may deliver it again under a new event id
    expect((await orderState(app, delayed.id))!).toMatchObject({ status: "failed", entitlements: [] });
    const [email] = await eventually(async () => {
      const emails = emailsTo(delayed.customer_details.email);
      return emails.length ? emails : null;
    }, "payment failed email");
    expect(email!.subject).toBe("Your payment for The Field Guide did not go through");
    expect(email!.html).toContain(`href="${app.url}/products/field-guide"`);
    expect(email!.text).toContain("did not complete the payment");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(emailsTo(delayed.customer_details.email)).toHaveLength(1);
  });

  it("never lets a failure undo a success, and a failure of one session leaves another buyer's success alone", async () => {
    const failing = session({ payment_status: "unpaid" });
    const succeeding = session({ payment_status: "unpaid", customer_details: failing.customer_details });
    await send(app, completed(failing));
    await send(app, completed(succeeding));
    await send(app, asyncFailed(failing));
    await send(app, asyncSucceeded(succeeding));
    await send(app, asyncFailed(succeeding)); // out of place: must change nothing
    expect((await orderState(app, failing.id))!.status).toBe("failed");
    expect((await orderState(app, succeeding.id))!.status).toBe("paid");
    await eventually(() => emailsTo(failing.customer_details.email).length === 2, "one failure email and one delivery email");
    const subjects = emailsTo(failing.customer_details.email).map((email) => email.subject).sort();
    expect(subjects).toEqual(["Your download: The Field Guide", "Your payment for The Field Guide did not go through"]);
  });
});
