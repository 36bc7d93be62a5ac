// Helpers for money-event tests: post a signed event and wait until it is handled, read an order's
// state, and mint a download link for an entitlement (signed with the app's own secret).
import { expect } from "vitest";
import { signTestDownloadToken } from "./download-tokens";
import { eventually, type TestApp } from "./test-app";
import { charge, checkoutSession, makeEvent, postEvent } from "./stripe-events";

export type Session = ReturnType<typeof checkoutSession>;

/** Posts the event and waits until the app has handled it: processed, ignored, or waiting for its order. */
export async function send(app: TestApp, event: { id: string }): Promise<string> {
  const response = await postEvent(app.url, event, { secret: app.webhookSecret });
  expect(response.status).toBe(200);
  return eventually(async () => {
    const [row] = await app.query<{ status: string }>('SELECT status FROM "StripeEvent" WHERE id = ?', event.id);
    return row && ["processed", "ignored", "waiting"].includes(row.status) ? row.status : null;
  }, `event ${event.id} handled`);
}

export const completed = (session: Session) => makeEvent(session, { type: "checkout.session.completed" });
export const asyncSucceeded = (session: Session) => makeEvent({ ...session, payment_status: "paid" }, { type: "checkout.session.async_payment_succeeded" });
export const asyncFailed = (session: Session) => makeEvent({ ...session, payment_status: "unpaid" }, { type: "checkout.session.async_payment_failed" });

/** charge.refunded for the session's payment intent: in full unless `amountRefunded` says less. */
export function refunded(session: Session, amountRefunded = session.amount_total, chargeObject?: Record<string, unknown>) {
  const object = chargeObject ?? charge({ payment_intent: session.payment_intent, amount: session.amount_total, amount_refunded: amountRefunded, refunded: amountRefunded >= session.amount_total });
  return makeEvent(object, { type: "charge.refunded" });
}

export type OrderState = {
  status: string;
  amountRefunded: number;
  disputeStatus: string | null;
  entitlements: Array<{ id: string; productSlug: string; revokedReason: string | null; isRevoked: boolean }>;
};

export async function orderState(app: TestApp, sessionId: string): Promise<OrderState | null> {
  const [order] = await app.query<{ id: string; status: string; amountRefunded: number; disputeStatus: string | null }>(
    'SELECT id, status, "amountRefunded", "disputeStatus" FROM "Order" WHERE "stripeCheckoutSessionId" = ?',
    sessionId,
  );
  if (!order) return null;
  const entitlements = await app.query<{ id: string; productSlug: string; revokedReason: string | null; revokedAt: unknown }>(
    'SELECT id, "productSlug", "revokedReason", "revokedAt" FROM "Entitlement" WHERE "orderId" = ? ORDER BY "productSlug"',
    order.id,
  );
  return {
    status: order.status,
    amountRefunded: Number(order.amountRefunded),
    disputeStatus: order.disputeStatus,
    entitlements: entitlements.map((row) => ({ id: row.id, productSlug: row.productSlug, revokedReason: row.revokedReason, isRevoked: row.revokedAt !== null })),
  };
}

/** A fresh download link for the first file of an entitlement, as the app itself would mint it. */
export async function downloadLink(app: TestApp, entitlementId: string): Promise<string> {
  const token = await signTestDownloadToken({ entitlementId, fileIndex: 0, expiresAt: new Date(Date.now() + 3_600_000), secret: app.env.AUTH_SECRET! });
  return `${app.url}/download/${token}`;
}

/** GETs the link as a buyer at `ip` would; returns the status and the page's words (or the byte count). */
export async function download(url: string, ip = "203.0.113.5"): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { headers: { "x-forwarded-for": ip, "user-agent": "MoneyTest/1.0" } });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, text: response.status === 200 ? `${body.length} bytes` : body.toString("utf8") };
}

export function linksIn(html: string): string[] {
  return [...html.matchAll(/href="([^"]*\/download\/[^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&"));
}
