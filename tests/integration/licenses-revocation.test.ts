// License keys and Stripe's money events, end to end: a refund revokes the key, a dispute suspends it,
// a dispute won gives it back and a lost one revokes it, each seen by the License API at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { checkoutSession, dispute, makeEvent } from "../support/stripe-events";
import { completed, refunded, send, type Session } from "../support/money-events";
import { callLicenseApi } from "../support/license-api";

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

let buyers = 0;
/** A paid Focus Timer order through the webhook, and its license key activated on one device. */
async function licensedPurchase(): Promise<{ session: Session; key: string; instanceId: string }> {
  buyers += 1;
  const session = checkoutSession({ customer_details: { email: `revocation-${buyers}@example.com` }, metadata: { product: "focus-timer" }, amount_total: 2900 });
  stripe.putSession(session as never);
  expect(await send(app, completed(session))).toBe("processed");
  const [row] = await app.query<{ key: string }>(
    'SELECT k.key FROM "LicenseKey" k JOIN "Entitlement" e ON e.id = k."entitlementId" JOIN "Order" o ON o.id = e."orderId" WHERE o."stripeCheckoutSessionId" = ?',
    session.id,
  );
  const activated = await callLicenseApi(app.url, "activate", { license_key: row!.key, instance_name: "Desk" });
  expect(activated.body.code).toBe("ACTIVATED");
  return { session, key: row!.key, instanceId: activated.body.instance.id };
}

const validate = (key: string, instanceId?: string) => callLicenseApi(app.url, "validate", { license_key: key, instance_id: instanceId });

describe("a license key and the money behind it", () => {
  it("is revoked by a full refund: invalid with a clear error, and no new activation", async () => {
    const { session, key, instanceId } = await licensedPurchase();
    expect(await send(app, refunded(session))).toBe("processed");
    const answer = await validate(key, instanceId);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ valid: false, code: "REVOKED", license_key: { status: "disabled" } });
    expect(answer.body.error).toBe(
      "This license key was revoked because its purchase was refunded. Buy the product again to get a new key, or write to the seller if you think this is a mistake.",
    );
    expect((await callLicenseApi(app.url, "activate", { license_key: key, instance_name: "Laptop" })).body.code).toBe("REVOKED");
  });

  it("keeps working after a partial refund of a product that does not revoke on one", async () => {
    const { session, key, instanceId } = await licensedPurchase();
    expect(await send(app, refunded(session, 500))).toBe("processed");
    expect((await validate(key, instanceId)).body).toMatchObject({ valid: true, code: "VALID" });
  });

  it("is suspended while a dispute is open, valid again when it is won", async () => {
    const { session, key, instanceId } = await licensedPurchase();
    const du = dispute({ payment_intent: session.payment_intent, amount: 2900 });
    expect(await send(app, makeEvent(du, { type: "charge.dispute.created" }))).toBe("processed");
    const suspended = await validate(key, instanceId);
    expect(suspended.body).toMatchObject({ valid: false, code: "SUSPENDED", license_key: { status: "disabled" } });
    expect(suspended.body.error).toMatch(/suspended while a payment dispute/);
    expect(await send(app, makeEvent({ ...du, status: "won" }, { type: "charge.dispute.closed" }))).toBe("processed");
    expect((await validate(key, instanceId)).body).toMatchObject({ valid: true, code: "VALID", license_key: { status: "active" } });
  });

  it("is revoked when a dispute is lost", async () => {
    const { session, key } = await licensedPurchase();
    const du = dispute({ payment_intent: session.payment_intent, amount: 2900 });
    await send(app, makeEvent(du, { type: "charge.dispute.created" }));
    expect(await send(app, makeEvent({ ...du, status: "lost" }, { type: "charge.dispute.closed" }))).toBe("processed");
    const answer = await validate(key);
    expect(answer.body).toMatchObject({ valid: false, code: "REVOKED" });
    expect(answer.body.error).toMatch(/revoked after a payment dispute/);
  });
});
