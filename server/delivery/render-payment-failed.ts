// Renders the "payment did not go through" email, unless the order has since been paid after all.
import "server-only";
import { createElement } from "react";
import { renderEmail } from "@/server/mail/render-email";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { PaymentFailedEmail, paymentFailedSubject } from "@/emails/payment-failed";
import type { RenderedEmail } from "@/server/outbox/render-message";

export type PaymentFailedPayload = { orderId: string; products: Array<{ slug: string; name: string }> };

export async function renderPaymentFailed(payload: PaymentFailedPayload): Promise<RenderedEmail | null> {
  const order = await db.order.findUnique({ where: { id: payload.orderId }, select: { id: true, email: true, status: true } });
  // A success that arrived after the failure wins; the bad news would now be wrong.
  if (!order || order.status !== "failed") return null;
  const env = getEnv();
  const props = {
    storeName: env.STORE_NAME,
    supportEmail: env.SUPPORT_EMAIL,
    orderRef: order.id,
    products: payload.products.map((product) => ({ name: product.name, url: `${env.APP_URL}/products/${encodeURIComponent(product.slug)}` })),
    storeUrl: `${env.APP_URL}/`,
  };
  const element = createElement(PaymentFailedEmail, props);
  return {
    to: order.email,
    subject: paymentFailedSubject(props),
    ...(await renderEmail(element)),
  };
}
