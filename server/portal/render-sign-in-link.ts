// Renders the sign-in email of an outbox message; a link that expired while queued is not sent at all.
import "server-only";
import { createElement } from "react";
import { render } from "@react-email/render";
import { getEnv } from "@/server/env";
import { SignInLinkEmail, signInLinkSubject } from "@/emails/sign-in-link";
import type { RenderedEmail } from "@/server/outbox/render-message";
import type { SignInLinkPayload } from "@/server/portal/send-sign-in-email";

function describeMinutes(minutes: number): string {
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

export async function renderSignInLink(payload: SignInLinkPayload, now = new Date()): Promise<RenderedEmail | null> {
  const expiresAt = new Date(payload.expiresAt);
  if (expiresAt <= now) return null;
  const env = getEnv();
  const props = {
    storeName: env.STORE_NAME,
    supportEmail: env.SUPPORT_EMAIL,
    url: payload.url,
    code: payload.code,
    expiresInText: describeMinutes(env.SIGN_IN_LINK_TTL_MINUTES),
  };
  const element = createElement(SignInLinkEmail, props);
  return { to: payload.to, subject: signInLinkSubject(props), html: await render(element), text: await render(element, { plainText: true }) };
}
