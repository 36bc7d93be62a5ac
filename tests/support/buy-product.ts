// Buys a catalog product the way Stripe would report it (a signed completed-session event) and
// returns what the buyer's delivery email holds: download links, the license key, the whole HTML.
import type { TestApp } from "./test-app";
import type { ReceivedEmail, ResendDouble } from "./resend-double";
import { checkoutSession, makeEvent, postEvent } from "./stripe-events";

export type Purchase = { email: ReceivedEmail; links: string[]; licenseKey: string | null; sessionId: string };

const LICENSE_KEY_IN_HTML = /\b[A-Z0-9]{5}(?:-[A-Z0-9]{5}){3}\b/;

export async function buyProduct(app: TestApp, resend: ResendDouble, options: { product: string; email: string }): Promise<Purchase> {
  const session = checkoutSession({ metadata: { product: options.product }, customer_details: { email: options.email } });
  const response = await postEvent(app.url, makeEvent(session), { secret: app.webhookSecret });
  if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);
  const deadline = Date.now() + 15_000;
  let email: ReceivedEmail | undefined;
  while (!email && Date.now() < deadline) {
    email = resend.emails.find((candidate) => candidate.to === options.email || (Array.isArray(candidate.to) && candidate.to.includes(options.email)));
    if (!email) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!email) throw new Error(`no delivery email reached ${options.email}`);
  const links = [...email.html.matchAll(/href="([^"]*\/download\/[^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&"));
  return { email, links, licenseKey: LICENSE_KEY_IN_HTML.exec(email.html)?.[0] ?? null, sessionId: session.id };
}
