// /api/cron/sweep, for hosts without a long-lived process: with the in-process timer out of the way,
// a scheduler's call finishes the events and sends the mail that were left behind, and only with the token.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestApp, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { checkoutSession, makeEvent, postEvent } from "../support/stripe-events";

const cronSecret = crypto.randomBytes(24).toString("hex");
let app: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;

function sweep(token: string | null) {
  return fetch(`${app.url}/api/cron/sweep`, { method: "POST", headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

beforeAll(async () => {
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
  // An hour between timer passes: as on a serverless host, only the scheduler's calls sweep.
  app = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url, env: { CRON_SECRET: cronSecret, WORKER_INTERVAL_MS: "3600000" } });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([resend?.close(), stripe?.close()]);
});

describe("the scheduled sweep", () => {
  it("refuses a call without the right token, saying what to send", async () => {
    const missing = await sweep(null);
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.message).toContain("Authorization: Bearer <CRON_SECRET>");
    expect((await sweep("not-the-secret")).status).toBe(401);
  });

  it("processes an event whose first try failed and sends mail that is due again", async () => {
    // The line items cannot be fetched on the first try: the event waits for a retry.
    const session = stripe.putSession({ metadata: {}, customer_details: { email: "later@example.com" } }, [{ price: "price_field_guide" }]);
    stripe.failNext(1, 500);
    expect((await postEvent(app.url, makeEvent(session), { secret: app.webhookSecret })).status).toBe(200);
    // The mail provider is down too, so the delivery email waits in the outbox for its next attempt.
    resend.setDown(true);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const [event] = await app.query<{ status: string }>('SELECT status FROM "StripeEvent"');
    expect(event?.status).toBe("pending");

    const first = await sweep(cronSecret);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ eventsProcessed: 1 });
    expect(await app.query('SELECT id FROM "Order"')).toHaveLength(1);
    expect(resend.emails).toHaveLength(0);

    resend.setDown(false);
    // Nothing else runs in between: the scheduler's next calls send it, once its retry is due.
    await eventually(async () => {
      expect((await sweep(cronSecret)).status).toBe(200);
      return resend.emails.length > 0;
    }, "the delivery email sent by a scheduled call");
    expect(resend.emails.map((email) => email.to)).toEqual(["later@example.com"]);
    // The provider has the email; its row says so once the sender records the answer.
    await eventually(async () => (await app.query<{ status: string }>('SELECT status FROM "OutboxMessage"'))[0]?.status === "sent", "the message recorded as sent");
  });
});
