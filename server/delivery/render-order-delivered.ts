// Renders the delivery email of an order from what the database holds now: fresh links, keys, limits.
import "server-only";
import { createElement } from "react";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { OrderDeliveredEmail, orderDeliveredSubject, type DeliveredProduct } from "@/emails/order-delivered";
import { buildDownloadLinks, describeDownloadsLeft, formatExpiry, type EntitlementForLinks } from "@/server/delivery/build-download-links";
import { jsonList, queryRows } from "@/server/database/raw-sql";
import type { RenderContext, RenderedEmail } from "@/server/outbox/render-message";
import { renderEmailCached } from "@/server/mail/render-email-cached";

export function describeActivationLimit(limit: number | null): string {
  return limit === null ? "unlimited devices" : `up to ${limit} device${limit === 1 ? "" : "s"}`;
}

type DeliveryEntitlement = EntitlementForLinks & { productName: string; revokedAt: Date | null; licenseKey: { key: string; activationLimit: number | null } | null };
/** What the delivery email reads of an order. */
export type DeliveryOrder = { id: string; email: string; entitlements: DeliveryEntitlement[] };

// Ties on createdAt (rows inserted together) are broken by id, so every render lists products alike.
function findDeliveryOrder(orderId: string): Promise<DeliveryOrder | null> {
  return db.order.findUnique({ where: { id: orderId }, include: { entitlements: { include: { licenseKey: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } });
}

type DeliveryRow = {
  orderId: string; email: string; id: string | null; productName: string; files: string; linkTtlHours: number | bigint;
  downloadLimit: number | bigint | null; downloadsUsed: number | bigint; revokedAt: Date | string | null; key: string | null; activationLimit: number | bigint | null;
};

/** The orders of a batch of delivery emails in one query (Prisma would make three, with a list of ids in each). */
export async function loadDeliveryOrders(orderIds: string[]): Promise<Map<string, DeliveryOrder>> {
  const orders = new Map<string, DeliveryOrder>();
  if (orderIds.length === 0) return orders;
  const rows = await queryRows<DeliveryRow>(
    db,
    `SELECT o.id AS "orderId", o.email, e.id, e."productName", e.files, e."linkTtlHours", e."downloadLimit", e."downloadsUsed", e."revokedAt", k.key, k."activationLimit"
     FROM "Order" o LEFT JOIN "Entitlement" e ON e."orderId" = o.id LEFT JOIN "LicenseKey" k ON k."entitlementId" = e.id
     WHERE o.id IN ${jsonList()} ORDER BY o.id, e."createdAt", e.id`,
    JSON.stringify([...new Set(orderIds)]),
  );
  const number = (value: number | bigint | null) => (value === null ? null : Number(value));
  for (const row of rows) {
    let order = orders.get(row.orderId);
    if (!order) orders.set(row.orderId, (order = { id: row.orderId, email: row.email, entitlements: [] }));
    if (row.id === null) continue;
    order.entitlements.push({
      id: row.id,
      productName: row.productName,
      files: row.files,
      linkTtlHours: Number(row.linkTtlHours),
      downloadLimit: number(row.downloadLimit),
      downloadsUsed: Number(row.downloadsUsed),
      revokedAt: row.revokedAt === null ? null : new Date(row.revokedAt),
      licenseKey: row.key === null ? null : { key: row.key, activationLimit: number(row.activationLimit) },
    });
  }
  return orders;
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
