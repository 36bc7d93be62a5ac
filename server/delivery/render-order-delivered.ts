// Renders the delivery email of an order from what the database holds now: fresh links, keys, limits.
import "server-only";
import { createElement } from "react";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { OrderDeliveredEmail, orderDeliveredSubject, type DeliveredProduct } from "@/emails/order-delivered";
import { buildDownloadLinks, describeDownloadsLeft, formatExpiry } from "@/server/delivery/build-download-links";
import type { RenderContext, RenderedEmail } from "@/server/outbox/render-message";
import { renderEmailCached } from "@/server/mail/render-email-cached";

export function describeActivationLimit(limit: number | null): string {
  return limit === null ? "unlimited devices" : `up to ${limit} device${limit === 1 ? "" : "s"}`;
}

// Ties on createdAt (rows inserted together) are broken by id, so every render lists products alike.
const deliveryInclude = { entitlements: { include: { licenseKey: true }, orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] } };
export type DeliveryOrder = NonNullable<Awaited<ReturnType<typeof findDeliveryOrder>>>;

function findDeliveryOrder(orderId: string) {
  return db.order.findUnique({ where: { id: orderId }, include: deliveryInclude });
}

/** The orders of a batch of delivery emails in one query, for renderOrderDelivered's context. */
export async function loadDeliveryOrders(orderIds: string[]): Promise<Map<string, DeliveryOrder>> {
  if (orderIds.length === 0) return new Map();
  const orders = await db.order.findMany({ where: { id: { in: [...new Set(orderIds)] } }, include: deliveryInclude });
  return new Map(orders.map((order) => [order.id, order]));
}

export async function renderOrderDelivered(payload: { orderId: string }, { createdAt, orders }: RenderContext): Promise<RenderedEmail | null> {
  const order = orders ? orders.get(payload.orderId) : await findDeliveryOrder(payload.orderId);
  if (!order) return null;
  const env = getEnv();
  const entitlements = order.entitlements.filter((entitlement) => !entitlement.revokedAt);
  if (entitlements.length === 0) return null;
  const built = await Promise.all(entitlements.map((entitlement) => buildDownloadLinks(entitlement, createdAt)));
  const expiresAt = built.at(-1)!.expiresAt;
  const rendered = await renderEmailCached((slots) => {
    const products: DeliveredProduct[] = entitlements.map((entitlement, index) => {
      const downloadsLeft = describeDownloadsLeft(entitlement);
      return {
        name: entitlement.productName,
        files: built[index]!.links.map((link) => ({ name: link.name, url: slots.put(link.url) })),
        downloadsLeft: downloadsLeft ? slots.put(downloadsLeft) : undefined,
        licenseKey: entitlement.licenseKey ? slots.put(entitlement.licenseKey.key) : undefined,
        activationLimitText: entitlement.licenseKey ? describeActivationLimit(entitlement.licenseKey.activationLimit) : undefined,
      };
    });
    const props = {
      storeName: env.STORE_NAME,
      supportEmail: env.SUPPORT_EMAIL,
      orderRef: slots.put(order.id),
      products,
      expiresAtText: slots.put(formatExpiry(expiresAt)),
      portalUrl: `${env.APP_URL}/portal`,
    };
    return { element: (p: typeof props) => createElement(OrderDeliveredEmail, p), props };
  });
  const subject = orderDeliveredSubject({ storeName: env.STORE_NAME, products: entitlements.map((entitlement) => ({ name: entitlement.productName, files: [] })) });
  return { to: order.email, subject, html: rendered.html, text: rendered.text };
}
