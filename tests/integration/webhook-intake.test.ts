// Webhook intake: signatures (each way to get them wrong, rotation), duplicates, size cap, unhandled types.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, eventually, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { checkoutSession, makeEvent, postEvent, signatureFor } from "../support/stripe-events";

const oldSecret = "whsec_old_0123456789abcdef0123456789abcdef";
const newSecret = "whsec_new_fedcba9876543210fedcba9876543210";

let app: TestApp;
let resend: ResendDouble;

beforeAll(async () => {
  resend = await startResendDouble();
  app = await startTestApp({ resendBaseUrl: resend.url, env: { STRIPE_WEBHOOK_SECRET: `${newSecret}, ${oldSecret}` } });
});

afterAll(async () => {
  await app?.stop();
  await resend?.close();
});

async function storedEvents(): Promise<number> {
  const [row] = await app.query<{ n: number }>('SELECT COUNT(*) AS n FROM "StripeEvent"');
  return Number(row!.n);
}

describe("signature checks", () => {
  it("refuses each kind of bad request with 400, a one-line reason, and stores nothing", async () => {
    const event = makeEvent(checkoutSession());
    const payload = JSON.stringify(event);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const cases: Array<[string, Parameters<typeof postEvent>[2], RegExp]> = [
      ["missing header", { secret: newSecret, header: null }, /Missing Stripe-Signature/],
      ["wrong secret", { secret: "whsec_someone_else_entirely_000000000" }, /does not match/],
      ["malformed header", { secret: newSecret, header: "v1=abc" }, /Malformed Stripe-Signature/],
      ["stale timestamp", { secret: newSecret, timestamp: stale }, /Stale signature timestamp/],
      ["tampered body", { secret: newSecret, header: signatureFor(payload, newSecret), body: payload.replace("buyer@", "thief@") }, /does not match/],
    ];
    for (const [name, options, reason] of cases) {
      const response = await postEvent(app.url, event, options);
      expect(response.status, name).toBe(400);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message, name).toMatch(reason);
      expect(body.error.message.includes("\n"), name).toBe(false);
    }
    const notJson = "this is not json";
    const response = await postEvent(app.url, null, { secret: newSecret, body: notJson });
    expect(response.status).toBe(400);
    const notEvent = JSON.stringify({ hello: "world" });
    const response2 = await postEvent(app.url, null, { secret: newSecret, body: notEvent });
    expect(response2.status).toBe(400);
    expect(((await response2.json()) as { error: { message: string } }).error.message).toMatch(/not a Stripe event/);
    expect(await storedEvents()).toBe(0);
  });

  it("accepts events signed with either secret during rotation", async () => {
    const before = await storedEvents();
    for (const secret of [oldSecret, newSecret]) {
      const response = await postEvent(app.url, makeEvent({ id: "cus_x", object: "customer" }, { type: "customer.updated" }), { secret });
      expect(response.status).toBe(200);
    }
    expect(await storedEvents()).toBe(before + 2);
  });

  it("refuses a body over the cap with 413 and stores nothing", async () => {
    const before = await storedEvents();
    const session = checkoutSession({ metadata: { product: "field-guide", padding: "x".repeat(600 * 1024) } });
    const response = await postEvent(app.url, makeEvent(session), { secret: newSecret });
    expect(response.status).toBe(413);
    expect(await storedEvents()).toBe(before);
  });
});

describe("duplicates", () => {
  it("turns the same event sent 3 times at once and twice later into one order and one email", async () => {
    const session = checkoutSession({ customer_details: { email: "dup@example.com" } });
    const event = makeEvent(session);
    const sent = resend.emails.length;
    const responses = await Promise.all([1, 2, 3].map(() => postEvent(app.url, event, { secret: newSecret })));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    await resend.waitForEmails(sent + 1);
    for (const _ of [1, 2]) expect((await postEvent(app.url, event, { secret: newSecret })).status).toBe(200);
    // a different event for the same session (Stripe's async_payment_succeeded after completed)
    await postEvent(app.url, makeEvent(session, { type: "checkout.session.async_payment_succeeded" }), { secret: newSecret });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(resend.emails.filter((email) => email.to === "dup@example.com")).toHaveLength(1);
    const orders = await app.query('SELECT id FROM "Order" WHERE "stripeCheckoutSessionId" = ?', session.id);
    expect(orders).toHaveLength(1);
    const [stored] = await app.query<{ duplicates: number; status: string }>('SELECT duplicates, status FROM "StripeEvent" WHERE id = ?', event.id);
    expect(stored).toEqual({ duplicates: 4, status: "processed" });
  });
});

describe("not configured", () => {
  it("answers 500 naming the variable when no webhook secret is set", async () => {
    const bare = await startTestApp({ resendBaseUrl: resend.url, env: { STRIPE_WEBHOOK_SECRET: undefined } });
    try {
      const response = await postEvent(bare.url, makeEvent(checkoutSession()), { secret: newSecret });
      expect(response.status).toBe(500);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/STRIPE_WEBHOOK_SECRET/);
      await eventually(async () => (await bare.query('SELECT id FROM "StripeEvent"')).length === 0, "nothing stored");
    } finally {
      await bare.stop();
    }
  });
});
