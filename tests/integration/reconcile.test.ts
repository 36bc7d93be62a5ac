// Reconciliation against the Stripe double: sessions whose webhooks never came, pagination, missed refunds, the cron route.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, eventually, repoRoot, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { checkoutSession, makeEvent } from "../support/stripe-events";
import { completed, orderState, send } from "../support/money-events";

const CRON_SECRET = "cron-secret-for-tests-0123456789";

let app: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;

beforeAll(async () => {
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
  app = await startTestApp({ resendBaseUrl: resend.url, stripeApiBase: stripe.url, env: { CRON_SECRET } });
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([resend?.close(), stripe?.close()]);
});

/** `npm run reconcile -- ...` with the server's environment, as a seller would run it beside the app. */
function runReconcile(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = { ...app.env, LOG_LEVEL: "warn" };
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", "reconcile", "--", ...args], { cwd: repoRoot, env: env as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

function cron(query = "", authorization: string | null = `Bearer ${CRON_SECRET}`) {
  return fetch(`${app.url}/api/cron/reconcile${query}`, { method: "POST", headers: authorization ? { authorization } : {} });
}

function emailsTo(address: string) {
  return resend.emails.filter((email) => email.to === address);
}

async function deliveries(sessionId: string) {
  return app.query<{ status: string }>('SELECT m.status FROM "OutboxMessage" m JOIN "Order" o ON o.id = m."orderId" WHERE o."stripeCheckoutSessionId" = ? AND m.kind = ?', sessionId, "order_delivered");
}

describe("npm run reconcile", () => {
  it("fulfils a paid session whose webhooks never came, exactly once even when the webhook then arrives", async () => {
    const orphan = stripe.putSession({ metadata: { product: "field-guide" }, customer_details: { email: "orphan@example.com" } });
    const first = await runReconcile("--since", "72h");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/checked 1 Checkout Session and 0 refunds/);
    expect(first.stdout).toContain(`${orphan.id}: fulfilled: paid, but no order existed`);
    expect((await orderState(app, orphan.id))!.status).toBe("paid");
    // The running server sends what the script queued.
    await eventually(() => emailsTo("orphan@example.com").length === 1, "delivery email sent by the server");

    await send(app, completed(orphan as never));
    expect(await app.query('SELECT id FROM "Order" WHERE "stripeCheckoutSessionId" = ?', orphan.id)).toHaveLength(1);
    expect(await deliveries(orphan.id)).toEqual([{ status: "sent" }]);

    const again = await runReconcile("--since", "72h");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Fixed 0. Nothing was missing.");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(emailsTo("orphan@example.com")).toHaveLength(1);
  }, 180_000); // two runs of the script, each compiling the server code it needs

  it("refuses a period it cannot read, saying what to write", async () => {
    const result = await runReconcile("--since", "soon");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("use a duration such as 72h");
  }, 120_000);
});

describe("POST /api/cron/reconcile", () => {
  it("refuses a missing or wrong token in words", async () => {
    for (const authorization of [null, "Bearer wrong"]) {
      const response = await cron("", authorization);
      expect(response.status).toBe(401);
      expect((await response.json()).error.message).toContain("Authorization: Bearer <CRON_SECRET>");
    }
  });

  it("follows Stripe's pagination to sessions on later pages, and leaves sessions older than the period alone", async () => {
    const tooOld = stripe.putSession({ metadata: { product: "field-guide" }, customer_details: { email: "too-old@example.com" }, created: Math.floor(Date.now() / 1000) - 100 * 3600 });
    const early = [1, 2].map((n) => stripe.putSession({ metadata: { product: "field-guide" }, customer_details: { email: `early-${n}@example.com` } }));
    for (let n = 0; n < 150; n += 1) stripe.putSession({ status: "expired", payment_status: "unpaid", payment_intent: null, customer_details: null });
    const listCallsBefore = stripe.requests.filter((request) => request.path === "/v1/checkout/sessions" && request.method === "GET").length;

    const response = await cron("?since=72h");
    expect(response.status).toBe(200);
    const report = (await response.json()) as { checked: { sessions: number }; fixed: Array<{ id: string; what: string }>; failed: unknown[] };
    expect(report.failed).toEqual([]);
    expect(report.checked.sessions).toBe(153); // the first test's session, the two early ones, 150 expired
    expect(report.fixed.map((fix) => fix.id).sort()).toEqual(early.map((session) => session.id).sort());

    const listCalls = stripe.requests.filter((request) => request.path === "/v1/checkout/sessions" && request.method === "GET").slice(listCallsBefore);
    expect(listCalls.length).toBeGreaterThanOrEqual(2);
    expect(listCalls[1]!.query.get("starting_after")).toBeTruthy();
    for (const session of early) expect((await orderState(app, session.id))!.status).toBe("paid");
    expect(await orderState(app, tooOld.id)).toBeNull();
  });

  it("applies refunds whose webhooks never came: in full revokes, in part is recorded", async () => {
    const full = checkoutSession({ customer_details: { email: "refund-missed@example.com" } });
    const part = checkoutSession({ customer_details: { email: "refund-part@example.com" } });
    await send(app, completed(full));
    await send(app, completed(part));
    stripe.refund(full.payment_intent);
    stripe.refund(part.payment_intent, 500);

    const response = await cron("?since=1h");
    const report = (await response.json()) as { checked: { refunds: number }; fixed: Array<{ id: string; what: string }> };
    expect(report.checked.refunds).toBe(2);
    expect(report.fixed.map((fix) => fix.what).sort()).toEqual([
      expect.stringMatching(/^partial refund applied \(order \w+ paid → paid\)$/),
      expect.stringMatching(/^refund in full applied \(order \w+ paid → refunded\)$/),
    ]);
    expect(await orderState(app, full.id)).toMatchObject({ status: "refunded", amountRefunded: 1900, entitlements: [{ revokedReason: "refunded" }] });
    expect(await orderState(app, part.id)).toMatchObject({ status: "paid", amountRefunded: 500, entitlements: [{ isRevoked: false }] });

    // The late webhook of the same refund changes nothing more.
    const charge = [...stripe.charges.values()].find((candidate) => candidate.payment_intent === full.payment_intent)!;
    expect(await send(app, makeEvent({ ...charge }, { type: "charge.refunded" }))).toBe("processed");
    const again = (await (await cron("?since=1h")).json()) as { fixed: unknown[] };
    expect(again.fixed).toEqual([]);
  });
});
