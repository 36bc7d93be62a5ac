// Payment-to-email latency of first deliveries: OutboxMessage.sentAt − Order.paidAt, per order.
import "server-only";
import { db } from "@/server/db";

export type DeliveryLatency = { orderId: string; email: string; paidAt: Date; sentAt: Date; ms: number };
export type GetDeliveryLatenciesOptions = { sentFrom: Date; sentBefore: Date; limit?: number };

const CHUNK = 500;

/**
 * Only an order's first delivery email (dedupe key order_delivered:<orderId>) is measured: a resend
 * from the dashboard is hours later by design and would make the distribution lie.
 */
export async function getDeliveryLatencies({ sentFrom, sentBefore, limit = 20_000 }: GetDeliveryLatenciesOptions): Promise<DeliveryLatency[]> {
  const messages = await db.outboxMessage.findMany({
    where: { kind: "order_delivered", status: "sent", sentAt: { gte: sentFrom, lt: sentBefore }, orderId: { not: null }, NOT: { dedupeKey: { contains: "resend:" } } },
    select: { orderId: true, dedupeKey: true, sentAt: true },
    orderBy: { sentAt: "desc" },
    take: limit,
  });
  const firsts = messages.filter((message) => message.dedupeKey === `order_delivered:${message.orderId}`);
  const latencies: DeliveryLatency[] = [];
  for (let start = 0; start < firsts.length; start += CHUNK) {
    const chunk = firsts.slice(start, start + CHUNK);
    const orders = await db.order.findMany({
      where: { id: { in: chunk.map((message) => message.orderId!) }, paidAt: { not: null } },
      select: { id: true, email: true, paidAt: true },
    });
    const byId = new Map(orders.map((order) => [order.id, order]));
    for (const message of chunk) {
      const order = byId.get(message.orderId!);
      if (!order?.paidAt || !message.sentAt) continue;
      latencies.push({ orderId: order.id, email: order.email, paidAt: order.paidAt, sentAt: message.sentAt, ms: Math.max(0, message.sentAt.getTime() - order.paidAt.getTime()) });
    }
  }
  return latencies;
}
