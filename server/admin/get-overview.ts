// Everything the overview shows in one look: sales, deliveries, how fast mail goes out, webhook intake.
import "server-only";
import { db } from "@/server/db";
import { buildBarChart, type BarChart } from "@/server/admin/build-bar-chart";
import { getDeliveryLatencies } from "@/server/admin/get-delivery-latencies";
import { summarizeLatencies, type LatencySummary } from "@/server/admin/summarize-latencies";
import { summarizeOrders, type PeriodFigures } from "@/server/admin/summarize-orders";

export type Overview = {
  generatedAt: Date;
  periods: PeriodFigures[];
  ordersChart: BarChart;
  deliveries: { sent30d: number; waiting: number; retrying: number; failed: number };
  latency: LatencySummary & { chart: BarChart };
  webhooks: { received30d: number; duplicates30d: number; signatureFailures: number; notProcessed: number };
};

const DAY_MS = 86_400_000;

export async function getOverview(now = new Date()): Promise<Overview> {
  const since30d = new Date(now.getTime() - 30 * DAY_MS);
  const [paidOrders, sent30d, waiting, retrying, failed, latencies, received30d, duplicates, signatureFailures, notProcessed] = await Promise.all([
    db.order.findMany({ where: { paidAt: { gte: since30d, lte: now } }, select: { paidAt: true, amountTotal: true, currency: true } }),
    db.outboxMessage.count({ where: { kind: "order_delivered", status: "sent", sentAt: { gte: since30d } } }),
    db.outboxMessage.count({ where: { kind: "order_delivered", status: { in: ["pending", "sending"] } } }),
    db.outboxMessage.count({ where: { kind: "order_delivered", status: "pending", attempts: { gt: 0 } } }),
    db.outboxMessage.count({ where: { kind: "order_delivered", status: "failed" } }),
    getDeliveryLatencies({ sentFrom: since30d, sentBefore: new Date(now.getTime() + 1) }),
    db.stripeEvent.count({ where: { receivedAt: { gte: since30d } } }),
    db.stripeEvent.aggregate({ where: { receivedAt: { gte: since30d } }, _sum: { duplicates: true } }),
    db.metric.findUnique({ where: { key: "webhook_signature_failures" }, select: { value: true } }),
    db.stripeEvent.count({ where: { status: { in: ["pending", "processing", "waiting", "failed"] } } }),
  ]);
  const orders = summarizeOrders(
    paidOrders.map((order) => ({ paidAt: order.paidAt!, amountTotal: order.amountTotal, currency: order.currency })),
    now,
  );
  const summary = summarizeLatencies(latencies.map((latency) => latency.ms));
  return {
    generatedAt: now,
    periods: orders.periods,
    ordersChart: buildBarChart({
      bars: orders.daily.map((day) => ({ label: day.day.slice(5), value: day.orders, title: `${day.day}: ${day.orders} order${day.orders === 1 ? "" : "s"}` })),
      gap: 3,
      maxLabels: 6,
    }),
    deliveries: { sent30d, waiting, retrying, failed },
    latency: {
      ...summary,
      chart: buildBarChart({
        bars: summary.buckets.map((bucket) => ({ label: bucket.label, value: bucket.count, title: `${bucket.label}: ${bucket.count} deliver${bucket.count === 1 ? "y" : "ies"}` })),
      }),
    },
    webhooks: { received30d, duplicates30d: duplicates._sum.duplicates ?? 0, signatureFailures: signatureFailures?.value ?? 0, notProcessed },
  };
}
