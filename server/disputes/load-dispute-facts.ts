// Gathers what the store knows about an order for its dispute evidence: order, products, delivery, access log.
import "server-only";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { findProduct } from "@/server/catalog/get-catalog";
import { parseEntitlementFiles } from "@/server/delivery/build-download-links";
import type { DisputeFacts } from "@/server/disputes/build-dispute-evidence";

export async function loadDisputeFacts(orderId: string): Promise<DisputeFacts> {
  const order = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    include: {
      entitlements: {
        orderBy: { createdAt: "asc" },
        include: {
          licenseKey: { include: { activations: { orderBy: { createdAt: "asc" } } } },
          downloadEvents: { orderBy: { at: "asc" } },
        },
      },
    },
  });
  const delivery = await db.outboxMessage.findFirst({
    where: { orderId, kind: "order_delivered", status: "sent" },
    select: { to: true, sentAt: true, providerId: true },
  });
  const env = getEnv();
  const fileName = (files: string, path: string) => parseEntitlementFiles(files).find((file) => file.path === path)?.name ?? path;
  return {
    storeName: env.STORE_NAME,
    appUrl: env.APP_URL,
    order,
    products: order.entitlements.map((entitlement) => ({
      name: entitlement.productName,
      description: findProduct(entitlement.productSlug)?.description ?? "",
      files: parseEntitlementFiles(entitlement.files).map((file) => file.name),
      downloadLimit: entitlement.downloadLimit,
      activationLimit: entitlement.licenseKey ? entitlement.licenseKey.activationLimit : undefined,
    })),
    delivery: delivery?.sentAt ? { to: delivery.to, sentAt: delivery.sentAt, providerId: delivery.providerId } : null,
    downloads: order.entitlements.flatMap((entitlement) =>
      entitlement.downloadEvents.map((event) => ({
        at: event.at,
        ip: event.ip,
        userAgent: event.userAgent,
        product: entitlement.productName,
        file: fileName(entitlement.files, event.filePath),
        method: event.method,
        outcome: event.outcome,
        bytes: Number(event.bytes),
      })),
    ),
    activations: order.entitlements.flatMap((entitlement) =>
      (entitlement.licenseKey?.activations ?? []).map((activation) => ({
        at: activation.createdAt,
        ip: activation.ip,
        name: activation.name,
        product: entitlement.productName,
        deactivatedAt: activation.deactivatedAt,
      })),
    ),
  };
}
