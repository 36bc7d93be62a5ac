// The outbox under trouble: provider outages, throttling, bursts, two processes draining, a crash.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, eventually, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { checkoutSession, makeEvent, postEvent } from "../support/stripe-events";

let resend: ResendDouble;
let stripe: StripeDouble;

beforeAll(async () => {
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
});

afterAll(async () => {
  await Promise.all([resend?.close(), stripe?.close()]);
});

const mailsTo = (prefix: string) => resend.emails.filter((mail) => String(mail.to).startsWith(prefix));

async function buyMany(app: TestApp, prefix: string, count: number) {
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      postEvent(app.url, makeEvent(checkoutSession({ customer_details: { email: `${prefix}${index}@example.com` } })), { secret: app.webhookSecret }),
    ),
  );
}

describe("provider outages", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url, env: { MAIL_RETRY_BASE_MS: "150" } });
  });
  afterAll(() => app?.stop());

  it("holds mail while the provider is down and sends each email exactly once when it is back", async () => {
    resend.setDown(true, 503);
    await buyMany(app, "outage", 5);
    await eventually(async () => (await app.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "lastError" IS NOT NULL`))[0]!.n >= 1, "a failed try recorded");
    expect(mailsTo("outage")).toHaveLength(0);
    resend.setDown(false);
    await eventually(() => mailsTo("outage").length === 5, "all five delivered", 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(new Set(mailsTo("outage").map((mail) => mail.to)).size).toBe(5);
    expect(mailsTo("outage")).toHaveLength(5);
    const rows = await app.query<{ status: string }>(`SELECT status FROM "OutboxMessage" WHERE "to" LIKE 'outage%'`);
    expect(rows.every((row) => row.status === "sent")).toBe(true);
  });

  it("gives up on a permanent refusal at once and surfaces it", async () => {
    resend.failNext(1, 422);
    await buyMany(app, "refused", 1);
    const [row] = await eventually(async () => {
      const rows = await app.query<{ status: string; lastError: string; attempts: number }>(`SELECT status, "lastError", attempts FROM "OutboxMessage" WHERE "to" = 'refused0@example.com'`);
      return rows[0]?.status === "failed" ? rows : null;
    }, "marked failed");
    expect(row!.lastError).toMatch(/^422/);
    expect(row!.attempts).toBe(1);
    const health = (await (await fetch(`${app.url}/api/health`)).json()) as { outbox: { failed: number } };
    expect(health.outbox.failed).toBeGreaterThanOrEqual(1);
  });
});

describe("a batch refused for one bad address", () => {
  it("sends every other member alone, once each, and fails only the refused one", async () => {
    const app = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url, env: { MAIL_RETRY_BASE_MS: "100" } });
    try {
      await buyMany(app, "split", 3);
      await eventually(() => mailsTo("split").length === 3, "first deliveries");
      const orders = await app.query<{ id: string; email: string }>(`SELECT id, email FROM "Order" WHERE email LIKE 'split%' ORDER BY email`);
      resend.failNextTo("split1@example.com", 10, 422);
      const requestsBefore = resend.requests.length;
      // One statement, so the outbox sees all three due at once and claims them as one batch.
      const now = new Date();
      await app.query(
        `INSERT INTO "OutboxMessage" (id, kind, "dedupeKey", "to", payload, "orderId", status, attempts, "nextAttemptAt", "createdAt") VALUES ${orders.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
        ...orders.flatMap((order, index) => [`msg_split_${index}`, "order_delivered", `order_delivered:${order.id}:split`, order.email, JSON.stringify({ orderId: order.id }), order.id, "pending", 0, now, now]),
      );
      const [refused] = await eventually(async () => {
        const rows = await app.query<{ status: string; lastError: string }>(`SELECT status, "lastError" FROM "OutboxMessage" WHERE id = 'msg_split_1'`);
        return rows[0]?.status === "failed" ? rows : null;
      }, "the refused one marked failed");
      expect(refused!.lastError).toMatch(/^422/);
      await eventually(() => mailsTo("split").length === 5, "the other two sent again");
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const requests = resend.requests.slice(requestsBefore).filter((request) => request.body.includes("split"));
      expect(requests[0]!.path).toBe("/emails/batch");
      expect(requests.slice(1).every((request) => request.path === "/emails")).toBe(true);
      const keys = requests.map((request) => request.headers["idempotency-key"]);
      expect(new Set(keys).size).toBe(keys.length);
      expect(mailsTo("split").map((mail) => mail.to).sort()).toEqual(["split0@example.com", "split0@example.com", "split1@example.com", "split2@example.com", "split2@example.com"]);
      const rows = await app.query<{ id: string; status: string }>(`SELECT id, status FROM "OutboxMessage" WHERE id LIKE 'msg_split_%' ORDER BY id`);
      expect(rows.map((row) => row.status)).toEqual(["sent", "failed", "sent"]);
    } finally {
      await app.stop();
    }
  });
});

describe("a message that cannot be rendered", () => {
  it("fails alone, at once, and the rest of its batch is sent", async () => {
    const app = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url });
    try {
      await buyMany(app, "poison", 2);
      await eventually(() => mailsTo("poison").length === 2, "first deliveries");
      const orders = await app.query<{ id: string; email: string }>(`SELECT id, email FROM "Order" WHERE email LIKE 'poison%' ORDER BY email`);
      // One statement, so all three are due at once and claimed as one batch; the middle one is of a
      // kind this version has no template for (queued by a newer release, say).
      const now = new Date();
      const rows = [
        ["msg_poison_0", "order_delivered", orders[0]!.email, JSON.stringify({ orderId: orders[0]!.id }), orders[0]!.id],
        ["msg_poison_1", "receipt_v9", "poison-x@example.com", "{}", null],
        ["msg_poison_2", "order_delivered", orders[1]!.email, JSON.stringify({ orderId: orders[1]!.id }), orders[1]!.id],
      ];
      await app.query(
        `INSERT INTO "OutboxMessage" (id, kind, "dedupeKey", "to", payload, "orderId", status, attempts, "nextAttemptAt", "createdAt") VALUES ${rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
        ...rows.flatMap(([id, kind, to, payload, orderId]) => [id, kind, `${kind}:${id}`, to, payload, orderId, "pending", 0, now, now]),
      );
      // Well within the two-minute lease a stuck batch would wait for.
      await eventually(() => mailsTo("poison").length === 4, "the two good ones sent", 10_000);
      const [poisoned] = await eventually(async () => {
        const found = await app.query<{ status: string; lastError: string; leaseOwner: string | null }>(`SELECT status, "lastError", "leaseOwner" FROM "OutboxMessage" WHERE id = 'msg_poison_1'`);
        return found[0]?.status === "failed" ? found : null;
      }, "the unrenderable one marked failed");
      expect(poisoned!.lastError).toMatch(/receipt_v9/);
      expect(poisoned!.leaseOwner).toBeNull();
      expect(mailsTo("poison-x")).toHaveLength(0);
    } finally {
      await app.stop();
    }
  });
});

describe("a message that cannot be rendered, alone", () => {
  it("is tried again with backoff a bounded number of times, then failed and reported", async () => {
    const app = await startTestApp({ resendBaseUrl: resend.url, env: { MAIL_MAX_ATTEMPTS: "3", MAIL_RETRY_BASE_MS: "100", SELLER_EMAIL: "seller@example.com" } });
    try {
      // A delivery email whose payload no version can read (cut short on its way to the disk, say).
      const now = new Date();
      await app.query(
        `INSERT INTO "OutboxMessage" (id, kind, "dedupeKey", "to", payload, status, attempts, "nextAttemptAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        "msg_lone_poison", "order_delivered", "order_delivered:msg_lone_poison", "lone-poison@example.com", '{"orderId": "ord_', "pending", 0, now, now,
      );
      // Well within the two-minute lease a pass that threw used to leave it under.
      const [row] = await eventually(async () => {
        const rows = await app.query<{ status: string; attempts: number; lastError: string; leaseOwner: string | null }>(`SELECT status, attempts, "lastError", "leaseOwner" FROM "OutboxMessage" WHERE id = 'msg_lone_poison'`);
        return rows[0]?.status === "failed" ? rows : null;
      }, "failed after its tries", 15_000);
      expect(row!.attempts).toBe(3);
      expect(row!.lastError).toMatch(/JSON/);
      expect(row!.leaseOwner).toBeNull();
      await eventually(async () => (await app.query(`SELECT id FROM "OutboxMessage" WHERE "dedupeKey" = 'seller_alert:delivery_failed:msg_lone_poison'`)).length === 1, "the seller alerted");
      expect(mailsTo("lone-poison")).toHaveLength(0);
    } finally {
      await app.stop();
    }
  });
});

describe("bounded retries", () => {
  it("stops after MAIL_MAX_ATTEMPTS tries and keeps the last error", async () => {
    const app = await startTestApp({ resendBaseUrl: resend.url, env: { MAIL_MAX_ATTEMPTS: "3", MAIL_RETRY_BASE_MS: "100" } });
    try {
      resend.failNext(1000, 500);
      await buyMany(app, "bounded", 1);
      const [row] = await eventually(async () => {
        const rows = await app.query<{ status: string; lastError: string; attempts: number }>(`SELECT status, "lastError", attempts FROM "OutboxMessage" WHERE "to" = 'bounded0@example.com'`);
        return rows[0]?.status === "failed" ? rows : null;
      }, "marked failed", 20_000);
      expect(row!.attempts).toBe(3);
      expect(row!.lastError).toMatch(/^500/);
    } finally {
      resend.failNext(0);
      await app.stop();
    }
  });
});

describe("a launch spike against a rate-limited provider", () => {
  it("batches, keeps within the rate, and delivers every email once", async () => {
    const app = await startTestApp({ resendBaseUrl: resend.url, env: { MAIL_RATE_PER_SECOND: "2" } });
    try {
      resend.setRateLimit(2);
      const requestsBefore = resend.requests.length;
      await buyMany(app, "spike", 60);
      await eventually(() => mailsTo("spike").length === 60, "all 60 delivered", 30_000);
      const requests = resend.requests.slice(requestsBefore);
      expect(requests.some((request) => request.path === "/emails/batch")).toBe(true);
      expect(requests.length).toBeLessThan(30);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(mailsTo("spike")).toHaveLength(60);
      expect(new Set(mailsTo("spike").map((mail) => mail.to)).size).toBe(60);
      const [left] = await app.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status <> 'sent'`);
      expect(Number(left!.n)).toBe(0);
    } finally {
      resend.setRateLimit(null);
      await app.stop();
    }
  });
});

describe("two processes and a crash", () => {
  it("never sends one message twice with two processes draining one database", async () => {
    const first = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url });
    const second = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url, shareWith: first });
    try {
      const events = Array.from({ length: 30 }, (_, index) => makeEvent(checkoutSession({ customer_details: { email: `pair${index}@example.com` } })));
      // each event to both processes at once, as a retrying Stripe and a load balancer might
      await Promise.all(events.flatMap((event) => [first, second].map((app) => postEvent(app.url, event, { secret: first.webhookSecret }))));
      await eventually(() => mailsTo("pair").length >= 30, "30 delivered", 30_000);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(mailsTo("pair")).toHaveLength(30);
      const sendRequests = resend.requests.filter((request) => request.body.includes("pair"));
      const keys = sendRequests.map((request) => request.headers["idempotency-key"]);
      expect(new Set(keys).size).toBe(keys.length);
      const [orders] = await first.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "Order" WHERE email LIKE 'pair%'`);
      expect(Number(orders!.n)).toBe(30);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it("after a crash mid-send, sends a lone message again alone under its key, not in the next batch", async () => {
    const app = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url });
    let restarted: TestApp | undefined;
    try {
      resend.holdAnswers(true);
      await buyMany(app, "midsend", 1);
      await eventually(() => mailsTo("midsend0@").length === 1, "the send reached the provider");
      // While the provider's answer is held, two more orders queue behind the busy sender.
      await buyMany(app, "later-midsend", 2);
      await eventually(async () => (await app.query(`SELECT id FROM "OutboxMessage" WHERE "to" LIKE 'later-midsend%' AND status = 'pending'`)).length === 2, "two more queued");
      await app.kill();
      resend.holdAnswers(false);
      // The dead process's lease would run out in two minutes: make that now.
      await app.query(`UPDATE "OutboxMessage" SET "leaseUntil" = ? WHERE status = 'sending'`, new Date(Date.now() - 1000));
      restarted = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url, shareWith: app });
      await eventually(() => mailsTo("later-midsend").length === 2, "the later two delivered", 30_000);
      await eventually(async () => (await restarted!.query(`SELECT id FROM "OutboxMessage" WHERE "to" LIKE '%midsend%' AND status = 'sent'`)).length === 3, "all three recorded sent");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(mailsTo("midsend0@")).toHaveLength(1);
      expect(mailsTo("later-midsend")).toHaveLength(2);
    } finally {
      resend.holdAnswers(false);
      await (restarted ?? app).stop();
    }
  });

  it("finishes an event after a crash: stored, process killed, restarted, delivered once", async () => {
    const app = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url });
    // Stripe's API fails, so the event is stored and answered 200 but cannot be processed yet.
    stripe.failNext(1_000_000);
    const session = stripe.putSession({ metadata: {}, customer_details: { email: "crash@example.com" } }, [{ price: "price_field_guide" }]);
    const response = await postEvent(app.url, makeEvent(session), { secret: app.webhookSecret });
    expect(response.status).toBe(200);
    await eventually(async () => {
      const [row] = await app.query<{ attempts: number; status: string }>('SELECT attempts, status FROM "StripeEvent" WHERE "objectId" = ?', session.id);
      return row && row.attempts >= 1 && row.status === "pending";
    }, "a failed try, waiting for its retry");
    await app.kill();
    stripe.failNext(0);
    // skip the backoff wait: the retry is due now
    await app.query('UPDATE "StripeEvent" SET "nextAttemptAt" = ? WHERE "objectId" = ?', new Date(), session.id);
    const restarted = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url, shareWith: app });
    try {
      await eventually(() => mailsTo("crash@").length === 1, "delivered after restart", 30_000);
      const [event] = await restarted.query<{ status: string }>('SELECT status FROM "StripeEvent" WHERE "objectId" = ?', session.id);
      expect(event!.status).toBe("processed");
    } finally {
      await restarted.stop();
    }
  });
});
