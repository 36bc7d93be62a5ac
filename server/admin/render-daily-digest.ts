// Renders a queued digest from the figures stored in its payload: numbers into the seller's words.
import "server-only";
import { createElement } from "react";
import { render } from "@react-email/render";
import { getEnv } from "@/server/env";
import { formatMoney } from "@/server/catalog/format-money";
import { DailyDigestEmail, dailyDigestSubject, type DigestLine } from "@/emails/daily-digest";
import { formatDuration } from "@/server/admin/summarize-latencies";
import type { DigestFigures } from "@/server/admin/get-digest-figures";
import type { RenderedEmail } from "@/server/outbox/render-message";

export function digestDayText(day: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** The lines and alerts of a digest, separate from the markup so their words can be checked. */
export function describeDigest(figures: DigestFigures): { lines: DigestLine[]; alerts: string[] } {
  const revenue = figures.revenue.length ? figures.revenue.map((money) => formatMoney(money.amount, money.currency)).join(" + ") : formatMoney(0, "usd");
  const lines: DigestLine[] = [
    { label: "Orders", value: String(figures.orders) },
    { label: "Revenue", value: revenue },
    { label: "Delivery emails sent", value: String(figures.deliveriesSent) },
    { label: "Delivery emails failed", value: String(figures.deliveriesFailed), isAlert: figures.deliveriesFailed > 0 },
    { label: "Payment to email (median / 95th)", value: `${formatDuration(figures.p50Ms)} / ${formatDuration(figures.p95Ms)}` },
    { label: "Slowest delivery", value: figures.slowest ? `${formatDuration(figures.slowest.ms)} (${figures.slowest.email}, order ${figures.slowest.orderId})` : "none sent" },
    { label: "Stripe events received", value: `${figures.webhookEvents} (${figures.duplicatesAbsorbed} duplicate${figures.duplicatesAbsorbed === 1 ? "" : "s"} absorbed)` },
  ];
  const alerts: string[] = [];
  if (figures.stillFailing > 0) {
    alerts.push(`${figures.stillFailing} email${figures.stillFailing === 1 ? " has" : "s have"} failed for good and wait for you. Open the deliveries page to see why and retry.`);
  }
  return { lines, alerts };
}

/** The payload carries its recipient: drain-outbox stores whatever address the renderer returns. */
export async function renderDailyDigest(payload: { to: string; figures: DigestFigures }): Promise<RenderedEmail> {
  const env = getEnv();
  const { lines, alerts } = describeDigest(payload.figures);
  const props = { storeName: env.STORE_NAME, supportEmail: env.SUPPORT_EMAIL, dayText: digestDayText(payload.figures.day), lines, alerts, dashboardUrl: `${env.APP_URL}/admin` };
  const element = createElement(DailyDigestEmail, props);
  return {
    to: payload.to,
    subject: dailyDigestSubject(props),
    html: await render(element),
    text: await render(element, { plainText: true }),
  };
}
