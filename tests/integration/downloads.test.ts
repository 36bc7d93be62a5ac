// Downloads over HTTP: full file, HEAD, Range (206/416), RFC 6266 names, and every kind of refused link.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, defaultCatalog, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { checkoutSession, makeEvent, postEvent } from "../support/stripe-events";
import { signTestDownloadToken } from "../support/download-tokens";

let app: TestApp;
let resend: ResendDouble;
const zip = crypto.randomBytes(300_000);
const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), crypto.randomBytes(50_000)]);

beforeAll(async () => {
  resend = await startResendDouble();
  app = await startTestApp({
    resendBaseUrl: resend.url,
    files: { "field-guide/guide.pdf": pdf, "focus-timer/Focus Timer – Édition Spéciale.zip": zip },
  });
});

afterAll(async () => {
  await app?.stop();
  await resend?.close();
});

async function buy(product: string, email: string): Promise<string[]> {
  const before = resend.emails.length;
  await postEvent(app.url, makeEvent(checkoutSession({ metadata: { product }, customer_details: { email } })), { secret: app.webhookSecret });
  const emails = await resend.waitForEmails(before + 1);
  const mail = emails.find((candidate) => candidate.to === email)!;
  return [...mail.html.matchAll(/href="([^"]*\/download\/[^"]+)"/g)].map((match) => match[1]!);
}

describe("a bought file", () => {
  it("downloads whole, with an RFC 6266 name for spaces and accents", async () => {
    const [link] = await buy("focus-timer", "accents@example.com");
    const response = await fetch(link!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-length")).toBe(String(zip.length));
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="Focus Timer _ Edition Speciale.zip"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe("Focus Timer – Édition Spéciale.zip");
    expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), zip)).toBe(0);
  });

  it("answers HEAD with headers and no body, and serves ranges with 206 or 416", async () => {
    const [link] = await buy("focus-timer", "ranges@example.com");
    const head = await fetch(link!, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(zip.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);

    const partial = await fetch(link!, { headers: { Range: "bytes=100-199" } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe(`bytes 100-199/${zip.length}`);
    expect(partial.headers.get("content-length")).toBe("100");
    expect(Buffer.compare(Buffer.from(await partial.arrayBuffer()), zip.subarray(100, 200))).toBe(0);

    const suffix = await fetch(link!, { headers: { Range: "bytes=-10" } });
    expect(suffix.status).toBe(206);
    expect(Buffer.compare(Buffer.from(await suffix.arrayBuffer()), zip.subarray(zip.length - 10))).toBe(0);

    const beyond = await fetch(link!, { headers: { Range: `bytes=${zip.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${zip.length}`);
  });

  it("logs every access with its outcome", async () => {
    const [link] = await buy("field-guide", "logged@example.com");
    await (await fetch(link!)).arrayBuffer();
    await fetch(link!, { method: "HEAD" });
    const rows = await app.query<{ outcome: string; counted: number | boolean; method: string }>(
      'SELECT d.outcome, d.counted, d.method FROM "DownloadEvent" d JOIN "Entitlement" e ON e.id = d."entitlementId" JOIN "Order" o ON o.id = e."orderId" WHERE o.email = ? ORDER BY d.at',
      "logged@example.com",
    );
    expect(rows.map((row) => [row.method, row.outcome, Boolean(row.counted)])).toEqual([
      ["GET", "served", true],
      ["HEAD", "head", false],
    ]);
  });
});

describe("refused links", () => {
  async function expectRefusal(url: string, status: number, words: RegExp) {
    const response = await fetch(url);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toMatch(words);
    expect(html).toContain("/portal");
    expect(html).not.toContain("%PDF");
    expect(html).not.toMatch(/at \w+ \(|Error:/); // no stack trace
  }

  it("refuses a tampered token", async () => {
    const [link] = await buy("field-guide", "tamper@example.com");
    const [head, payload, signature] = link!.split("/download/")[1]!.split(".");
    const forged = Buffer.from(payload!, "base64url").toString().replace(/"f":0/, '"f":1');
    await expectRefusal(`${app.url}/download/${head}.${Buffer.from(forged).toString("base64url")}.${signature}`, 403, /not valid/);
    await expectRefusal(`${link!.slice(0, -3)}abc`, 403, /not valid/);
    await expectRefusal(`${app.url}/download/junk`, 403, /not valid/);
  });

  it("refuses an expired token and says how to get a fresh one", async () => {
    await buy("field-guide", "expired@example.com");
    const [entitlement] = await app.query<{ id: string }>('SELECT e.id FROM "Entitlement" e JOIN "Order" o ON o.id = e."orderId" WHERE o.email = ?', "expired@example.com");
    const token = await signTestDownloadToken({ secret: app.env.AUTH_SECRET!, entitlementId: entitlement!.id, fileIndex: 0, expiresAt: new Date(Date.now() - 60_000) });
    await expectRefusal(`${app.url}/download/${token}`, 410, /expired/);
    const fresh = await signTestDownloadToken({ secret: app.env.AUTH_SECRET!, entitlementId: entitlement!.id, fileIndex: 0, expiresAt: new Date(Date.now() + 60_000) });
    expect((await fetch(`${app.url}/download/${fresh}`)).status).toBe(200);
  });

  it("refuses a token for a revoked entitlement, with no bytes", async () => {
    const [link] = await buy("field-guide", "revoked@example.com");
    await app.query(
      `UPDATE "Entitlement" SET "revokedAt" = ?, "revokedReason" = 'refunded' WHERE "orderId" IN (SELECT id FROM "Order" WHERE email = ?)`,
      new Date(),
      "revoked@example.com",
    );
    await expectRefusal(link!, 403, /refunded/);
  });

  it("never serves a path outside storage, even from a signed token", async () => {
    expect(defaultCatalog.products[0]!.files[0]!.path).not.toContain("..");
    await buy("field-guide", "escape@example.com");
    const [entitlement] = await app.query<{ id: string }>('SELECT e.id FROM "Entitlement" e JOIN "Order" o ON o.id = e."orderId" WHERE o.email = ?', "escape@example.com");
    await app.query(`UPDATE "Entitlement" SET files = ? WHERE id = ?`, JSON.stringify([{ path: "../catalog.json", name: "x.json" }]), entitlement!.id);
    const token = await signTestDownloadToken({ secret: app.env.AUTH_SECRET!, entitlementId: entitlement!.id, fileIndex: 0, expiresAt: new Date(Date.now() + 60_000) });
    const response = await fetch(`${app.url}/download/${token}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("products");
  });
});
