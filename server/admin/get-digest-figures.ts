// The morning report's numbers for one UTC day: orders, revenue, deliveries, failures, the slowest delivery.
import "server-only";
import { db } from "@/server/db";
import { getDeliveryLatencies } from "@/server/admin/get-delivery-latencies";
import { summarizeLatencies } from "@/server/admin/summarize-latencies";
import { sumByCurrency, type Money } from "@/server/admin/summarize-orders";

export type DigestFigures = {
  day: string;
  orders: number;
  revenue: Money[];
  deliveriesSent: number;
  deliveriesFailed: number;
  stillFailing: number;
  p50Ms: number | null;
  p95Ms: number | null;
  slowest: { orderId: string; email: string; ms: number } | null;
  webhookEvents: number;
  duplicatesAbsorbed: number;
};

export function dayBounds(day: string): { start: Date; end: Date } {
  const start = new Date(`${day}T00:00:00.000Z`);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

/**
 * Every figure is bounded by the day: orders by when their payment reached us, deliveries by when
 * they were sent (first deliveries only, as on the overview), failures by when the email was queued.
 */
export async function getDigestFigures(day: string): Promise<DigestFigures> {
  const { start, end } = dayBounds(day);
  const inDay = { gte: start, lt: end };
  const [paid, deliveriesSent, deliveriesFailed, stillFailing, latencies, webhookEvents, duplicates] = await Promise.all([
    db.order.findMany({ where: { paidAt: inDay }, select: { amountTotal: true, currency: true } }),
    db.outboxMessage.count({ where: { kind: "order_delivered", status: "sent", sentAt: inDay } }),
    db.outboxMessage.count({ where: { kind: "order_delivered", status: "failed", createdAt: inDay } }),
    db.outboxMessage.count({ where: { status: "failed" } }),
    getDeliveryLatencies({ sentFrom: start, sentBefore: end }),
    db.stripeEvent.count({ where: { receivedAt: inDay } }),
    db.stripeEvent.aggregate({ where: { receivedAt: inDay }, _sum: { duplicates: true } }),
  ]);
  const summary = summarizeLatencies(latencies.map((latency) => latency.ms));
  const slowest = latencies.reduce<(typeof latencies)[number] | null>((worst, latency) => (!worst || latency.ms > worst.ms ? latency : worst), null);
  return {
    day,
    orders: paid.length,
    revenue: sumByCurrency(paid),
    deliveriesSent,
    deliveriesFailed,
    stillFailing,
    p50Ms: summary.p50Ms,
    p95Ms: summary.p95Ms,
    slowest: slowest ? { orderId: slowest.orderId, email: slowest.email, ms: slowest.ms } : null,
    webhookEvents,
    duplicatesAbsorbed: duplicates._sum.duplicates ?? 0,
  };
}
