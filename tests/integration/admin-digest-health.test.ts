// The seller's morning digest from data we set up (cron route and `npm run digest`), /api/health's
// 503 when mail stops flowing, and the JSON log lines that tie events to orders.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, repoRoot, startTestApp, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { checkoutSession, makeEvent, postEvent } from "../support/stripe-events";
import { portalClient } from "../support/portal-client";

let app: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;

const cronSecret = "cron-secret-for-tests-0123456789";
const seller = "seller@example.com";
const dayMs = 86_400_000;
const utcDay = (date: Date) => date.toISOString().slice(0, 10);
const day = utcDay(new Date(Date.now() - 3 * dayMs));
const at = (time: string, plusMs = 0) => new Date(new Date(`${day}T${time}Z`).getTime() + plusMs);

beforeAll(async () => {
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
  app = await startTestApp({
    resendBaseUrl: resend.url,
    stripeApiBase: stripe.url,
    env: { ADMIN_EMAILS: "owner@example.com", SELLER_EMAIL: seller, CRON_SECRET: cronSecret, HEALTH_OUTBOX_MAX_AGE_SECONDS: "60", LOG_LEVEL: "info" },
  });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([resend?.close(), stripe?.close()]);
});

/** A paid order through the real webhook; returns its id and its Stripe event id. */
async function order(email: string, overrides: Record<string, unknown> = {}) {
  const session = checkoutSession({ customer_details: { email }, ...overrides });
  const event = makeEvent(session);
  expect((await postEvent(app.url, event, { secret: app.webhookSecret })).status).toBe(200);
  const sent = await eventually(async () => (await app.query<{ orderId: string }>('SELECT "orderId" FROM "OutboxMessage" WHERE "to" = ? AND status = ?', email, "sent"))[0], `delivery to ${email}`);
  return { orderId: sent.orderId, event };
}

/** Moves an order's payment and its first delivery to the given moments, as if they happened then. */
async function placeAt(orderId: string, paidAt: Date, sentAt: Date | null, eventId?: string) {
  await app.query('UPDATE "Order" SET "paidAt" = ?, "createdAt" = ? WHERE id = ?', paidAt, paidAt, orderId);
  if (sentAt) await app.query('UPDATE "OutboxMessage" SET "sentAt" = ?, "createdAt" = ? WHERE "dedupeKey" = ?', sentAt, paidAt, `order_delivered:${orderId}`);
  if (eventId) await app.query('UPDATE "StripeEvent" SET "receivedAt" = ? WHERE id = ?', paidAt, eventId);
}

function cron(path: string, token: string | null = cronSecret, method = "POST") {
  return fetch(`${app.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe("daily digest", () => {
  it("reports the day's figures exactly as the data says, once per day", async () => {
    const first = await order("first@example.com");
    const second = await order("second@example.com", { metadata: { product: "focus-timer" }, amount_total: 2900 });
    const slow = await order("slow@example.com", { currency: "eur", amount_total: 500 });
    const previousDay = await order("previous@example.com");
    const failing = await order("failing@example.com");
    // A repeat delivery of the first event: absorbed, and counted as such.
    expect((await postEvent(app.url, first.event, { secret: app.webhookSecret })).status).toBe(200);

    await placeAt(first.orderId, at("09:00:00"), at("09:00:00", 1_200), first.event.id);
    await placeAt(second.orderId, at("12:00:00"), at("12:00:00", 3_000), second.event.id);
    await placeAt(slow.orderId, at("18:00:00"), at("18:00:00", 9_100), slow.event.id);
    await placeAt(previousDay.orderId, at("10:00:00", -dayMs), at("10:00:01", -dayMs));
    await placeAt(failing.orderId, at("20:00:00"), null);
    await app.query('UPDATE "OutboxMessage" SET status = ?, "sentAt" = NULL, "createdAt" = ?, "lastError" = ? WHERE "dedupeKey" = ?', "failed", at("20:00:00"), "422 validation_error: bad address", `order_delivered:${failing.orderId}`);
    // A resend hours later is a delivery email sent, but never a latency.
    await app.query(
      'INSERT INTO "OutboxMessage" (id, kind, "dedupeKey", "to", payload, "orderId", status, attempts, "nextAttemptAt", "createdAt", "sentAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      "msg_resend_digest", "order_delivered", `order_delivered:${first.orderId}:resend:digest`, "first@example.com", JSON.stringify({ orderId: first.orderId }), first.orderId, "sent", 1, at("15:00:00"), at("15:00:00"), at("15:00:02"),
    );

    expect((await cron(`/api/cron/digest?day=${day}`, null)).status).toBe(401);
    expect((await cron(`/api/cron/digest?day=${day}`, "wrong")).status).toBe(401);
    expect((await cron(`/api/cron/digest?day=${utcDay(new Date(Date.now() + 2 * dayMs))}`)).status).toBe(400);

    const response = await cron(`/api/cron/digest?day=${day}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { figures: unknown; messages: Array<{ to: string; isNew: boolean }> };
    expect(body.figures).toEqual({
      day,
      orders: 4,
      revenue: [{ currency: "usd", amount: 6700 }, { currency: "eur", amount: 500 }],
      deliveriesSent: 4,
      deliveriesFailed: 1,
      stillFailing: 1,
      p50Ms: 3_000,
      p95Ms: 9_100,
      slowest: { orderId: slow.orderId, email: "slow@example.com", ms: 9_100 },
      webhookEvents: 3,
      duplicatesAbsorbed: 1,
    });
    expect(body.messages).toEqual([{ id: expect.any(String), to: seller, isNew: true }]);

    const digest = await eventually(() => resend.emails.find((mail) => mail.to === seller), "digest email");
    const dayText = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
    expect(digest.subject).toBe(`Handoff Demo Store daily digest for ${dayText}: needs a look`);
    for (const line of [
      "Orders: 4",
      "Revenue: $67.00 + €5.00",
      "Delivery emails sent: 4",
      "Delivery emails failed: 1",
      "Payment to email (median / 95th): 3.0 s / 9.1 s",
      `Slowest delivery: 9.1 s (slow@example.com, order ${slow.orderId})`,
      "Stripe events received: 3 (1 duplicate absorbed)",
      "1 email has failed for good",
    ]) {
      expect(digest.text, line).toContain(line);
      expect(digest.html.replace(/<!-- -->/g, "").replace(/<\/?strong>/g, ""), line).toContain(line.replace("&", "&amp;"));
    }
    expect(digest.html).toContain(`href="${app.url}/admin"`);

    const again = await cron(`/api/cron/digest?day=${day}`, cronSecret, "GET");
    expect(((await again.json()) as { messages: Array<{ isNew: boolean }> }).messages).toEqual([{ id: expect.any(String), to: seller, isNew: false }]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(resend.emails.filter((mail) => mail.to === seller)).toHaveLength(1);
  });

  it("is queued by `npm run digest` from the server's environment and sent by the running app", async () => {
    const otherDay = utcDay(new Date(Date.now() - 5 * dayMs));
    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "digest", "--", "--day", otherDay], { cwd: repoRoot, env: app.env as NodeJS.ProcessEnv, timeout: 90_000 });
    expect(stdout).toContain(`Digest for ${otherDay} to ${seller}: sent`);
    expect(stdout).toContain('"orders": 0');
    await eventually(() => resend.emails.filter((mail) => mail.to === seller).length === 2, "second digest");
    const rerun = await promisify(execFile)("npm", ["run", "--silent", "digest", "--", "--day", otherDay], { cwd: repoRoot, env: app.env as NodeJS.ProcessEnv, timeout: 90_000 });
    expect(rerun.stdout).toContain(`Digest for ${otherDay} to ${seller}: sent`);
    expect(resend.emails.filter((mail) => mail.to === seller)).toHaveLength(2);
  }, 180_000);
});

describe("GET /api/health", () => {
  it("turns 503 when the oldest unsent email is older than the threshold, and back to 200", async () => {
    const healthy = await fetch(`${app.url}/api/health`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toMatchObject({ ok: true, database: "ok", migrations: { pending: [] }, outbox: { maxAgeSeconds: 60 }, problems: [] });

    // Waiting for its next try (a provider outage): still unsent after two minutes.
    await app.query(
      'INSERT INTO "OutboxMessage" (id, kind, "dedupeKey", "to", payload, status, attempts, "nextAttemptAt", "createdAt", "lastError") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      "msg_stuck", "order_delivered", "stuck", "stuck@example.com", JSON.stringify({ orderId: "none" }), "pending", 3, new Date(Date.now() + 3_600_000), new Date(Date.now() - 120_000), "503 application_error",
    );
    const stuck = await fetch(`${app.url}/api/health`);
    expect(stuck.status).toBe(503);
    const body = (await stuck.json()) as { ok: boolean; database: string; outbox: { oldestPendingAgeSeconds: number; pending: number }; lastWebhookAt: string | null; problems: string[] };
    expect(body).toMatchObject({ ok: false, database: "ok" });
    expect(body.outbox.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(120);
    expect(body.outbox.pending).toBeGreaterThanOrEqual(1);
    expect(body.problems.join(" ")).toMatch(/The oldest unsent email has waited \d+ s \(limit 60 s\)/);

    await app.query('UPDATE "OutboxMessage" SET status = ? WHERE id = ?', "cancelled", "msg_stuck");
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });
});

describe("structured logs", () => {
  it("write one JSON line per event, carrying the event and order ids along the path", async () => {
    const { orderId, event } = await order("logged@example.com");
    const mail = resend.emails.find((email) => email.to === "logged@example.com")!;
    const link = /href="([^"]*\/download\/[^"]+)"/.exec(mail.html)![1]!.replace(/&amp;/g, "&");
    expect((await fetch(link)).status).toBe(200);
    const lines = await eventually(() => {
      const parsed = app.logs().split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
      return parsed.some((line) => line.event === "download_served" && line.orderId === orderId) ? parsed : null;
    }, "download log line");
    const find = (name: string, match: (line: Record<string, unknown>) => boolean) => lines.find((line) => line.event === name && match(line));
    expect(find("webhook_received", (line) => line.eventId === event.id)).toMatchObject({ level: "info", type: "checkout.session.completed" });
    expect(find("webhook_processed", (line) => line.eventId === event.id)).toMatchObject({ outcome: "done" });
    expect(find("fulfillment_done", (line) => line.eventId === event.id)).toMatchObject({ orderId, deliveredNow: true });
    expect(find("outbox_sent", (line) => (line.orderIds as string[] | undefined)?.includes(orderId) ?? false)).toBeTruthy();
    expect(find("download_served", (line) => line.orderId === orderId)).toMatchObject({ outcome: "served", counted: true });
    expect(lines.every((line) => typeof line.time === "string" && typeof line.level === "string")).toBe(true);
  });
});

describe("the overview's figures", () => {
  it("match what the database holds, counted independently", async () => {
    expect((await postEvent(app.url, makeEvent(checkoutSession()), { secret: "whsec_not_ours" })).status).toBe(400);
    const cookie = await portalClient(app, resend).signIn("owner@example.com");
    const response = await fetch(`${app.url}/api/admin/overview`, { headers: { cookie } });
    expect(response.status).toBe(200);
    const overview = (await response.json()) as {
      generatedAt: string;
      periods: Array<{ key: string; orders: number; revenue: Array<{ currency: string; amount: number }> }>;
      deliveries: { sent30d: number; waiting: number; failed: number };
      latency: { count: number; p50Ms: number; p95Ms: number; maxMs: number; isSample: boolean };
      webhooks: { received30d: number; duplicates30d: number; signatureFailures: number };
    };
    const now = new Date(overview.generatedAt);
    const since = new Date(now.getTime() - 30 * dayMs);
    const today = new Date(`${utcDay(now)}T00:00:00Z`);
    const money = async (from: Date) =>
      app.query<{ n: number; currency: string; amount: number }>('SELECT COUNT(*) AS n, currency, SUM("amountTotal") AS amount FROM "Order" WHERE "paidAt" >= ? AND "paidAt" <= ? GROUP BY currency ORDER BY amount DESC', from, now);
    for (const [key, from] of [["today", today], ["7d", new Date(now.getTime() - 7 * dayMs)], ["30d", since]] as const) {
      const rows = await money(from);
      const period = overview.periods.find((candidate) => candidate.key === key)!;
      expect(period.orders, key).toBe(rows.reduce((sum, row) => sum + Number(row.n), 0));
      expect(period.revenue, key).toEqual(rows.map((row) => ({ currency: row.currency, amount: Number(row.amount) })));
    }
    expect(overview.periods.find((period) => period.key === "7d")!.orders).toBeGreaterThanOrEqual(4); // the digest's day is in it

    const latencies = (await app.query<{ sentAt: string | Date; paidAt: string | Date }>(
      'SELECT m."sentAt", o."paidAt" FROM "OutboxMessage" m JOIN "Order" o ON o.id = m."orderId" WHERE m.kind = ? AND m.status = ? AND m."sentAt" >= ? AND m."dedupeKey" = ? || o.id',
      "order_delivered", "sent", since, "order_delivered:",
    )).map((row) => Math.max(0, new Date(row.sentAt).getTime() - new Date(row.paidAt).getTime())).sort((a, b) => a - b); // text on SQLite, Date on PostgreSQL
    const rank = (q: number) => latencies[Math.max(1, Math.ceil(q * latencies.length)) - 1];
    expect(overview.latency).toMatchObject({ count: latencies.length, p50Ms: rank(0.5), p95Ms: rank(0.95), maxMs: latencies.at(-1), isSample: false });

    const [sent] = await app.query<{ n: number }>('SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE kind = ? AND status = ? AND "sentAt" >= ?', "order_delivered", "sent", since);
    const [failed] = await app.query<{ n: number }>('SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE kind = ? AND status = ?', "order_delivered", "failed");
    expect(overview.deliveries).toMatchObject({ sent30d: Number(sent!.n), failed: Number(failed!.n) });
    const [events] = await app.query<{ n: number; duplicates: number }>('SELECT COUNT(*) AS n, SUM(duplicates) AS duplicates FROM "StripeEvent" WHERE "receivedAt" >= ?', since);
    expect(overview.webhooks).toEqual({ received30d: Number(events!.n), duplicates30d: Number(events!.duplicates), signatureFailures: 1, notProcessed: 0 });
  });
});
