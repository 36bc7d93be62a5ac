// Disputes over HTTP: access suspended, evidence staged on the Stripe double, the seller told, won and lost.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, eventually, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { checkoutSession, dispute, makeEvent } from "../support/stripe-events";
import { completed, download, downloadLink, orderState, send, type Session } from "../support/money-events";

const SELLER = "seller@example.com";

let app: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;

beforeAll(async () => {
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
  app = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url, env: { SELLER_EMAIL: SELLER } });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([resend?.close(), stripe?.close()]);
});

let buyers = 0;
function paidSession(overrides: Record<string, unknown> = {}): Session {
  buyers += 1;
  return checkoutSession({ customer_details: { email: `dispute-buyer-${buyers}@example.com` }, ...overrides });
}

const opened = (session: Session, overrides: Record<string, unknown> = {}) => dispute({ payment_intent: session.payment_intent, ...overrides });
const createdEvent = (object: ReturnType<typeof dispute>) => makeEvent(object, { type: "charge.dispute.created" });
const closedEvent = (object: ReturnType<typeof dispute>, status: string) => makeEvent({ ...object, status }, { type: "charge.dispute.closed" });

function sellerAlerts() {
  return resend.emails.filter((email) => email.to === SELLER);
}

/** The seller's alerts that name this buyer: an earlier test's alert may still be on its way. */
function alertsAbout(buyer: string) {
  return sellerAlerts().filter((email) => email.text?.includes(buyer) || email.subject.includes(buyer));
}

describe("charge.dispute.*", () => {
  it("suspends access on a dispute, stages evidence with the access log, tells the seller, and restores access when won", async () => {
    const session = paidSession({ metadata: { product: "field-guide,focus-timer" }, amount_total: 4800 });
    stripe.putSession(session as never);
    await send(app, completed(session));
    const { entitlements } = (await orderState(app, session.id))!;
    const guide = entitlements.find((entitlement) => entitlement.productSlug === "field-guide")!;
    const timer = entitlements.find((entitlement) => entitlement.productSlug === "focus-timer")!;
    const guideLink = await downloadLink(app, guide.id);
    expect((await download(guideLink, "203.0.113.5")).status).toBe(200);
    const [key] = await app.query<{ id: string }>('SELECT id FROM "LicenseKey" WHERE "entitlementId" = ?', timer.id);
    await app.query('INSERT INTO "LicenseActivation" (id, "licenseKeyId", name, ip, "createdAt") VALUES (?, ?, ?, ?, ?)', crypto.randomUUID(), key!.id, "Studio iMac", "198.51.100.7", new Date());

    const du = opened(session, { amount: 4800 });
    expect(await send(app, createdEvent(du))).toBe("processed");
    const suspended = (await orderState(app, session.id))!;
    expect(suspended.status).toBe("disputed");
    expect(suspended.entitlements.map((entitlement) => entitlement.revokedReason)).toEqual(["disputed", "disputed"]);
    const refused = await download(guideLink, "203.0.113.5");
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("Access suspended");
    const thanks = await (await fetch(`${app.url}/thanks?session_id=${session.id}`)).text();
    expect(thanks).toContain("Access suspended");

    expect(stripe.disputeUpdates).toHaveLength(1);
    const [update] = stripe.disputeUpdates;
    expect(update!.id).toBe(du.id);
    expect(update!.params.submit).toBe("false"); // staged, not submitted: the seller can still add to it
    const evidence = update!.params.evidence as Record<string, string>;
    expect(evidence.customer_email_address).toBe(session.customer_details.email);
    expect(evidence.access_activity_log).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \| download \| The Field Guide: Field Guide\.pdf \| IP 203\.0\.113\.5 \| GET downloaded in full/);
    expect(evidence.access_activity_log).toContain('license activation | Focus Timer on "Studio iMac" | IP 198.51.100.7');
    expect(evidence.product_description).toContain("The Field Guide: A guide.");
    expect(evidence.uncategorized_text).toContain(`Amount: $48.00`);
    expect((update!.params.metadata as Record<string, string>).handoff_order_id).toBeTruthy();
    const [order] = await app.query<{ evidenceSubmittedAt: unknown }>('SELECT "evidenceSubmittedAt" FROM "Order" WHERE "stripeCheckoutSessionId" = ?', session.id);
    expect(order!.evidenceSubmittedAt).not.toBeNull();

    const [alert] = await eventually(async () => (sellerAlerts().length ? sellerAlerts() : null), "seller alert");
    expect(alert!.subject).toMatch(/A payment dispute was opened: respond by/);
    expect(alert!.html).toContain(`https://dashboard.stripe.com/test/disputes/${du.id}`);
    expect(alert!.text).toContain("staged it on the dispute without submitting it");

    // Stripe delivers it again: nothing more is staged or sent.
    await send(app, createdEvent(du));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stripe.disputeUpdates).toHaveLength(1);
    expect(sellerAlerts()).toHaveLength(1);

    await send(app, closedEvent(du, "won"));
    const restored = (await orderState(app, session.id))!;
    expect(restored).toMatchObject({ status: "paid", disputeStatus: "won" });
    expect(restored.entitlements.every((entitlement) => !entitlement.isRevoked)).toBe(true);
    expect((await download(guideLink)).status).toBe(200);
  });

  it("keeps access revoked when the dispute is lost, and says so", async () => {
    const session = paidSession();
    await send(app, completed(session));
    const du = opened(session);
    await send(app, createdEvent(du));
    await send(app, closedEvent(du, "lost"));
    const state = (await orderState(app, session.id))!;
    expect(state).toMatchObject({ status: "disputed", disputeStatus: "lost", entitlements: [{ revokedReason: "disputed", isRevoked: true }] });
    const refused = await download(await downloadLink(app, state.entitlements[0]!.id));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain("The bank reversed the payment for this order after a dispute");
  });

  it("applies a dispute that arrives before its order once the order appears", async () => {
    const session = paidSession();
    const du = opened(session);
    expect(await send(app, createdEvent(du))).toBe("waiting");
    await send(app, completed(session));
    await eventually(async () => (await orderState(app, session.id))?.status === "disputed", "dispute applied after the order appeared", 10_000);
    await eventually(() => stripe.disputeUpdates.some((update) => update.id === du.id), "evidence staged");
  });

  it("changes nothing when a dispute's won closing arrives before its opening", async () => {
    const session = paidSession();
    await send(app, completed(session));
    const du = opened(session);
    await send(app, closedEvent(du, "won"));
    await send(app, createdEvent(du));
    const state = (await orderState(app, session.id))!;
    expect(state).toMatchObject({ status: "paid", disputeStatus: "won", entitlements: [{ isRevoked: false }] });
    expect(stripe.disputeUpdates.some((update) => update.id === du.id)).toBe(false);
  });

  it("ends refunded when a disputed order is refunded, and a dispute won later gives nothing back", async () => {
    const session = paidSession();
    await send(app, completed(session));
    const du = opened(session);
    await send(app, createdEvent(du));
    await send(app, makeEvent({ id: du.charge, object: "charge", amount: 1900, amount_refunded: 1900, refunded: true, payment_intent: session.payment_intent }, { type: "charge.refunded" }));
    await send(app, closedEvent(du, "won"));
    const state = (await orderState(app, session.id))!;
    expect(state).toMatchObject({ status: "refunded", entitlements: [{ revokedReason: "refunded", isRevoked: true }] });
  });

  it("still tells the seller when Stripe refuses the evidence", async () => {
    const session = paidSession();
    await send(app, completed(session));
    stripe.failNext(1, 400);
    const du = opened(session);
    expect(await send(app, createdEvent(du))).toBe("processed");
    const [alert] = await eventually(async () => (alertsAbout(session.customer_details.email).length ? alertsAbout(session.customer_details.email) : null), "seller alert");
    expect(alert!.text).toContain("could not stage evidence on the dispute");
    expect((await orderState(app, session.id))!.status).toBe("disputed");
  });

  it("tells the seller when a delivery email finally fails", async () => {
    // Resend refuses every send to this address, as it does an invalid one, alone or in a batch.
    resend.failNextTo("bounce@example.invalid", 10, 422);
    const session = paidSession({ customer_details: { email: "bounce@example.invalid" } });
    await send(app, completed(session));
    const [alert] = await eventually(async () => (alertsAbout("bounce@example.invalid").length ? alertsAbout("bounce@example.invalid") : null), "delivery failure alert");
    expect(alert!.subject).toContain("An email to bounce@example.invalid could not be delivered");
    const [message] = await app.query<{ status: string }>('SELECT m.status FROM "OutboxMessage" m JOIN "Order" o ON o.id = m."orderId" WHERE o."stripeCheckoutSessionId" = ? AND m.kind = ?', session.id, "order_delivered");
    expect(message!.status).toBe("failed");
  });
});

describe("with DISPUTE_EVIDENCE=off", () => {
  let quiet: TestApp;
  beforeAll(async () => {
    quiet = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url, env: { SELLER_EMAIL: SELLER, DISPUTE_EVIDENCE: "off" } });
  });
  afterAll(async () => {
    await quiet?.stop();
  });

  it("stages no evidence but still suspends access and tells the seller", async () => {
    const session = paidSession();
    await send(quiet, completed(session));
    const updates = stripe.disputeUpdates.length;
    const du = opened(session);
    await send(quiet, createdEvent(du));
    expect((await orderState(quiet, session.id))!.status).toBe("disputed");
    const [alert] = await eventually(async () => (alertsAbout(session.customer_details.email).length ? alertsAbout(session.customer_details.email) : null), "seller alert");
    expect(alert!.text).toContain("Drafting evidence is turned off (DISPUTE_EVIDENCE=off)");
    expect(stripe.disputeUpdates).toHaveLength(updates);
  });
});
