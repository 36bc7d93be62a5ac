// The ways a purchase reaches fulfillment: line items via Stripe's API, delayed payments, the thanks
// page, sessions with nothing we sell, and the checkout that starts it all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, eventually, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { checkoutSession, makeEvent, postEvent } from "../support/stripe-events";

let app: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;

beforeAll(async () => {
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
  app = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([resend?.close(), stripe?.close()]);
});

const send = (event: unknown) => postEvent(app.url, event, { secret: app.webhookSecret });
const orderOf = async (sessionId: string) =>
  (await app.query<{ id: string; status: string }>('SELECT id, status FROM "Order" WHERE "stripeCheckoutSessionId" = ?', sessionId))[0];
const mailsTo = (email: string) => resend.emails.filter((mail) => mail.to === email);

describe("products from line items", () => {
  it("matches price ids through Stripe's API when the session has no metadata (Payment Links)", async () => {
    const session = stripe.putSession({ metadata: {}, customer_details: { email: "links@example.com" } }, [{ price: "price_focus_timer", amount: 2900 }, { price: "price_field_guide" }]);
    expect((await send(makeEvent(session))).status).toBe(200);
    await eventually(() => mailsTo("links@example.com").length === 1, "delivery email");
    const products = await app.query<{ productSlug: string }>(
      'SELECT e."productSlug" FROM "Entitlement" e JOIN "Order" o ON o.id = e."orderId" WHERE o."stripeCheckoutSessionId" = ? ORDER BY e."productSlug"',
      session.id,
    );
    expect(products.map((row) => row.productSlug)).toEqual(["field-guide", "focus-timer"]);
    expect(stripe.requests.some((request) => request.path === `/v1/checkout/sessions/${session.id}/line_items`)).toBe(true);
    const [key] = await app.query<{ key: string }>('SELECT k.key FROM "LicenseKey" k JOIN "Entitlement" e ON e.id = k."entitlementId" JOIN "Order" o ON o.id = e."orderId" WHERE o."stripeCheckoutSessionId" = ?', session.id);
    expect(key!.key).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){3}$/);
    expect(mailsTo("links@example.com")[0]!.html).toContain(key!.key);
  });

  it("records a session with nothing we sell, and delivers nothing", async () => {
    const session = stripe.putSession({ metadata: {}, customer_details: { email: "nothing@example.com" } }, [{ price: "price_someone_elses" }]);
    await send(makeEvent(session));
    const order = await eventually(() => orderOf(session.id), "order recorded");
    expect(order.status).toBe("unfulfillable");
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(mailsTo("nothing@example.com")).toHaveLength(0);
  });

  it("retries an event whose line items could not be fetched, until Stripe answers", async () => {
    const session = stripe.putSession({ metadata: {}, customer_details: { email: "retry@example.com" } }, [{ price: "price_field_guide" }]);
    stripe.failNext(1, 500);
    await send(makeEvent(session));
    await eventually(() => mailsTo("retry@example.com").length === 1, "delivered after the retry", 20_000);
    expect((await orderOf(session.id))!.status).toBe("paid");
  });
});

describe("a burst of purchases", () => {
  it("gives each session one order, one email and its keys, with repeats and a returning buyer in the burst", async () => {
    const sessions = Array.from({ length: 40 }, (_, index) =>
      checkoutSession({
        metadata: { product: index % 2 ? "focus-timer" : "field-guide,focus-timer" },
        customer_details: { email: index < 2 ? "returning@example.com" : `burst${index}@example.com` },
      }),
    );
    const events = sessions.flatMap((session, index) =>
      index % 5 === 0 ? [makeEvent(session), makeEvent(session, { type: "checkout.session.async_payment_succeeded" })] : [makeEvent(session)],
    );
    const responses = await Promise.all(events.map((event) => send(event)));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    await eventually(() => resend.emails.filter((mail) => /^(burst\d+|returning)@/.test(String(mail.to))).length >= 40, "40 emails", 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const mails = resend.emails.filter((mail) => /^(burst\d+|returning)@/.test(String(mail.to)));
    expect(mails).toHaveLength(40);
    const ids = sessions.map((session) => session.id);
    const placeholders = ids.map(() => "?").join(", ");
    const orders = await app.query<{ id: string; status: string }>(`SELECT id, status FROM "Order" WHERE "stripeCheckoutSessionId" IN (${placeholders})`, ...ids);
    expect(orders).toHaveLength(40);
    expect(orders.every((order) => order.status === "paid")).toBe(true);
    const [entitlements] = await app.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "Entitlement" e JOIN "Order" o ON o.id = e."orderId" WHERE o."stripeCheckoutSessionId" IN (${placeholders})`, ...ids);
    expect(Number(entitlements!.n)).toBe(60);
    const [keys] = await app.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "LicenseKey" k JOIN "Entitlement" e ON e.id = k."entitlementId" JOIN "Order" o ON o.id = e."orderId" WHERE o."stripeCheckoutSessionId" IN (${placeholders})`, ...ids);
    expect(Number(keys!.n)).toBe(40);
    const customers = await app.query('SELECT id FROM "Customer" WHERE email = ?', "returning@example.com");
    expect(customers).toHaveLength(1);
    const [pending] = await app.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "StripeEvent" WHERE status <> 'processed' AND "objectId" IN (${placeholders})`, ...ids);
    expect(Number(pending!.n)).toBe(0);
  });
});

describe("delayed payment methods", () => {
  it("records an unpaid completion as awaiting payment, then delivers on async success", async () => {
    const session = checkoutSession({ payment_status: "unpaid", customer_details: { email: "sepa@example.com" } });
    await send(makeEvent(session));
    expect((await eventually(() => orderOf(session.id), "order"))!.status).toBe("awaiting_payment");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailsTo("sepa@example.com")).toHaveLength(0);
    await send(makeEvent({ ...session, payment_status: "paid" }, { type: "checkout.session.async_payment_succeeded" }));
    await eventually(() => mailsTo("sepa@example.com").length === 1, "delivery email");
    expect((await orderOf(session.id))!.status).toBe("paid");
  });

  it("marks the order failed on async failure and delivers nothing", async () => {
    const session = checkoutSession({ payment_status: "unpaid", customer_details: { email: "bounced@example.com" } });
    await send(makeEvent(session));
    await send(makeEvent(session, { type: "checkout.session.async_payment_failed" }));
    await eventually(async () => (await orderOf(session.id))?.status === "failed", "order failed");
    expect(mailsTo("bounced@example.com").filter((mail) => mail.subject.includes("download"))).toHaveLength(0);
  });

  it("delivers a no_payment_required session (a 100% coupon)", async () => {
    const session = checkoutSession({ payment_status: "no_payment_required", amount_total: 0, payment_intent: null, customer_details: { email: "free@example.com" } });
    await send(makeEvent(session));
    await eventually(() => mailsTo("free@example.com").length === 1, "delivery email");
  });
});

describe("checkout and the thanks page", () => {
  it("creates a Checkout Session for the product and redirects to Stripe's page", async () => {
    const response = await fetch(`${app.url}/api/checkout`, { method: "POST", body: new URLSearchParams({ product: "field-guide" }), redirect: "manual" });
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    const created = stripe.sessions.get(location.split("/").pop()!)!;
    expect(created.metadata).toEqual({ product: "field-guide" });
    expect(created.mode).toBe("payment");
    expect(created.success_url).toBe(`${app.url}/thanks?session_id={CHECKOUT_SESSION_ID}`);
    expect(created.cancel_url).toBe(`${app.url}/products/field-guide`);
    const form = new URLSearchParams(stripe.requests.find((request) => request.method === "POST" && request.path === "/v1/checkout/sessions")!.body);
    expect(form.get("line_items[0][price]")).toBe("price_field_guide");
  });

  it("refuses an unknown product with a clear message and creates nothing", async () => {
    const before = stripe.sessions.size;
    const response = await fetch(`${app.url}/api/checkout`, { method: "POST", body: new URLSearchParams({ product: "no-such-thing" }), redirect: "manual" });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/no product "no-such-thing"/);
    const junk = await fetch(`${app.url}/api/checkout`, { method: "POST", body: new URLSearchParams({ product: "../../etc" }), redirect: "manual" });
    expect(junk.status).toBe(400);
    expect(stripe.sessions.size).toBe(before);
  });

  it("shows the links at once when the session is paid, before any webhook, and still sends one email", async () => {
    const session = stripe.putSession({ metadata: { product: "field-guide" }, customer_details: { email: "fast@example.com" } });
    const page = await (await fetch(`${app.url}/thanks?session_id=${session.id}`)).text();
    expect(page).toContain("Your files are ready");
    expect(page).toMatch(/\/download\/[\w-]+\.[\w-]+\.[\w-]+/);
    expect(page).toContain("5 of 5 downloads left");
    await send(makeEvent(session));
    await eventually(() => mailsTo("fast@example.com").length === 1, "one email");
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(mailsTo("fast@example.com")).toHaveLength(1);
  });

  it("says the payment is being confirmed for an unpaid session, and handles unknown ids", async () => {
    const session = stripe.putSession({ payment_status: "unpaid", metadata: { product: "field-guide" } });
    expect(await (await fetch(`${app.url}/thanks?session_id=${session.id}`)).text()).toContain("being confirmed");
    expect(await (await fetch(`${app.url}/thanks?session_id=cs_test_doesnotexist000`)).text()).toContain("couldn&#x27;t find");
    expect((await fetch(`${app.url}/thanks?session_id=<script>`)).status).toBe(200);
  });
});
