// Renders the delivery email of an order from what the database holds now: fresh links, keys, limits.
import "server-only";
import { createElement } from "react";
import { render, toPlainText } from "@react-email/render";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { OrderDeliveredEmail, orderDeliveredSubject, type DeliveredProduct } from "@/emails/order-delivered";
import { buildDownloadLinks, describeDownloadsLeft, formatExpiry } from "@/server/delivery/build-download-links";
import type { RenderContext, RenderedEmail } from "@/server/outbox/render-message";

export function describeActivationLimit(limit: number | null): string {
  return limit === null ? "unlimited devices" : `up to ${limit} device${limit === 1 ? "" : "s"}`;
}

export async function renderOrderDelivered(payload: { orderId: string }, { createdAt }: RenderContext): Promise<RenderedEmail | null> {
  const order = await db.order.findUnique({
    where: { id: payload.orderId },
    include: { entitlements: { include: { licenseKey: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!order) return null;
  const env = getEnv();
  let expiresAt = createdAt;
  const products: DeliveredProduct[] = [];
  for (const entitlement of order.entitlements) {
    if (entitlement.revokedAt) continue;
    const built = await buildDownloadLinks(entitlement, createdAt);
    expiresAt = built.expiresAt;
    products.push({
      name: entitlement.productName,
      files: built.links,
      downloadsLeft: describeDownloadsLeft(entitlement) ?? undefined,
      licenseKey: entitlement.licenseKey?.key,
      activationLimitText: entitlement.licenseKey ? describeActivationLimit(entitlement.licenseKey.activationLimit) : undefined,
    });
  }
  if (products.length === 0) return null;
  const props = {
    storeName: env.STORE_NAME,
    supportEmail: env.SUPPORT_EMAIL,
    orderRef: order.id,
    products,
    expiresAtText: formatExpiry(expiresAt),
    portalUrl: `${env.APP_URL}/portal`,
  };
  const html = await render(createElement(OrderDeliveredEmail, props));
  return { to: order.email, subject: orderDeliveredSubject(props), html, text: toPlainText(html) };
}
