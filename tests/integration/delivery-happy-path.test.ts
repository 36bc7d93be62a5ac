// The core journey over HTTP: a signed paid event → one order → one email with working download links.
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

function linksIn(html: string): string[] {
  return [...html.matchAll(/href="([^"]*\/download\/[^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&"));
}

describe("paid checkout session", () => {
  it("records the order and emails absolute, working download links", async () => {
    const session = checkoutSession({ customer_details: { email: "Reader@Example.COM" } });
    const response = await postEvent(app.url, makeEvent(session), { secret: app.webhookSecret });
    expect(response.status).toBe(200);

    const [email] = await resend.waitForEmails(1);
    expect(email).toBeDefined();
    expect(email!.to).toBe("reader@example.com");
    expect(email!.subject).toContain("The Field Guide");
    expect(email!.text).toBeTruthy();
    expect(email!.html).toContain("expire");
    const links = linksIn(email!.html);
    expect(links).toHaveLength(1);
    expect(links[0]!.startsWith(`${app.url}/download/`)).toBe(true);

    const orders = await app.query<{ status: string; email: string; stripePaymentIntentId: string }>(
      'SELECT status, email, "stripePaymentIntentId" FROM "Order" WHERE "stripeCheckoutSessionId" = ?',
      session.id,
    );
    expect(orders).toEqual([{ status: "paid", email: "reader@example.com", stripePaymentIntentId: session.payment_intent }]);

    const download = await fetch(links[0]!);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="Field Guide.pdf"');
    expect(download.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(download.headers.get("content-length")).toBe(String(bytes.length));
    expect(bytes.subarray(0, 8).toString()).toBe("%PDF-1.4");

    const [message] = await app.query<{ status: string; providerId: string; subject: string; html: string | null; text: string | null }>('SELECT status, "providerId", subject, html, text FROM "OutboxMessage"');
    // Resend keeps the body it sent; the row keeps what the dashboard lists, not another copy.
    expect(message).toEqual({ status: "sent", providerId: "re_1", subject: email!.subject, html: null, text: null });
    expect(resend.requests[0]!.headers["idempotency-key"]).toBeTruthy();
  });

  it("answers an unhandled event type 200 and changes nothing", async () => {
    const before = await app.query('SELECT id FROM "Order"');
    const response = await postEvent(app.url, makeEvent({ id: "cus_1", object: "customer" }, { type: "customer.created" }), { secret: app.webhookSecret });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, ignored: true });
    await eventually(async () => (await app.query('SELECT id FROM "Order"')).length === before.length, "order count unchanged");
  });
});
