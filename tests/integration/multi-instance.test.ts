// Two production servers on one PostgreSQL database, every event sent to both at once: one order
// and one email per session, and downloads that never pass their limit, whichever instance serves.
// Runs in the PostgreSQL pass of the suite (TEST_DATABASE_URL); SQLite is one instance by design.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestApp, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { checkoutSession, makeEvent, postEvent } from "../support/stripe-events";

const SESSIONS = 30;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let first: TestApp;
let second: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;

beforeAll(async () => {
  if (!onPostgres) return;
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
  // Small batches and a short sweep interval, so both instances claim outbox rows and events.
  const env = { MAIL_BATCH_SIZE: "3", WORKER_INTERVAL_MS: "200" };
  first = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url, env });
  second = await startTestApp({ shareWith: first, resendBaseUrl: resend.url, stripeApiBase: stripe.url, env });
});

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await Promise.all([resend?.close(), stripe?.close()]);
});

describe.skipIf(!onPostgres)("two instances on one PostgreSQL database", () => {
  it("makes one order and sends one email per session when both instances get every event", async () => {
    const sessions = Array.from({ length: SESSIONS }, (_, index) => checkoutSession({ customer_details: { email: `buyer-${index}@example.com` } }));
    // Each session's completion, delivered to both instances at once, and a second event for the
    // same session (as Stripe sends async_payment_succeeded after a delayed payment) likewise.
    const deliveries = sessions.flatMap((session) => {
      const completed = makeEvent(session);
      const succeeded = makeEvent(session, { type: "checkout.session.async_payment_succeeded" });
      return [completed, succeeded].flatMap((event) => [first, second].map((app) => postEvent(app.url, event, { secret: app.webhookSecret })));
    });
    const statuses = (await Promise.all(deliveries)).map((response) => response.status);
    expect(statuses.every((status) => status === 200)).toBe(true);

    await eventually(async () => {
      const [row] = await first.query<{ sent: number | string }>(`SELECT count(*) AS sent FROM "OutboxMessage" WHERE status = 'sent'`);
      return Number(row?.sent) === SESSIONS;
    }, "every delivery email sent", 60_000);
    // Time for any second send to show itself before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const orders = await first.query<{ sessionId: string; orders: number | string }>(
      'SELECT "stripeCheckoutSessionId" AS "sessionId", count(*) AS orders FROM "Order" GROUP BY "stripeCheckoutSessionId"',
    );
    expect(orders).toHaveLength(SESSIONS);
    expect(orders.every((row) => Number(row.orders) === 1)).toBe(true);
    const [entitlements] = await first.query<{ count: number | string }>('SELECT count(*) AS count FROM "Entitlement"');
    expect(Number(entitlements?.count)).toBe(SESSIONS);
    const [messages] = await first.query<{ count: number | string }>('SELECT count(*) AS count FROM "OutboxMessage"');
    expect(Number(messages?.count)).toBe(SESSIONS);

    const recipients = resend.emails.map((email) => (Array.isArray(email.to) ? email.to[0] : email.to));
    expect(recipients).toHaveLength(SESSIONS);
    expect(new Set(recipients).size).toBe(SESSIONS);
    const events = await first.query<{ status: string }>('SELECT status FROM "StripeEvent"');
    expect(events).toHaveLength(SESSIONS * 2);
    expect(events.every((event) => event.status === "processed")).toBe(true);
  }, 120_000);

  it("never lets concurrent downloads on both instances pass the limit", async () => {
    const email = resend.emails.find((candidate) => candidate.to === "buyer-0@example.com")!;
    const link = new URL(/href="([^"]*\/download\/[^"]+)"/.exec(email.html)![1]!.replace(/&amp;/g, "&"));
    // The same link, half of the requests to each instance, all at once: the limit is 5.
    const attempts = Array.from({ length: 16 }, (_, index) => {
      const target = new URL(link.pathname, index % 2 === 0 ? first.url : second.url);
      return fetch(target).then(async (response) => ({ status: response.status, bytes: (await response.arrayBuffer()).byteLength }));
    });
    const results = await Promise.all(attempts);
    expect(results.filter((result) => result.status === 200)).toHaveLength(5);
    expect(results.filter((result) => result.status === 403)).toHaveLength(11);
    expect(results.filter((result) => result.status === 403).every((result) => result.bytes < 20_000)).toBe(true);

    const [entitlement] = await first.query<{ used: number }>('SELECT "downloadsUsed" AS used FROM "Entitlement" e JOIN "Order" o ON o.id = e."orderId" WHERE o.email = ?', "buyer-0@example.com");
    expect(Number(entitlement?.used)).toBe(5);
    const counted = await first.query('SELECT id FROM "DownloadEvent" WHERE counted = true');
    expect(counted).toHaveLength(5);
  }, 60_000);
});
