// Renders a seller alert from the words stored with it when it was queued.
import "server-only";
import { createElement } from "react";
import { renderEmail } from "@/server/mail/render-email";
import { getEnv } from "@/server/env";
import { SellerAlertEmail } from "@/emails/seller-alert";
import type { RenderedEmail } from "@/server/outbox/render-message";

export type SellerAlertPayload = {
  title: string;
  lines: string[];
  facts: Array<[string, string]>;
  action?: { label: string; url: string };
};

export async function renderSellerAlert(payload: SellerAlertPayload): Promise<RenderedEmail | null> {
  const env = getEnv();
  if (!env.SELLER_EMAIL) return null;
  const element = createElement(SellerAlertEmail, { storeName: env.STORE_NAME, supportEmail: env.SUPPORT_EMAIL, ...payload });
  return {
    to: env.SELLER_EMAIL,
    subject: `[${env.STORE_NAME}] ${payload.title}`,
    ...(await renderEmail(element)),
  };
}
