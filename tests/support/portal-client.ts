// A browser's side of the portal over plain HTTP: form posts with an Origin, cookies, and the sign-in
// email read from the Resend double. Shared by the portal's integration tests.
import crypto from "node:crypto";
import type { TestApp } from "./test-app";
import type { ReceivedEmail, ResendDouble } from "./resend-double";
import { checkoutSession, makeEvent, postEvent } from "./stripe-events";
import { eventually } from "./test-app";

export type PostOptions = { cookie?: string; origin?: string | null; ip?: string };

export type SignInMail = { email: ReceivedEmail; verifyUrl: string; token: string; code: string };

export function randomIp(): string {
  return `10.${crypto.randomInt(0, 256)}.${crypto.randomInt(0, 256)}.${crypto.randomInt(1, 255)}`;
}

export function portalClient(app: TestApp, resend: ResendDouble) {
  /** A form post as a browser on our own page sends it (Origin set), redirects left to the caller. */
  async function post(path: string, fields: Record<string, string>, { cookie, origin = app.url, ip = randomIp() }: PostOptions = {}) {
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip };
    if (origin !== null) headers.origin = origin;
    if (cookie) headers.cookie = cookie;
    return fetch(`${app.url}${path}`, { method: "POST", headers, body: new URLSearchParams(fields).toString(), redirect: "manual" });
  }

  async function page(pathOrUrl: string, cookie?: string) {
    const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${app.url}${pathOrUrl}`;
    const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    return { status: response.status, html: await response.text() };
  }

  function signInMails(to: string): ReceivedEmail[] {
    return resend.emails.filter((email) => email.to === to && email.subject.startsWith("Sign in"));
  }

  /** Waits for the next sign-in email to `to` (after `seen` of them) and reads its link and code. */
  async function nextSignInMail(to: string, seen: number): Promise<SignInMail> {
    const email = await eventually(() => signInMails(to)[seen], `sign-in email #${seen + 1} to ${to}`);
    const href = /href="([^"]*\/portal\/verify\?[^"]+)"/.exec(email.html)?.[1]?.replace(/&amp;/g, "&");
    const code = /\b(\d{6})\b/.exec(email.text ?? "")?.[1];
    if (!href || !code) throw new Error(`sign-in email without link or code:\n${email.text}`);
    return { email, verifyUrl: href, token: new URL(href).searchParams.get("token")!, code };
  }

  async function requestLink(address: string, options: PostOptions = {}): Promise<SignInMail> {
    const seen = signInMails(address.trim().toLowerCase()).length;
    const response = await post("/portal/sign-in", { email: address }, options);
    if (response.status !== 303 || !response.headers.get("location")?.includes("/portal/check-email")) {
      throw new Error(`sign-in request refused: ${response.status} ${response.headers.get("location")}`);
    }
    return nextSignInMail(address.trim().toLowerCase(), seen);
  }

  /** The session cookie ("name=value") a sign-in response set, or null. */
  function sessionCookie(response: Response): string | null {
    const header = response.headers.getSetCookie().find((cookie) => cookie.includes("next-auth.session-token="));
    return header ? header.split(";")[0]! : null;
  }

  async function signIn(address: string): Promise<string> {
    const mail = await requestLink(address);
    const response = await post("/portal/sign-in/link", { token: mail.token, email: address.trim().toLowerCase() });
    const cookie = sessionCookie(response);
    if (!cookie) throw new Error(`no session after the link: ${response.status} ${response.headers.get("location")}`);
    return cookie;
  }

  /** A paid order through the real webhook path; returns its id once it exists. */
  async function seedOrder(address: string, product = "field-guide", amount = 1900): Promise<string> {
    const session = checkoutSession({ customer_details: { email: address }, metadata: { product }, amount_total: amount });
    const response = await postEvent(app.url, makeEvent(session), { secret: app.webhookSecret });
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    const [order] = await eventually(
      async () => {
        const rows = await app.query<{ id: string }>('SELECT id FROM "Order" WHERE "stripeCheckoutSessionId" = ?', session.id);
        return rows.length ? rows : null;
      },
      `order for ${session.id}`,
    );
    return order!.id;
  }

  return { post, page, requestLink, nextSignInMail, signInMails, sessionCookie, signIn, seedOrder };
}

/** The visible part of a page (its <main>), for comparing what two people were shown. */
export function mainOf(html: string): string {
  return /<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? "";
}
