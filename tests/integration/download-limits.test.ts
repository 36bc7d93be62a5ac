// Download limits over HTTP: exact under concurrency, resumed ranges free, HEAD free, clear refusal, "N of M left".
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, defaultCatalog, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { buyProduct } from "../support/buy-product";

let app: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;
const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), crypto.randomBytes(40_000)]);
const limit = 5;

beforeAll(async () => {
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
  app = await startTestApp({
    resendBaseUrl: resend.url,
    stripeApiBase: stripe.url,
    catalog: {
      products: [
        ...defaultCatalog.products,
        { slug: "unlimited-guide", name: "Unlimited Guide", stripePriceId: "price_unlimited", files: [{ path: "field-guide/guide.pdf", name: "Guide.pdf" }] },
      ],
    },
    files: { "field-guide/guide.pdf": pdf, "focus-timer/Focus Timer – Édition Spéciale.zip": crypto.randomBytes(1000) },
  });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([resend?.close(), stripe?.close()]);
});

async function used(email: string): Promise<number> {
  const [row] = await app.query<{ downloadsUsed: number }>('SELECT e."downloadsUsed" FROM "Entitlement" e JOIN "Order" o ON o.id = e."orderId" WHERE o.email = ?', email);
  return Number(row!.downloadsUsed);
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

describe("a download limit", () => {
  it(`is reached exactly at ${limit} under 20 concurrent requests, and never passed`, async () => {
    const { links } = await buyProduct(app, resend, { product: "field-guide", email: "crowd@example.com" });
    const results = await Promise.all(Array.from({ length: 20 }, () => get(links[0]!)));
    const served = results.filter((result) => result.status === 200);
    expect(served).toHaveLength(limit);
    for (const result of served) expect(Buffer.compare(result.body, pdf)).toBe(0);
    const refused = results.filter((result) => result.status === 403);
    expect(refused).toHaveLength(20 - limit);
    for (const result of refused) expect(result.body.toString()).not.toContain("%PDF");
    expect(await used("crowd@example.com")).toBe(limit);
    const counted = await app.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM "DownloadEvent" d JOIN "Entitlement" e ON e.id = d."entitlementId" JOIN "Order" o ON o.id = e."orderId" WHERE o.email = ? AND d.counted = ?',
      "crowd@example.com",
      true,
    );
    expect(Number(counted[0]!.n)).toBe(limit);
  });

  it("refuses past the limit with a page that says so and how to reach support", async () => {
    const { links } = await buyProduct(app, resend, { product: "field-guide", email: "exhausted@example.com" });
    for (let index = 0; index < limit; index += 1) expect((await get(links[0]!)).status).toBe(200);
    const refusal = await get(links[0]!);
    expect(refusal.status).toBe(403);
    expect(refusal.headers.get("content-type")).toMatch(/text\/html/);
    const html = refusal.body.toString();
    expect(html).toContain("Download limit reached");
    expect(html).toContain(`allows ${limit} downloads and all of them have been used`);
    expect(html).toContain(`0 of ${limit} downloads left`);
    expect(html).toContain("mailto:help@example.com");
    expect(html).toMatch(/write to help@example\.com with your order number/);
    expect(html).not.toMatch(/at \w+ \(|Error:/);
  });

  it("does not count a resumed range within the window, and counts every start from byte 0", async () => {
    const { links } = await buyProduct(app, resend, { product: "field-guide", email: "resume@example.com" });
    const first = await get(links[0]!, { Range: "bytes=0-9999" }); // interrupted after 10 000 bytes
    expect(first.status).toBe(206);
    expect(await used("resume@example.com")).toBe(1);

    const rest = await get(links[0]!, { Range: "bytes=10000-" });
    expect(rest.status).toBe(206);
    expect(Buffer.compare(Buffer.concat([first.body, rest.body]), pdf)).toBe(0);
    expect((await get(links[0]!, { Range: "bytes=20000-29999" })).status).toBe(206);
    expect(await used("resume@example.com")).toBe(1);

    expect((await get(links[0]!)).status).toBe(200); // a new download from the first byte
    expect((await get(links[0]!, { Range: "bytes=0-" })).status).toBe(206);
    expect(await used("resume@example.com")).toBe(3);

    // Past the window, a continuation is a new download: a link passed around still runs out.
    await app.query(
      `UPDATE "DownloadEvent" SET at = ? WHERE "entitlementId" IN (SELECT e.id FROM "Entitlement" e JOIN "Order" o ON o.id = e."orderId" WHERE o.email = ?)`,
      new Date(Date.now() - 31 * 60_000),
      "resume@example.com",
    );
    expect((await get(links[0]!, { Range: "bytes=10000-" })).status).toBe(206);
    expect(await used("resume@example.com")).toBe(4);
  });

  it("lets a download that used the last slot resume, but starts no new one", async () => {
    const { links } = await buyProduct(app, resend, { product: "field-guide", email: "last-slot@example.com" });
    for (let index = 0; index < limit; index += 1) expect((await get(links[0]!, { Range: "bytes=0-99" })).status).toBe(206);
    expect((await get(links[0]!, { Range: "bytes=100-" })).status).toBe(206);
    expect((await get(links[0]!)).status).toBe(403);
    expect(await used("last-slot@example.com")).toBe(limit);
  });

  it("never counts a HEAD request", async () => {
    const { links } = await buyProduct(app, resend, { product: "field-guide", email: "head@example.com" });
    for (let index = 0; index < limit + 2; index += 1) {
      const head = await fetch(links[0]!, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-length")).toBe(String(pdf.length));
    }
    expect(await used("head@example.com")).toBe(0);
    expect((await get(links[0]!)).status).toBe(200);
    expect(await used("head@example.com")).toBe(1);
  });

  it("is absent for a product without downloadLimit: unlimited, and no count shown", async () => {
    const { links, email } = await buyProduct(app, resend, { product: "unlimited-guide", email: "unlimited@example.com" });
    expect(email.html).not.toMatch(/downloads? left/);
    for (let index = 0; index < limit + 3; index += 1) expect((await get(links[0]!)).status).toBe(200);
  });
});

describe("downloads left", () => {
  it("shows N of M downloads left in the email and on the thanks page", async () => {
    const { email, links, sessionId } = await buyProduct(app, resend, { product: "field-guide", email: "count@example.com" });
    expect(email.html).toContain(`${limit} of ${limit} downloads left`);
    expect(email.text).toContain(`${limit} of ${limit} downloads left`);
    await get(links[0]!);
    await get(links[0]!);
    stripe.putSession({ id: sessionId, metadata: { product: "field-guide" }, customer_details: { email: "count@example.com" } });
    const thanks = await fetch(`${app.url}/thanks?session_id=${sessionId}`);
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain(`${limit - 2} of ${limit} downloads left`);
  });
});
