// "Resend the delivery email": a new outbox message with fresh links, so the first one's record stays as it was.
import "server-only";
import crypto from "node:crypto";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { enqueueMessage } from "@/server/outbox/enqueue-message";
import { kickOutbox } from "@/server/outbox/drain-outbox";
import { recordAudit } from "@/server/admin/record-audit";
import { getOrderForActionOrThrow } from "@/server/admin/get-order-for-action-or-throw";

export type ResendDeliveryEmailOptions = { actor: string; orderId: string; requestId?: string; reason?: string };

/**
 * Its own dedupe key (order_delivered:<order>:admin-resend:<requestId>): never confused with the first
 * delivery, which latency figures measure, and a form sent twice (same requestId) sends once.
 */
export async function resendDeliveryEmail({ actor, orderId, requestId = crypto.randomUUID(), reason }: ResendDeliveryEmailOptions) {
  const order = await getOrderForActionOrThrow(orderId);
  if (!order.entitlements.some((entitlement) => !entitlement.revokedAt)) {
    throw new AppError("conflict", "Nothing to send: access to every product of this order is revoked. Restore access first, then resend.");
  }
  const dedupeKey = `order_delivered:${order.id}:admin-resend:${requestId}`;
  const result = await db.$transaction(async (tx) => {
    const existing = await tx.outboxMessage.findUnique({ where: { dedupeKey }, select: { id: true } });
    if (existing) return { messageId: existing.id, auditId: null, notice: `That email was already queued for ${order.email}.` };
    const messageId = await enqueueMessage({ tx, kind: "order_delivered", dedupeKey, to: order.email, payload: { orderId: order.id }, orderId: order.id });
    const audit = await recordAudit({ tx, actor, action: "resend_delivery_email", targetType: "order", targetId: order.id, reason, data: { messageId, to: order.email } });
    return { messageId, ...audit };
  });
  kickOutbox();
  return { ...result, orderId: order.id, redirectTo: `/admin/orders/${order.id}` };
}
