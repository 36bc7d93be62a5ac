// Who gets into the dashboard over HTTP: only a signed-in address in ADMIN_EMAILS; a buyer or a
// stranger gets 404 on every admin page and API (a stranger's page visit: the sign-in page), never
// data; and a form posted from another site changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, eventually, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { adminClient } from "../support/admin-client";

let app: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;
let client: ReturnType<typeof adminClient>;
let orderId: string;
let entitlementId: string;
let messageId: string;
let adminCookie: string;
let buyerCookie: string;

const buyer = "buyer-access@example.com";

beforeAll(async () => {
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
  app = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url, env: { ADMIN_EMAILS: "Owner@Example.com, second-admin@example.com" } });
  client = adminClient(app, resend);
  orderId = await client.seedOrder(buyer);
  entitlementId = (await app.query<{ id: string }>('SELECT id FROM "Entitlement" WHERE "orderId" = ?', orderId))[0]!.id;
  const sent = await eventually(async () => (await app.query<{ id: string }>('SELECT id FROM "OutboxMessage" WHERE "orderId" = ? AND status = ?', orderId, "sent"))[0], "delivery sent");
  messageId = sent.id;
  // The buyer's session is a real one (the portal works for them); only the dashboard is closed.
  buyerCookie = await client.signIn(buyer);
  adminCookie = await client.signIn("OWNER@example.com");
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([resend?.close(), stripe?.close()]);
});

const pages = () => ["/admin", "/admin/orders", `/admin/orders?q=${encodeURIComponent(buyer)}`, `/admin/orders/${orderId}`, "/admin/deliveries", "/admin/audit"];
const reads = () => ["/api/admin/overview", "/api/admin/orders", `/api/admin/orders?q=${buyer}`, `/api/admin/orders/${orderId}`, "/api/admin/orders/export", "/api/admin/outbox", "/api/admin/audit"];
const actions = (): Array<[string, Record<string, string>]> => [
  [`/api/admin/orders/${orderId}/resend-email`, {}],
  [`/api/admin/orders/${orderId}/fresh-links`, {}],
  [`/api/admin/entitlements/${entitlementId}/reset-downloads`, {}],
  [`/api/admin/entitlements/${entitlementId}/extend-limit`, { add: "5" }],
  [`/api/admin/entitlements/${entitlementId}/revoke`, { reason: "testing the gate" }],
  [`/api/admin/entitlements/${entitlementId}/restore`, { reason: "testing the gate" }],
  [`/api/admin/outbox/${messageId}/retry`, {}],
  ["/api/admin/outbox/retry-all", {}],
  [`/api/admin/orders/${orderId}/no-such-action`, {}],
];

/** Nothing of the order may show; an id the requester put in the URL itself may be echoed. */
function expectNoData(text: string, path: string) {
  expect(text, path).not.toContain(buyer);
  expect(text, path).not.toContain("The Field Guide");
  for (const id of [orderId, entitlementId, messageId]) if (!path.includes(id)) expect(text, path).not.toContain(id);
}

describe("the dashboard's gate", () => {
  it("gives a buyer's session 404 on every admin page, API and action, and changes nothing", async () => {
    const before = await client.snapshot();
    for (const path of [...pages(), ...reads(), ...actions().map(([path]) => path)]) {
      const response = await client.get(path, buyerCookie);
      expect(response.status, `GET ${path}`).toBe(404);
      expectNoData(response.text, path);
    }
    for (const [path, fields] of actions()) {
      for (const json of [false, true]) {
        const response = await client.act(path, fields, { cookie: buyerCookie, json });
        expect(response.status, `POST ${path}`).toBe(404);
        expectNoData(await response.text(), path);
      }
    }
    expect(await client.snapshot()).toEqual(before);
  });

  it("sends a signed-out visitor to the sign-in page from admin pages, and answers 404 on every API", async () => {
    const before = await client.snapshot();
    for (const path of pages()) {
      const response = await client.get(path);
      expect(response.status, `GET ${path}`).toBe(307);
      expect(response.headers.get("location"), path).toBe(`/portal?callbackUrl=${encodeURIComponent(path.split("?")[0]!)}`);
      expectNoData(response.text, path);
    }
    for (const path of [...reads(), ...actions().map(([path]) => path)]) {
      const response = await client.get(path);
      expect(response.status, `GET ${path}`).toBe(404);
      expectNoData(response.text, path);
    }
    for (const [path, fields] of actions()) {
      const response = await client.act(path, fields, { cookie: null });
      expect(response.status, `POST ${path}`).toBe(404);
      expectNoData(await response.text(), path);
    }
    // A forged or stale session cookie is nobody.
    const forged = await client.get("/api/admin/overview", "next-auth.session-token=00000000-0000-0000-0000-000000000000");
    expect(forged.status).toBe(404);
    expect(await client.snapshot()).toEqual(before);
  });

  it("lets an address in ADMIN_EMAILS in, whatever its case, on every page and API", async () => {
    for (const path of pages()) {
      const response = await client.get(path, adminCookie);
      expect(response.status, `GET ${path}`).toBe(200);
      expect(response.visible).toContain("Signed in as owner@example.com");
    }
    for (const path of reads()) {
      const response = await client.get(path, adminCookie);
      expect(response.status, `GET ${path}`).toBe(200);
    }
    expect((await client.get(`/admin/orders/${orderId}`, adminCookie)).text).toContain(buyer);
    expect((await client.get("/admin/orders/no-such-order", adminCookie)).status).toBe(404);
    const search = JSON.parse((await client.get(`/api/admin/orders?q=${buyer}`, adminCookie)).text) as { orders: Array<{ id: string }> };
    expect(search.orders.map((order) => order.id)).toEqual([orderId]);
    // Actions take POST only; an admin is told so, in words.
    const wrongMethod = await client.get(`/api/admin/orders/${orderId}/resend-email`, adminCookie);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.text).toContain("POST only");
  });

  it("refuses an admin's action posted from another site, and changes nothing", async () => {
    const before = await client.snapshot();
    const crossSite = await client.act(`/api/admin/entitlements/${entitlementId}/revoke`, { reason: "forged" }, { cookie: adminCookie, origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain("sent from another site");
    const fetchMetadata = await fetch(`${app.url}/api/admin/outbox/retry-all`, { method: "POST", headers: { cookie: adminCookie, "sec-fetch-site": "cross-site" }, redirect: "manual" });
    expect(fetchMetadata.status).toBe(403);
    expect(await client.snapshot()).toEqual(before);
  });
});
