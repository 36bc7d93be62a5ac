// Files of several GB from local storage: streamed to the buyer, never read whole into memory.
// The file is sparse (no disk space used) with a marker written past the 4 GiB mark.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { checkoutSession, makeEvent, postEvent } from "../support/stripe-events";

const SIZE = 5 * 1024 ** 3 + 123; // 5 GiB and a little, so no length fits in 32 bits
const MARKER = Buffer.from("the far end of a very large file");

let app: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;
let link: string;

const catalog = {
  products: [
    { slug: "archive", name: "The Archive", description: "Everything.", price: { amount: 9900, currency: "usd" }, files: [{ path: "archive/archive.iso", name: "archive.iso" }], downloadLimit: 3, linkTtlHours: 24 },
  ],
};

/** The HTTP server's peak resident memory. */
function serverPeakRssBytes(): number {
  const status = fs.readFileSync(`/proc/${app.serverPid()}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

beforeAll(async () => {
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
  app = await startTestApp({ catalog, files: { "archive/archive.iso": "" }, resendBaseUrl: resend.url, stripeApiBase: stripe.url });
  const file = path.join(app.dir, "storage", "archive", "archive.iso");
  fs.truncateSync(file, SIZE);
  const handle = fs.openSync(file, "r+");
  fs.writeSync(handle, MARKER, 0, MARKER.length, SIZE - MARKER.length);
  fs.closeSync(handle);
  await postEvent(app.url, makeEvent(checkoutSession({ metadata: { product: "archive" }, customer_details: { email: "big@example.com" } })), { secret: app.webhookSecret });
  const [email] = await resend.waitForEmails(1);
  link = /href="([^"]*\/download\/[^"]+)"/.exec(email!.html)![1]!.replace(/&amp;/g, "&");
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([resend?.close(), stripe?.close()]);
});

describe("a file of several GB in local storage", () => {
  it("answers HEAD with its full length", async () => {
    const response = await fetch(link, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(SIZE));
  });

  it("serves a range past 4 GiB byte for byte", async () => {
    const start = SIZE - MARKER.length;
    const response = await fetch(link, { headers: { Range: `bytes=${start}-` } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes ${start}-${SIZE - 1}/${SIZE}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(MARKER)).toBe(true);
  });

  it("starts streaming at once, without reading the file into memory", async () => {
    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(SIZE));
    // A server that read the file whole would hold 5 GiB before its first byte; one that streams
    // stays near its usual size. The first 256 MB make the point without the wait for all of it.
    let received = 0;
    const reader = response.body!.getReader();
    while (received < 256 * 1024 ** 2) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.length;
    }
    await reader.cancel();
    expect(received).toBeGreaterThanOrEqual(256 * 1024 ** 2);
    expect(serverPeakRssBytes()).toBeLessThan(1024 ** 3);
  });
});
