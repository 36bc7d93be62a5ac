// One order as the seller needs it to help a buyer: what it gave, and everything that happened, in time order.
import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { describeDownloadsLeft, parseEntitlementFiles } from "@/server/delivery/build-download-links";
import { isAdminRevocation } from "@/server/admin/admin-revocation";
import { describeAuditEntry } from "@/server/admin/describe-audit-entry";

export type TimelineTone = "ok" | "info" | "warn" | "bad";
export type TimelineEntry = { at: Date; source: "order" | "stripe" | "email" | "download" | "license" | "admin"; title: string; detail?: string; tone: TimelineTone };

const DOWNLOADS_SHOWN = 200;

function stripeTone(status: string, error: string | null): TimelineTone {
  if (error || status === "failed") return "bad";
  if (status === "pending" || status === "waiting" || status === "processing") return "warn";
  return "info";
}

function emailEntry(message: { kind: string; to: string; status: string; attempts: number; lastError: string | null; createdAt: Date; sentAt: Date | null; dedupeKey: string; subject: string | null }): TimelineEntry[] {
  // Who asked for a repeat shows in its dedupe key: the seller here, the buyer in the portal.
  const what = message.dedupeKey.includes(":admin-resend:") ? "Delivery email resent from the dashboard" : message.dedupeKey.includes(":resend:") ? "Delivery email resent by the buyer" : message.kind === "order_delivered" ? "Delivery email" : `Email (${message.kind})`;
  const entries: TimelineEntry[] = [{ at: message.createdAt, source: "email", title: `${what} queued for ${message.to}`, tone: "info" }];
  const tries = `${message.attempts} tr${message.attempts === 1 ? "y" : "ies"}`;
  if (message.sentAt) entries.push({ at: message.sentAt, source: "email", title: `${what} sent to ${message.to}`, detail: `${message.subject ?? ""} (${tries})`.trim(), tone: "ok" });
  else if (message.status === "failed") entries.push({ at: message.createdAt, source: "email", title: `${what} failed for good`, detail: `${message.lastError ?? "no error recorded"} (${tries})`, tone: "bad" });
  else if (message.lastError) entries.push({ at: message.createdAt, source: "email", title: `${what} retrying`, detail: `${message.lastError} (${tries})`, tone: "warn" });
  return entries;
}

export async function getOrderTimeline(orderId: string) {
  const order = await db.order.findUnique({
    where: { id: orderId },
    include: { entitlements: { orderBy: { createdAt: "asc" }, include: { licenseKey: { include: { activations: { orderBy: { createdAt: "asc" } } } } } } },
  });
  if (!order) throw new AppError("not_found", "No order has this id. Search by the buyer's email, or by the Stripe session or payment intent.");
  const entitlementIds = order.entitlements.map((entitlement) => entitlement.id);
  const stripeRefs = [order.stripeCheckoutSessionId, order.stripeChargeId, order.stripeDisputeId, order.stripePaymentIntentId].filter((ref): ref is string => Boolean(ref));
  const [events, messages, downloads, downloadCount, audits] = await Promise.all([
    db.stripeEvent.findMany({
      where: { OR: [{ objectId: { in: stripeRefs } }, ...(order.stripePaymentIntentId ? [{ paymentIntentId: order.stripePaymentIntentId }] : [])] },
      select: { id: true, type: true, status: true, error: true, duplicates: true, attempts: true, receivedAt: true, processedAt: true },
    }),
    db.outboxMessage.findMany({ where: { orderId: order.id }, select: { id: true, kind: true, to: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true, dedupeKey: true, subject: true } }),
    db.downloadEvent.findMany({ where: { entitlementId: { in: entitlementIds } }, orderBy: { at: "desc" }, take: DOWNLOADS_SHOWN }),
    db.downloadEvent.count({ where: { entitlementId: { in: entitlementIds } } }),
    db.auditLog.findMany({ where: { OR: [{ targetType: "order", targetId: order.id }, { targetType: "entitlement", targetId: { in: entitlementIds } }] } }),
  ]);
  const productOf = new Map(order.entitlements.map((entitlement) => [entitlement.id, entitlement.productName]));
  const timeline: TimelineEntry[] = [{ at: order.createdAt, source: "order", title: "Order recorded", detail: `Checkout Session ${order.stripeCheckoutSessionId}`, tone: "info" }];
  if (order.paidAt) timeline.push({ at: order.paidAt, source: "order", title: "Payment reached us", tone: "ok" });
  for (const event of events) {
    const extras = [`status ${event.status}`, event.attempts > 1 ? `${event.attempts} tries` : null, event.duplicates ? `${event.duplicates} duplicate deliver${event.duplicates === 1 ? "y" : "ies"} absorbed` : null, event.error];
    timeline.push({ at: event.receivedAt, source: "stripe", title: `Stripe: ${event.type}`, detail: `${event.id} · ${extras.filter(Boolean).join(" · ")}`, tone: stripeTone(event.status, event.error) });
  }
  for (const message of messages) timeline.push(...emailEntry(message));
  for (const download of downloads) {
    const refused = download.outcome.startsWith("refused:");
    const file = download.filePath.split("/").at(-1);
    timeline.push({
      at: download.at,
      source: "download",
      title: `${refused ? `Download refused (${download.outcome.slice(8)})` : `Download ${download.outcome}`}: ${file} · ${productOf.get(download.entitlementId ?? "") ?? ""}`,
      detail: [download.method, download.range ? `range ${download.range}` : null, `${Number(download.bytes).toLocaleString("en")} bytes`, download.counted ? "counted" : "not counted", `IP ${download.ip ?? "unknown"}`, download.userAgent ?? "no user agent"].filter(Boolean).join(" · "),
      tone: refused ? "warn" : "ok",
    });
  }
  for (const entitlement of order.entitlements) {
    for (const activation of entitlement.licenseKey?.activations ?? []) {
      timeline.push({ at: activation.createdAt, source: "license", title: `License activated on "${activation.name}"`, detail: `instance ${activation.id} · IP ${activation.ip ?? "unknown"}`, tone: "info" });
      if (activation.deactivatedAt) timeline.push({ at: activation.deactivatedAt, source: "license", title: `License deactivated on "${activation.name}"`, detail: `instance ${activation.id}`, tone: "info" });
    }
  }
  for (const audit of audits) {
    timeline.push({ at: audit.at, source: "admin", title: describeAuditEntry({ ...audit, reason: null }), detail: `by ${audit.actor}${audit.reason ? ` · reason: ${audit.reason}` : ""}`, tone: "info" });
  }
  timeline.sort((a, b) => a.at.getTime() - b.at.getTime());
  const entitlements = order.entitlements.map((entitlement) => ({
    id: entitlement.id,
    productName: entitlement.productName,
    productSlug: entitlement.productSlug,
    fileNames: parseEntitlementFiles(entitlement.files).map((file) => file.name),
    downloadsUsed: entitlement.downloadsUsed,
    downloadLimit: entitlement.downloadLimit,
    downloadsLeftText: describeDownloadsLeft(entitlement) ?? "Unlimited downloads",
    revokedAt: entitlement.revokedAt,
    revokedReason: entitlement.revokedReason,
    isAdminRevocation: isAdminRevocation(entitlement.revokedReason),
    licenseKey: entitlement.licenseKey
      ? { key: entitlement.licenseKey.key, activationLimit: entitlement.licenseKey.activationLimit, activationUsage: entitlement.licenseKey.activationUsage }
      : null,
  }));
  const { entitlements: _raw, ...orderFields } = order;
  return { order: orderFields, entitlements, timeline, downloadsOmitted: Math.max(0, downloadCount - downloads.length) };
}

export type OrderTimeline = Awaited<ReturnType<typeof getOrderTimeline>>;

