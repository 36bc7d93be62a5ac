// Everything the overview shows in one look: sales, deliveries, how fast mail goes out, webhook intake.
import "server-only";
import { db } from "@/server/db";
import { buildBarChart, type BarChart } from "@/server/admin/build-bar-chart";
import { getDeliveryLatencies } from "@/server/admin/get-delivery-latencies";
import { summarizeLatencies, type LatencySummary } from "@/server/admin/summarize-latencies";
import { getSalesFigures } from "@/server/admin/get-sales-figures";
import type { PeriodFigures } from "@/server/admin/summarize-orders";

export type Overview = {
  generatedAt: Date;
  periods: PeriodFigures[];
  ordersChart: BarChart;
  deliveries: { sent30d: number; waiting: number; retrying: number; failed: number };
  /** Over the latest LATENCY_SAMPLE first deliveries of 30 days (isSample when there were more). */
  latency: LatencySummary & { chart: BarChart; isSample: boolean };
  webhooks: { received30d: number; duplicates30d: number; signatureFailures: number; notProcessed: number };
};

const DAY_MS = 86_400_000;
/** Enough for stable percentiles, few enough rows to keep the page fast for a busy store. */
export const LATENCY_SAMPLE = 2_000;

export async function getOverview(now = new Date()): Promise<Overview> {
  const since30d = new Date(now.getTime() - 30 * DAY_MS);
  const [orders, sent30d, waiting, retrying, failed, latencies, received30d, duplicates, signatureFailures, notProcessed] = await Promise.all([
    getSalesFigures(now),
    db.outboxMessage.count({ where: { kind: "order_delivered", status: "sent", sentAt: { gte: since30d } } }),
    db.outboxMessage.count({ where: { kind: "order_delivered", status: { in: ["pending", "sending"] } } }),
    db.outboxMessage.count({ where: { kind: "order_delivered", status: "pending", attempts: { gt: 0 } } }),
    db.outboxMessage.count({ where: { kind: "order_delivered", status: "failed" } }),
    getDeliveryLatencies({ sentFrom: since30d, sentBefore: new Date(now.getTime() + 1), limit: LATENCY_SAMPLE }),
    db.stripeEvent.count({ where: { receivedAt: { gte: since30d } } }),
    db.stripeEvent.aggregate({ where: { receivedAt: { gte: since30d } }, _sum: { duplicates: true } }),
    db.metric.findUnique({ where: { key: "webhook_signature_failures" }, select: { value: true } }),
    db.stripeEvent.count({ where: { status: { in: ["pending", "processing", "waiting", "failed"] } } }),
  ]);
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
      isSample: latencies.length === LATENCY_SAMPLE,
      chart: buildBarChart({
        bars: summary.buckets.map((bucket) => ({ label: bucket.label, value: bucket.count, title: `${bucket.label}: ${bucket.count} deliver${bucket.count === 1 ? "y" : "ies"}` })),
      }),
    },
    webhooks: { received30d, duplicates30d: duplicates._sum.duplicates ?? 0, signatureFailures: signatureFailures?.value ?? 0, notProcessed },
  };
}
