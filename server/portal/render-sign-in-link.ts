// Renders the sign-in email of an outbox message; a link that expired while queued is not sent at all.
import "server-only";
import { createElement } from "react";
import { getEnv } from "@/server/env";
import { SignInLinkEmail, signInLinkSubject, type SignInLinkEmailProps } from "@/emails/sign-in-link";
import { renderEmailCached } from "@/server/mail/render-email-cached";
import type { RenderContext, RenderedEmail } from "@/server/outbox/render-message";
import type { SignInLinkPayload } from "@/server/portal/send-sign-in-email";

function describeMinutes(minutes: number): string {
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/**
 * The body depends on the payload alone, so a re-render after a crash is identical. Past the
 * link's expiry there is nothing worth sending (null cancels the message): the person asks again.
 */
export async function renderSignInLink(payload: SignInLinkPayload, _context?: RenderContext, now = new Date()): Promise<RenderedEmail | null> {
  if (new Date(payload.expiresAt) <= now) return null;
  const env = getEnv();
  const rendered = await renderEmailCached((slots) => {
    const props: SignInLinkEmailProps = {
      storeName: env.STORE_NAME,
      supportEmail: env.SUPPORT_EMAIL,
      url: slots.put(payload.url),
      code: slots.put(payload.code),
      expiresInText: describeMinutes(env.SIGN_IN_LINK_TTL_MINUTES),
    };
    return { element: (props: SignInLinkEmailProps) => createElement(SignInLinkEmail, props), props };
  });
  return { to: payload.to, subject: signInLinkSubject({ storeName: env.STORE_NAME }), html: rendered.html, text: rendered.text };
}
