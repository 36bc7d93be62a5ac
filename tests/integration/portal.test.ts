// The customer portal over HTTP: magic link and code sign-in, the library, fresh downloads, resends, limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, eventually, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { mainOf, portalClient } from "../support/portal-client";

let app: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;
let client: ReturnType<typeof portalClient>;

beforeAll(async () => {
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
  app = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url });
  client = portalClient(app, resend);
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([resend?.close(), stripe?.close()]);
});

function hiddenValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`name="${name}" value="([^"]+)"`, "g"))].map((match) => match[1]!);
}

async function setCreatedAt(orderId: string, at: Date) {
  await app.query('UPDATE "Order" SET "createdAt" = ? WHERE id = ?', at, orderId);
}

describe("signing in by magic link", () => {
  it("opens a session whose library holds exactly that buyer's orders, newest first, and a fresh link downloads the file", async () => {
    const older = await client.seedOrder("Reader@Example.COM", "field-guide", 1900);
    const newer = await client.seedOrder("reader@example.com", "focus-timer", 2900);
    const someoneElse = await client.seedOrder("other@example.com", "field-guide", 1900);
    await setCreatedAt(older, new Date("2026-01-10T10:00:00Z"));
    await setCreatedAt(newer, new Date("2026-02-20T10:00:00Z"));

    const delivery = await eventually(() => resend.emails.find((email) => email.to === "reader@example.com" && email.subject.includes("Field Guide")), "delivery email");
    expect(delivery.html).toContain(`href="${app.url}/portal"`);

    const mail = await client.requestLink("  READER@example.com ");
    expect(mail.email.subject).toBe("Sign in to your Handoff Demo Store library");
    expect(mail.verifyUrl.startsWith(`${app.url}/portal/verify?`)).toBe(true);
    expect(mail.email.text).toContain("15 minutes");

    // A mail scanner opening the link twice uses nothing up.
    for (let i = 0; i < 2; i += 1) {
      const opened = await client.page(mail.verifyUrl);
      expect(opened.status).toBe(200);
      expect(opened.html).toContain('action="/portal/sign-in/link"');
      expect(opened.html).toContain(">Continue<");
    }
    expect(await app.query('SELECT token FROM "VerificationToken" WHERE identifier = ?', "reader@example.com")).toHaveLength(1);

    const signedIn = await client.post("/portal/sign-in/link", { token: mail.token, email: "reader@example.com" });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe(`${app.url}/portal`);
    const setCookie = signedIn.headers.getSetCookie().find((cookie) => cookie.startsWith("next-auth.session-token="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/i); // served over http here; https gets Secure (unit-tested)
    const cookie = client.sessionCookie(signedIn)!;

    const library = await client.page("/portal", cookie);
    const main = mainOf(library.html);
    expect(main).toContain("reader@example.com");
    expect(main).toContain(`order-${newer}`);
    expect(main).toContain(`order-${older}`);
    expect(main.indexOf(`order-${newer}`)).toBeLessThan(main.indexOf(`order-${older}`));
    expect(main).not.toContain(someoneElse);
    expect(main).toContain("$29.00");
    expect(main).toContain("$19.00");
    expect(main).toContain("Paid");
    expect(main).toContain("5 of 5 downloads left");
    const [licenseKey] = await app.query<{ key: string }>('SELECT k.key FROM "LicenseKey" k JOIN "Entitlement" e ON e.id = k."entitlementId" WHERE e."orderId" = ?', newer);
    expect(main).toContain(licenseKey!.key);

    const [guide] = await app.query<{ id: string }>('SELECT id FROM "Entitlement" WHERE "orderId" = ?', older);
    expect(hiddenValues(main, "entitlement")).toContain(guide!.id);
    const minted = await client.post("/portal/download", { entitlement: guide!.id, file: "0" }, { cookie });
    expect(minted.status).toBe(303);
    const downloadUrl = minted.headers.get("location")!;
    expect(downloadUrl.startsWith(`${app.url}/download/`)).toBe(true);
    const file = await fetch(downloadUrl);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 8).toString()).toBe("%PDF-1.4");
    expect(mainOf((await client.page("/portal", cookie)).html)).toContain("4 of 5 downloads left");

    // Another buyer's purchase id gets nothing, and neither does a post from another site.
    const [theirs] = await app.query<{ id: string }>('SELECT id FROM "Entitlement" WHERE "orderId" = ?', someoneElse);
    const stolen = await client.post("/portal/download", { entitlement: theirs!.id, file: "0" }, { cookie });
    expect(stolen.status).toBe(404);
    expect(stolen.headers.get("location")).toBeNull();
    expect(await stolen.text()).toContain("find that purchase in your library");
    const forged = await client.post("/portal/download", { entitlement: guide!.id, file: "0" }, { cookie, origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect(forged.headers.get("location")).toBeNull();

    // No cookie, no library.
    const anonymous = await client.page("/portal");
    expect(anonymous.html).toContain('action="/portal/sign-in"');
    expect(anonymous.html).not.toContain(older);
  });

  it("refuses a reused link and an expired link, each time offering a new one", async () => {
    await client.seedOrder("twice@example.com");
    const mail = await client.requestLink("twice@example.com");
    const first = await client.post("/portal/sign-in/link", { token: mail.token, email: "twice@example.com" });
    expect(client.sessionCookie(first)).toBeTruthy();

    const again = await client.post("/portal/sign-in/link", { token: mail.token, email: "twice@example.com" });
    expect(again.status).toBe(303);
    expect(client.sessionCookie(again)).toBeNull();
    const errorPage = await client.page(again.headers.get("location")!);
    expect(errorPage.html).toContain("This sign-in link has expired or was already used");
    expect(errorPage.html).toContain('action="/portal/sign-in"');
    expect(errorPage.html).toContain('value="twice@example.com"');
    const reopened = await client.page(mail.verifyUrl);
    expect(reopened.html).toContain("expired or was already used");
    expect(reopened.html).not.toContain(">Continue<");

    const late = await client.requestLink("twice@example.com");
    await app.query('UPDATE "VerificationToken" SET expires = ? WHERE identifier = ?', new Date(Date.now() - 1000), "twice@example.com");
    expect((await client.page(late.verifyUrl)).html).toContain("expired or was already used");
    const refused = await client.post("/portal/sign-in/link", { token: late.token, email: "twice@example.com" });
    expect(client.sessionCookie(refused)).toBeNull();
    expect(refused.headers.get("location")).toContain("/portal/error?error=Verification");

    // next-auth's own callback URL never spends a link on GET either.
    const fresh = await client.requestLink("twice@example.com");
    const viaNextAuth = await fetch(`${app.url}/api/auth/callback/email?token=${fresh.token}&email=twice%40example.com`, { redirect: "manual" });
    expect(viaNextAuth.status).toBe(303);
    expect(viaNextAuth.headers.get("location")).toContain("/portal/verify?");
    expect((await client.page(fresh.verifyUrl)).html).toContain(">Continue<");
  });

  it("limits sign-in requests per address and per network, saying when to try again", async () => {
    for (let i = 0; i < 5; i += 1) expect((await client.post("/portal/sign-in", { email: "eager@example.com" })).headers.get("location")).toContain("/portal/check-email");
    const limited = await client.post("/portal/sign-in", { email: "eager@example.com" });
    expect(limited.status).toBe(303);
    const location = limited.headers.get("location")!;
    expect(location).toContain("error=rate_limited_email");
    const page = await client.page(location);
    expect(page.html).toMatch(/role="alert"[^>]*>Too many sign-in emails were asked for this address\. Try again in 1[45] minutes/);

    const ip = "203.0.113.77";
    for (let i = 0; i < 20; i += 1) expect((await client.post("/portal/sign-in", { email: `office${i}@example.com` }, { ip })).headers.get("location")).toContain("/portal/check-email");
    const crowded = await client.post("/portal/sign-in", { email: "office20@example.com" }, { ip });
    expect(crowded.headers.get("location")).toContain("error=rate_limited_ip");
    expect((await client.page(crowded.headers.get("location")!)).html).toContain("Too many sign-in requests came from your network. Try again in");
    await eventually(() => client.signInMails("office19@example.com").length === 1, "the 20th office email");
    expect(client.signInMails("office20@example.com")).toHaveLength(0);
  });

  it("answers an address with no orders exactly as one with orders, and shows it an empty library", async () => {
    await client.seedOrder("buyer-same@example.com");
    const buyer = await client.post("/portal/sign-in", { email: "buyer-same@example.com" });
    const nobody = await client.post("/portal/sign-in", { email: "nobody-same@example.com" });
    expect(nobody.status).toBe(buyer.status);
    expect(nobody.headers.get("location")!.replace("nobody", "buyer")).toBe(buyer.headers.get("location"));
    const buyerPage = mainOf((await client.page(buyer.headers.get("location")!)).html);
    const nobodyPage = mainOf((await client.page(nobody.headers.get("location")!)).html);
    expect(nobodyPage.replaceAll("nobody-same", "buyer-same")).toBe(buyerPage);
    expect(buyerPage).toContain("We sent a sign-in link");

    const cookie = await client.signIn("nobody-same@example.com");
    const library = mainOf((await client.page("/portal", cookie)).html);
    expect(library).toContain("No purchases for this address yet");
    expect(library).not.toContain('action="/portal/download"');
  });

  it("returns to the page inside the app that asked for sign-in, and nowhere else", async () => {
    const asked = await client.post("/portal/sign-in", { email: "seller@example.com", callbackUrl: "/admin" });
    expect(asked.headers.get("location")).toContain("callbackUrl=%2Fadmin");
    const mail = await client.nextSignInMail("seller@example.com", 0);
    expect(new URL(mail.verifyUrl).searchParams.get("callbackUrl")).toBe("/admin");
    const back = await client.post("/portal/sign-in/link", { token: mail.token, email: "seller@example.com", callbackUrl: "/admin" });
    expect(back.headers.get("location")).toBe(`${app.url}/admin`);

    await client.post("/portal/sign-in", { email: "seller@example.com", callbackUrl: "//evil.example/x" });
    const other = await client.nextSignInMail("seller@example.com", 1);
    expect(new URL(other.verifyUrl).searchParams.get("callbackUrl")).toBeNull();
    const home = await client.post("/portal/sign-in/link", { token: other.token, email: "seller@example.com", callbackUrl: "https://evil.example" });
    expect(home.headers.get("location")).toBe(`${app.url}/portal`);
  });
});

describe("signing in with the typed code", () => {
  it("signs in with the right code, spending the link, and stops after a few wrong tries", async () => {
    await client.seedOrder("coder@example.com");
    const mail = await client.requestLink("coder@example.com");
    const wrong = String((Number(mail.code) + 1) % 1_000_000).padStart(6, "0");
    const miss = await client.post("/portal/sign-in/code", { email: "coder@example.com", code: wrong });
    expect(miss.headers.get("location")).toContain("error=code_wrong_code");
    expect(miss.headers.get("location")).toContain("tries=4");
    expect((await client.page(miss.headers.get("location")!)).html).toContain("You have 4 tries left.");

    const hit = await client.post("/portal/sign-in/code", { email: "coder@example.com", code: `${mail.code.slice(0, 3)} ${mail.code.slice(3)}` });
    expect(hit.status).toBe(303);
    const cookie = client.sessionCookie(hit);
    expect(cookie).toBeTruthy();
    expect(mainOf((await client.page("/portal", cookie!)).html)).toContain("The Field Guide");
    expect((await client.page(mail.verifyUrl)).html).toContain("expired or was already used");
    const stored = await app.query<{ codeHash: string }>('SELECT "codeHash" FROM "SignInCode" WHERE email = ?', "coder@example.com");
    expect(stored.every((row) => row.codeHash !== mail.code && row.codeHash.length === 64)).toBe(true);

    const next = await client.requestLink("coder@example.com");
    const other = String((Number(next.code) + 7) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i += 1) await client.post("/portal/sign-in/code", { email: "coder@example.com", code: other });
    const tooLate = await client.post("/portal/sign-in/code", { email: "coder@example.com", code: next.code });
    expect(client.sessionCookie(tooLate)).toBeNull();
    expect(tooLate.headers.get("location")).toContain("error=code_no_code");
  });
});

describe("the library", () => {
  it("re-sends an order's delivery email a few times an hour, only for the buyer's own orders", async () => {
    const order = await client.seedOrder("resender@example.com");
    const otherOrder = await client.seedOrder("bystander@example.com");
    const cookie = await client.signIn("resender@example.com");
    const deliveries = () => resend.emails.filter((email) => email.to === "resender@example.com" && email.subject.startsWith("Your download"));
    await eventually(() => deliveries().length === 1, "first delivery");

    const sent = await client.post("/portal/resend", { order }, { cookie });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`${app.url}/portal?sent=${order}#order-${order}`);
    const [, again] = await eventually(() => (deliveries().length === 2 ? deliveries() : null), "the re-sent delivery email");
    const link = /href="([^"]*\/download\/[^"]+)"/.exec(again!.html)![1]!;
    expect((await fetch(link)).status).toBe(200);
    expect(mainOf((await client.page(sent.headers.get("location")!, cookie)).html)).toContain("We emailed this order&#x27;s links again to resender@example.com");
    const keys = await app.query<{ dedupeKey: string }>('SELECT "dedupeKey" FROM "OutboxMessage" WHERE "orderId" = ? ORDER BY "createdAt"', order);
    expect(keys.map((row) => row.dedupeKey)).toEqual([`order_delivered:${order}`, expect.stringMatching(new RegExp(`^order_delivered:${order}:resend:\\d+$`))]);

    // A double click in the same minute sends nothing more.
    await client.post("/portal/resend", { order }, { cookie });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(deliveries()).toHaveLength(2);

    // The hourly allowance, once used up, says when to try again.
    await app.query('UPDATE "RateLimit" SET count = 3 WHERE key = ?', `resend:order:${order}`);
    await app.query('DELETE FROM "OutboxMessage" WHERE "dedupeKey" LIKE ?', `order_delivered:${order}:resend:%`);
    const limited = await client.post("/portal/resend", { order }, { cookie });
    expect(limited.headers.get("location")).toContain("error=resend_limited");
    expect(mainOf((await client.page(limited.headers.get("location")!, cookie)).html)).toMatch(/role="alert"[^>]*>We already sent this order&#x27;s links 3 times in the last hour\. Try again in \d+ minutes/);

    const foreign = await client.post("/portal/resend", { order: otherOrder }, { cookie });
    expect(foreign.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(resend.emails.filter((email) => email.to === "bystander@example.com")).toHaveLength(1);
  });

  it("says Refunded, Access suspended or limit reached instead of offering a download", async () => {
    const refunded = await client.seedOrder("mixed@example.com");
    const disputed = await client.seedOrder("mixed@example.com");
    const usedUp = await client.seedOrder("mixed@example.com");
    const now = new Date();
    await app.query('UPDATE "Order" SET status = ? WHERE id = ?', "refunded", refunded);
    await app.query('UPDATE "Entitlement" SET "revokedAt" = ?, "revokedReason" = ? WHERE "orderId" = ?', now, "refunded", refunded);
    await app.query('UPDATE "Order" SET status = ? WHERE id = ?', "disputed", disputed);
    await app.query('UPDATE "Entitlement" SET "revokedAt" = ?, "revokedReason" = ? WHERE "orderId" = ?', now, "disputed", disputed);
    await app.query('UPDATE "Entitlement" SET "downloadsUsed" = 5 WHERE "orderId" = ?', usedUp);

    const cookie = await client.signIn("mixed@example.com");
    const main = mainOf((await client.page("/portal", cookie)).html);
    expect(main).toContain(">Refunded<");
    expect(main).toContain(">Access suspended<");
    expect(main).toContain("Refunded: downloads ended when this order was refunded.");
    expect(main).toContain("Access suspended while a payment dispute is open.");
    expect(main).toContain("Download limit reached: all 5 downloads have been used.");
    expect(main).not.toContain('action="/portal/download"');
    expect(main.match(/action="\/portal\/resend"/g)).toHaveLength(1);

    const [entitlement] = await app.query<{ id: string }>('SELECT id FROM "Entitlement" WHERE "orderId" = ?', usedUp);
    const refusal = await client.post("/portal/download", { entitlement: entitlement!.id, file: "0" }, { cookie });
    expect(refusal.status).toBe(403);
    expect(await refusal.text()).toContain("Download limit reached");
    const [revoked] = await app.query<{ id: string }>('SELECT id FROM "Entitlement" WHERE "orderId" = ?', refunded);
    expect((await client.post("/portal/download", { entitlement: revoked!.id, file: "0" }, { cookie })).status).toBe(403);
  });

  it("signs out, and refuses form posts from other sites", async () => {
    const cookie = await client.signIn("leaving@example.com");
    const token = decodeURIComponent(cookie.split("=")[1]!);
    expect(await app.query('SELECT id FROM "Session" WHERE "sessionToken" = ?', token)).toHaveLength(1);

    const forged = await client.post("/portal/sign-out", {}, { cookie, origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect(await app.query('SELECT id FROM "Session" WHERE "sessionToken" = ?', token)).toHaveLength(1);

    const out = await client.post("/portal/sign-out", {}, { cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe(`${app.url}/portal?signed_out=1`);
    expect(out.headers.getSetCookie().find((header) => header.startsWith("next-auth.session-token="))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(await app.query('SELECT id FROM "Session" WHERE "sessionToken" = ?', token)).toHaveLength(0);
    const after = await client.page("/portal?signed_out=1", cookie);
    expect(after.html).toContain("You are signed out.");
    expect(after.html).toContain('action="/portal/sign-in"');

    const before = client.signInMails("victim@example.com").length;
    const crossSite = await client.post("/portal/sign-in", { email: "victim@example.com" }, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(client.signInMails("victim@example.com")).toHaveLength(before);
  });
});
