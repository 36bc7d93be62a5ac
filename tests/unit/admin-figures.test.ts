// The dashboard's arithmetic: percentiles, histogram, periods, the SVG chart's geometry, the digest's words.
import { describe, expect, it } from "vitest";
import { formatDuration, summarizeLatencies } from "@/server/admin/summarize-latencies";
import { dailySeries, salesPeriods, sumByCurrency } from "@/server/admin/summarize-orders";
import { buildBarChart } from "@/server/admin/build-bar-chart";
import { describeDigest } from "@/server/admin/render-daily-digest";
import { defaultDigestDay } from "@/server/admin/send-daily-digest";
import { adminRevocationReason, isAdminRevocation } from "@/server/admin/admin-revocation";

describe("summarizeLatencies", () => {
  it("gives nearest-rank p50, p95 and max", () => {
    const values = Array.from({ length: 100 }, (_, index) => (index + 1) * 100); // 100 ms … 10 s
    const summary = summarizeLatencies(values.reverse());
    expect(summary).toMatchObject({ count: 100, p50Ms: 5_000, p95Ms: 9_500, maxMs: 10_000 });
  });
  it("says nothing rather than zero when nothing was measured", () => {
    expect(summarizeLatencies([])).toMatchObject({ count: 0, p50Ms: null, p95Ms: null, maxMs: null });
  });
  it("puts each latency in exactly one bucket, edges included in the upper one", () => {
    const { buckets } = summarizeLatencies([0, 999, 1_000, 4_999, 5_000, 60_000, 3_600_000, -5]);
    const counts = Object.fromEntries(buckets.map((bucket) => [bucket.label, bucket.count]));
    expect(counts).toMatchObject({ "<1s": 3, "1–2s": 1, "2–5s": 1, "5–10s": 1, "1–5m": 1, "30m+": 1 });
    expect(buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(8);
  });
  it("formats durations for people", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(4_230)).toBe("4.2 s");
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(185_000)).toBe("3 min 5 s");
    expect(formatDuration(null)).toBe("–");
  });
});

describe("sales periods and days", () => {
  const now = new Date("2026-11-30T15:00:00Z");
  it("start today at midnight UTC and roll 7 and 30 days back from now", () => {
    expect(salesPeriods(now).map((period) => [period.key, period.since.toISOString()])).toEqual([
      ["today", "2026-11-30T00:00:00.000Z"],
      ["7d", "2026-11-23T15:00:00.000Z"],
      ["30d", "2026-10-31T15:00:00.000Z"],
    ]);
  });
  it("give one bar per day for 30 days, zeros included", () => {
    const daily = dailySeries(new Map([["2026-11-30", 2], ["2026-11-01", 1], ["2026-10-31", 9]]), now);
    expect(daily).toHaveLength(30);
    expect(daily[0]).toEqual({ day: "2026-11-01", orders: 1 });
    expect(daily.at(-1)).toEqual({ day: "2026-11-30", orders: 2 });
    expect(daily.slice(1, -1).every((day) => day.orders === 0)).toBe(true);
  });
  it("never add different currencies together", () => {
    expect(sumByCurrency([{ amountTotal: 100, currency: "usd" }, { amountTotal: 300, currency: "jpy" }, { amountTotal: 50, currency: "usd" }])).toEqual([
      { currency: "jpy", amount: 300 },
      { currency: "usd", amount: 150 },
    ]);
  });
});

describe("buildBarChart", () => {
  it("scales bars to the tallest and keeps them inside the plot", () => {
    const chart = buildBarChart({ bars: [{ label: "a", value: 1 }, { label: "b", value: 4 }, { label: "c", value: 0 }], width: 300, height: 122 });
    expect(chart.maxValue).toBe(4);
    const [a, b, c] = chart.bars;
    expect(b!.y).toBe(chart.plotTop);
    expect(b!.y + b!.height).toBe(chart.plotBottom);
    expect(a!.height).toBe(21); // a quarter of the 84px plot
    expect(c!.height).toBe(1);
    expect(chart.bars.every((bar) => bar.x >= 0 && bar.x + bar.width <= 300)).toBe(true);
  });
  it("draws a flat baseline when everything is zero", () => {
    const chart = buildBarChart({ bars: [{ label: "a", value: 0 }, { label: "b", value: 0 }] });
    expect(chart.bars.every((bar) => bar.height === 1 && bar.y === chart.plotBottom - 1)).toBe(true);
  });
  it("thins labels out when there are many bars", () => {
    expect(buildBarChart({ bars: Array.from({ length: 30 }, (_, index) => ({ label: String(index), value: index })), maxLabels: 6 }).showEveryNthLabel).toBe(5);
  });
});

describe("digest", () => {
  it("covers yesterday in UTC", () => {
    expect(defaultDigestDay(new Date("2026-12-01T00:30:00Z"))).toBe("2026-11-30");
    expect(defaultDigestDay(new Date("2026-11-30T23:59:00Z"))).toBe("2026-11-29");
  });
  it("words the figures it was given", () => {
    const { lines, alerts } = describeDigest({
      day: "2026-11-29",
      orders: 3,
      revenue: [{ currency: "usd", amount: 6700 }, { currency: "eur", amount: 500 }],
      deliveriesSent: 3,
      deliveriesFailed: 1,
      stillFailing: 2,
      p50Ms: 1_200,
      p95Ms: 4_000,
      slowest: { orderId: "ord_1", email: "slow@example.com", ms: 8_100 },
      webhookEvents: 5,
      duplicatesAbsorbed: 2,
    });
    const byLabel = Object.fromEntries(lines.map((line) => [line.label, line.value]));
    expect(byLabel).toMatchObject({
      Orders: "3",
      Revenue: "$67.00 + €5.00",
      "Delivery emails sent": "3",
      "Delivery emails failed": "1",
      "Payment to email (median / 95th)": "1.2 s / 4.0 s",
      "Slowest delivery": "8.1 s (slow@example.com, order ord_1)",
      "Stripe events received": "5 (2 duplicates absorbed)",
    });
    expect(alerts).toEqual(["2 emails have failed for good and wait for you. Open the deliveries page to see why and retry."]);
  });
});

describe("admin revocation reasons", () => {
  it("are told apart from refunds and disputes", () => {
    expect(adminRevocationReason("chargeback abuse")).toBe("admin: chargeback abuse");
    expect(isAdminRevocation("admin: chargeback abuse")).toBe(true);
    expect(isAdminRevocation("admin")).toBe(true);
    expect(isAdminRevocation("disputed")).toBe(false);
    expect(isAdminRevocation("refunded")).toBe(false);
    expect(isAdminRevocation("administrative")).toBe(false);
    expect(isAdminRevocation(null)).toBe(false);
  });
});
