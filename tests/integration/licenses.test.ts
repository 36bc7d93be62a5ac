// The License API over HTTP: activation limits (also under concurrency), Lemon Squeezy's shapes
// field by field, revoked and expired keys, and answers that never reveal whether a key exists.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, defaultCatalog, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { buyProduct } from "../support/buy-product";
import { callLicenseApi, expectInstanceShape, expectLicenseKeyShape, expectMetaShape, newSigningKey, nextIp, topLevelKeys } from "../support/license-api";

let app: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;
const zip = crypto.randomBytes(2000);

beforeAll(async () => {
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
  app = await startTestApp({
    resendBaseUrl: resend.url,
    stripeApiBase: stripe.url,
    env: { LICENSE_SIGNING_KEY: newSigningKey().privateBase64, LICENSE_RATE_LIMIT_PER_KEY: "25", LICENSE_RATE_LIMIT_PER_IP: "60" },
    catalog: {
      products: [
        ...defaultCatalog.products,
        { slug: "site-license", name: "Site License", stripePriceId: "price_site", files: [{ path: "focus-timer/app.zip", name: "app.zip" }], licenseKeys: {} },
      ],
    },
    files: { "field-guide/guide.pdf": Buffer.from("%PDF-1.4\n"), "focus-timer/Focus Timer – Édition Spéciale.zip": zip, "focus-timer/app.zip": zip },
  });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([resend?.close(), stripe?.close()]);
});

async function buyKey(email: string, product = "focus-timer"): Promise<string> {
  const { licenseKey } = await buyProduct(app, resend, { product, email });
  expect(licenseKey).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{5}(-[ACDEFGHJKMNPQRTUVWXY34679]{5}){3}$/);
  return licenseKey!;
}

const activate = (key: string, name: string, options = {}) => callLicenseApi(app.url, "activate", { license_key: key, instance_name: name }, options);
const validate = (key: string, instanceId?: string, options = {}) => callLicenseApi(app.url, "validate", { license_key: key, instance_id: instanceId }, options);
const deactivate = (key: string, instanceId: string, options = {}) => callLicenseApi(app.url, "deactivate", { license_key: key, instance_id: instanceId }, options);

describe("a license key", () => {
  it("is issued in a readable format and shown in the email and on the thanks page", async () => {
    const { licenseKey, email, sessionId } = await buyProduct(app, resend, { product: "focus-timer", email: "shown@example.com" });
    expect(email.html).toContain(licenseKey!);
    expect(email.text).toContain(licenseKey!);
    stripe.putSession({ id: sessionId, metadata: { product: "focus-timer" }, customer_details: { email: "shown@example.com" } });
    expect(await (await fetch(`${app.url}/thanks?session_id=${sessionId}`)).text()).toContain(licenseKey!);
  });

  it("activates up to the limit, refuses one more, and a deactivation frees a slot", async () => {
    const key = await buyKey("limit@example.com");
    const instances: string[] = [];
    for (const [index, name] of ["Desk", "Laptop", "Studio"].entries()) {
      const answer = await activate(key, name);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ activated: true, error: null, code: "ACTIVATED" });
      expect(answer.body.license_key).toMatchObject({ activation_usage: index + 1, activation_limit: 3, status: "active" });
      instances.push(answer.body.instance.id);
    }
    const refused = await activate(key, "Fourth");
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ activated: false, code: "ACTIVATION_LIMIT_REACHED", instance: null });
    expect(refused.body.error).toMatch(/already active on 3 of 3 devices.*Deactivate/);
    expect(refused.body.license_key.activation_usage).toBe(3);

    const freed = await deactivate(key, instances[1]!);
    expect(freed.status).toBe(200);
    expect(freed.body).toMatchObject({ deactivated: true, error: null, code: "DEACTIVATED" });
    expect(freed.body.license_key.activation_usage).toBe(2);
    const again = await deactivate(key, instances[1]!);
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ deactivated: false, code: "INSTANCE_NOT_FOUND" });

    const gone = await validate(key, instances[1]!);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ valid: false, code: "INSTANCE_NOT_FOUND", instance: null });
    expect((await validate(key, instances[0]!)).body).toMatchObject({ valid: true, code: "VALID" });

    const fourth = await activate(key, "Fourth");
    expect(fourth.body).toMatchObject({ activated: true, code: "ACTIVATED" });
    expect(fourth.body.license_key.activation_usage).toBe(3);
  });

  it("never passes the limit under 20 concurrent activations", async () => {
    const key = await buyKey("race@example.com");
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => activate(key, `Machine ${index}`)));
    expect(answers.filter((answer) => answer.body.code === "ACTIVATED")).toHaveLength(3);
    const refused = answers.filter((answer) => answer.body.code === "ACTIVATION_LIMIT_REACHED");
    expect(refused).toHaveLength(17);
    for (const answer of refused) expect(answer.status).toBe(400);
    const [row] = await app.query<{ activationUsage: number; active: number }>(
      'SELECT k."activationUsage", (SELECT COUNT(*) FROM "LicenseActivation" a WHERE a."licenseKeyId" = k.id AND a."deactivatedAt" IS NULL) AS active FROM "LicenseKey" k WHERE k.key = ?',
      key,
    );
    expect(Number(row!.activationUsage)).toBe(3);
    expect(Number(row!.active)).toBe(3);
  });

  it("has no limit when the product sets none", async () => {
    const key = await buyKey("site@example.com", "site-license");
    for (let index = 0; index < 5; index += 1) expect((await activate(key, `Site ${index}`)).body.code).toBe("ACTIVATED");
    expect((await validate(key)).body.license_key).toMatchObject({ activation_limit: null, activation_usage: 5 });
  });
});

describe("answers", () => {
  it("have Lemon Squeezy's shapes, field by field, for every body type and both paths", async () => {
    const key = await buyKey("shapes@example.com");
    const expectedMeta = { productName: "Focus Timer", email: "shapes@example.com" };
    const variants = [
      { type: "form", prefix: "/api" },
      { type: "json", prefix: "/api/v1" },
      { type: "jsonapi", prefix: "/api/v1" },
    ] as const;
    for (const [index, options] of variants.entries()) {
      const activated = await activate(key, `Box ${index}`, options);
      expect(activated.status).toBe(200);
      expect(Object.keys(activated.body)).toEqual(topLevelKeys.activate);
      expect(activated.body.activated).toBe(true);
      expect(activated.body.error).toBeNull();
      expectLicenseKeyShape(activated.body.license_key, { key, limit: 3, usage: 1, status: "active" });
      expectInstanceShape(activated.body.instance, `Box ${index}`);
      expectMetaShape(activated.body.meta, expectedMeta);
      expect(typeof activated.body.license_certificate).toBe("string");

      const instanceId = activated.body.instance.id;
      const valid = await validate(key, instanceId, options);
      expect(valid.status).toBe(200);
      expect(Object.keys(valid.body)).toEqual(topLevelKeys.validate);
      expect(valid.body).toMatchObject({ valid: true, error: null, code: "VALID" });
      expectLicenseKeyShape(valid.body.license_key, { key, limit: 3, usage: 1, status: "active" });
      expectInstanceShape(valid.body.instance, `Box ${index}`);
      expect(valid.body.instance.id).toBe(instanceId);
      expectMetaShape(valid.body.meta, expectedMeta);

      const keyOnly = await validate(key, undefined, options);
      expect(keyOnly.body).toMatchObject({ valid: true, code: "VALID", instance: null, license_certificate: null });

      const deactivated = await deactivate(key, instanceId, options);
      expect(deactivated.status).toBe(200);
      expect(Object.keys(deactivated.body)).toEqual(topLevelKeys.deactivate);
      expect(deactivated.body).toMatchObject({ deactivated: true, error: null, code: "DEACTIVATED" });
      expectLicenseKeyShape(deactivated.body.license_key, { key, limit: 3, usage: 0, status: "inactive" });
      expectMetaShape(deactivated.body.meta, expectedMeta);
    }
    const ids = new Set<number>();
    for (let index = 0; index < 2; index += 1) ids.add((await validate(key)).body.license_key.id);
    expect(ids.size).toBe(1); // a stable id
  });

  it("say only 'invalid' for a wrong key, whatever its shape, on every action", async () => {
    const real = await buyKey("oracle@example.com");
    const wrongs = ["AAAAA-AAAAA-AAAAA-AAAAA", real.replace(/^./, (c) => (c === "A" ? "C" : "A")), "not-a-key", "x".repeat(150)];
    const bodies = new Set<string>();
    for (const wrong of wrongs) {
      for (const answer of [await activate(wrong, "Desk"), await validate(wrong), await deactivate(wrong, crypto.randomUUID())]) {
        expect(answer.status).toBe(404);
        expect(answer.body.code).toBe("NOT_FOUND");
        expect(answer.body.error).toMatch(/not valid/);
        expect(answer.body.license_key).toBeNull();
        expect(answer.body.meta).toBeNull();
        bodies.add(JSON.stringify(answer.body));
      }
    }
    expect(bodies.size).toBe(3); // one answer per action, the same for every wrong key
    // What people paste still works: lower case, spaces instead of dashes.
    expect((await validate(` ${real.toLowerCase().replace(/-/g, " ")} `)).body.code).toBe("VALID");
  });

  it("name a missing field with 422, and never trust an instance of another key", async () => {
    const [first, second] = [await buyKey("fields-a@example.com"), await buyKey("fields-b@example.com")];
    const missing = await callLicenseApi(app.url, "activate", { license_key: first });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ activated: false, code: "INVALID_REQUEST" });
    expect(missing.body.error).toMatch(/instance_name is required/);
    expect((await callLicenseApi(app.url, "deactivate", { license_key: first })).body.error).toMatch(/instance_id is required/);
    const broken = await fetch(`${app.url}/api/licenses/validate`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": nextIp() }, body: "{nope" });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ valid: false, code: "INVALID_REQUEST" });

    const theirs = (await activate(second, "Theirs")).body.instance.id;
    expect((await validate(first, theirs)).body.code).toBe("INSTANCE_NOT_FOUND");
    expect((await deactivate(first, theirs)).body.code).toBe("INSTANCE_NOT_FOUND");
    expect((await validate(second, theirs)).body.code).toBe("VALID");
  });
});

describe("a key that may no longer be used", () => {
  async function setOrder(email: string, status: string, revokedReason: string | null, disputeStatus: string | null = null) {
    await app.query('UPDATE "Order" SET status = ?, "disputeStatus" = ? WHERE email = ?', status, disputeStatus, email);
    await app.query('UPDATE "Entitlement" SET "revokedAt" = ?, "revokedReason" = ? WHERE "orderId" IN (SELECT id FROM "Order" WHERE email = ?)', revokedReason ? new Date() : null, revokedReason, email);
  }

  it("is invalid with a clear error once its purchase is refunded", async () => {
    const key = await buyKey("refunded@example.com");
    const instanceId = (await activate(key, "Desk")).body.instance.id;
    await setOrder("refunded@example.com", "refunded", "refunded");
    const answer = await validate(key, instanceId);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ valid: false, code: "REVOKED", license_certificate: null });
    expect(answer.body.error).toMatch(/revoked because its purchase was refunded/);
    expect(answer.body.license_key.status).toBe("disabled");
    const again = await activate(key, "Laptop");
    expect(again.body).toMatchObject({ activated: false, code: "REVOKED", instance: null });
  });

  it("is suspended during a dispute, revoked when it is lost, and valid again when won", async () => {
    const key = await buyKey("disputed@example.com");
    await setOrder("disputed@example.com", "disputed", "disputed", "needs_response");
    expect((await validate(key)).body).toMatchObject({ valid: false, code: "SUSPENDED" });
    expect((await activate(key, "Desk")).body.code).toBe("SUSPENDED");
    await setOrder("disputed@example.com", "disputed", "disputed", "lost");
    expect((await validate(key)).body.code).toBe("REVOKED");
    await setOrder("disputed@example.com", "paid", null, "won");
    expect((await validate(key)).body).toMatchObject({ valid: true, code: "VALID" });
  });

  it("is expired after its expiry date", async () => {
    const key = await buyKey("expired@example.com");
    await app.query('UPDATE "LicenseKey" SET "expiresAt" = ? WHERE key = ?', new Date(Date.now() - 60_000), key);
    const answer = await validate(key);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ valid: false, code: "EXPIRED" });
    expect(answer.body.license_key.status).toBe("expired");
    expect((await activate(key, "Desk")).body.code).toBe("EXPIRED");
  });
});

describe("rate limits", () => {
  it("limit each key, known or not, across addresses", async () => {
    const unknown = "CCCCC-DDDDD-EEEEE-FFFFF";
    for (let index = 0; index < 25; index += 1) expect((await validate(unknown)).body.code).toBe("NOT_FOUND");
    const limited = await validate(unknown);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ valid: false, code: "RATE_LIMITED", license_key: null });
    expect(limited.body.error).toMatch(/Try again in \d+ seconds/);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("limit each address, whatever the key", async () => {
    const ip = nextIp();
    for (let index = 0; index < 60; index += 1) expect((await validate(crypto.randomUUID(), undefined, { ip })).status).toBe(404);
    const limited = await validate("KKKKK-MMMMM-NNNNN-PPPPP", undefined, { ip });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe("RATE_LIMITED");
    expect((await validate("KKKKK-MMMMM-NNNNN-PPPPP")).status).toBe(404); // another address is not affected
  });
});
