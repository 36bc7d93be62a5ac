// Every dashboard lever over HTTP: each changes exactly what it says (nothing else in the tables it
// could touch) and leaves an audit entry with who, what, which, why and when.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCatalog, defaultFiles, eventually, startTestApp, type TestApp } from "../support/test-app";
import { startResendDouble, type ResendDouble } from "../support/resend-double";
import { startStripeDouble, type StripeDouble } from "../support/stripe-double";
import { adminClient, changedRows } from "../support/admin-client";
import { checkoutSession, dispute, makeEvent } from "../support/stripe-events";
import { completed, orderState, send } from "../support/money-events";

let app: TestApp;
let resend: ResendDouble;
let stripe: StripeDouble;
let client: ReturnType<typeof adminClient>;
let cookie: string;

const actor = "owner@example.com";
const catalog = {
  products: [
    ...defaultCatalog.products,
    { slug: "notes", name: 'Notes, "Vol. 1"', description: "Notes.", stripePriceId: "price_notes", price: { amount: 500, currency: "eur" }, files: [{ path: "notes/notes.txt", name: "notes.txt" }], linkTtlHours: 24 },
  ],
};

beforeAll(async () => {
  [resend, stripe] = await Promise.all([startResendDouble(), startStripeDouble()]);
  app = await startTestApp({
    resendBaseUrl: resend.url,
    stripeApiBase: stripe.url,
    catalog,
    files: { ...defaultFiles(), "notes/notes.txt": "notes" },
    env: { ADMIN_EMAILS: actor, MAIL_MAX_ATTEMPTS: "2", MAIL_RETRY_BASE_MS: "100" },
  });
  client = adminClient(app, resend);
  cookie = await client.signIn(actor);
});

afterAll(async () => {
  await app?.stop();
  await Promise.all([resend?.close(), stripe?.close()]);
});

async function paidOrder(email: string, product = "field-guide") {
  const orderId = await client.seedOrder(email, product);
  // Settled: the delivery email is recorded as sent, so nothing moves under a snapshot.
  await eventually(async () => (await app.query('SELECT id FROM "OutboxMessage" WHERE "orderId" = ? AND status = ?', orderId, "sent")).length === 1, `delivery to ${email}`);
  const [entitlement] = await app.query<{ id: string }>('SELECT id FROM "Entitlement" WHERE "orderId" = ?', orderId);
  return { orderId, entitlementId: entitlement!.id };
}

function linksIn(html: string): string[] {
  return [...html.matchAll(/(?:href|value)="([^"]*\/download\/[^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&"));
}

/** Only the audit log and the named rows changed; the new audit entry says who, what, which and why. */
async function expectOnly(before: Awaited<ReturnType<typeof client.snapshot>>, expected: { entitlements?: unknown; orders?: unknown; messages?: unknown; audit: Record<string, unknown> }) {
  const after = await client.snapshot();
  expect(changedRows(before.orders, after.orders)).toEqual(expected.orders ?? []);
  expect(changedRows(before.entitlements, after.entitlements)).toEqual(expected.entitlements ?? []);
  expect(changedRows(before.keys, after.keys)).toEqual([]);
  if (expected.messages !== undefined) expect(changedRows(before.messages, after.messages)).toEqual(expected.messages);
  expect(after.audits).toHaveLength(before.audits.length + 1);
  const entry = after.audits.at(-1)!;
  expect(entry).toMatchObject({ actor, ...expected.audit });
  expect(Math.abs(new Date(entry.at as string | Date).getTime() - Date.now())).toBeLessThan(60_000);
  return { after, entry };
}

describe("order actions", () => {
  it("resends the delivery email as a new message with fresh links; a double submit sends once", async () => {
    const email = "resend@example.com";
    const { orderId } = await paidOrder(email);
    await eventually(async () => (await app.query('SELECT id FROM "OutboxMessage" WHERE "orderId" = ? AND status = ?', orderId, "sent")).length === 1, "first delivery recorded");
    const before = await client.snapshot();
    const response = await client.act(`/api/admin/orders/${orderId}/resend-email`, { requestId: "resend-request-0001", reason: "buyer lost it" }, { cookie });
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/admin/orders/${orderId}\\?done=`));

    const [, again] = await eventually(() => { const mails = resend.emails.filter((mail) => mail.to === email); return mails.length === 2 ? mails : null; }, "second delivery email");
    const download = await fetch(linksIn(again!.html)[0]!);
    expect(download.status).toBe(200);
    await eventually(async () => (await app.query('SELECT id FROM "OutboxMessage" WHERE "orderId" = ? AND status = ?', orderId, "sent")).length === 2, "resend recorded as sent");
    const { after } = await expectOnly(before, {
      entitlements: [{ id: expect.any(String), changed: { downloadsUsed: { from: 0, to: 1 } } }], // the download just made, nothing from the action
      audit: { action: "resend_delivery_email", targetType: "order", targetId: orderId, reason: "buyer lost it" },
    });
    const added = changedRows(before.messages, after.messages);
    expect(added).toHaveLength(1);
    expect(added[0]!.changed).toMatchObject({ dedupeKey: { to: `order_delivered:${orderId}:admin-resend:resend-request-0001` }, kind: { to: "order_delivered" }, to: { to: email }, status: { to: "sent" } });

    const twice = await client.act(`/api/admin/orders/${orderId}/resend-email`, { requestId: "resend-request-0001" }, { cookie });
    expect(twice.status).toBe(303);
    expect((await client.snapshot()).audits).toHaveLength(after.audits.length);
    expect((await app.query('SELECT id FROM "OutboxMessage" WHERE "orderId" = ?', orderId))).toHaveLength(2);

    const page = await client.get(location, cookie);
    expect(page.visible).toContain(`Delivery email queued again for ${email}, with fresh links. Reason: buyer lost it`);
  });

  it("issues fresh links that download, writing nothing but the audit entry", async () => {
    const { orderId } = await paidOrder("links@example.com");
    const before = await client.snapshot();
    const response = await client.act(`/api/admin/orders/${orderId}/fresh-links`, { reason: "mail bounced" }, { cookie, json: true });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; notice: string; products: Array<{ productName: string; links: Array<{ url: string }> }> };
    expect(body.notice).toBe("Fresh download links issued for The Field Guide. Reason: mail bounced");
    await expectOnly(before, { messages: [], audit: { action: "issue_fresh_links", targetType: "order", targetId: orderId, reason: "mail bounced" } });
    expect((await fetch(body.products[0]!.links[0]!.url)).status).toBe(200);

    // Without JavaScript: the form lands back on the order, which shows the links to copy.
    const form = await client.act(`/api/admin/orders/${orderId}/fresh-links`, {}, { cookie });
    const page = await client.get(form.headers.get("location")!, cookie);
    const shown = linksIn(page.text);
    expect(shown).toHaveLength(1);
    expect((await fetch(shown[0]!, { method: "HEAD" })).status).toBe(200);
    // The same address opened by anyone else shows no links.
    const otherAdmin = await client.get(form.headers.get("location")!, "next-auth.session-token=none");
    expect(linksIn(otherAdmin.text)).toHaveLength(0);
  });
});

describe("entitlement actions", () => {
  it("resets the download count, and only that", async () => {
    const { orderId, entitlementId } = await paidOrder("reset@example.com");
    const links = (await (await client.act(`/api/admin/orders/${orderId}/fresh-links`, {}, { cookie, json: true })).json()) as { products: Array<{ links: Array<{ url: string }> }> };
    await fetch(links.products[0]!.links[0]!.url).then((response) => response.arrayBuffer());
    await fetch(links.products[0]!.links[0]!.url).then((response) => response.arrayBuffer());
    const before = await client.snapshot();
    const response = await client.act(`/api/admin/entitlements/${entitlementId}/reset-downloads`, { reason: "corrupted download" }, { cookie, json: true });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { notice: string }).notice).toBe("Download count of The Field Guide reset from 2 to 0. Reason: corrupted download");
    await expectOnly(before, {
      entitlements: [{ id: entitlementId, changed: { downloadsUsed: { from: 2, to: 0 } } }],
      messages: [],
      audit: { action: "reset_download_count", targetType: "entitlement", targetId: entitlementId, reason: "corrupted download" },
    });
    const nothing = await client.act(`/api/admin/entitlements/${entitlementId}/reset-downloads`, {}, { cookie, json: true });
    expect(nothing.status).toBe(409);
    expect(((await nothing.json()) as { error: { message: string } }).error.message).toContain("nothing to reset");
  });

  it("extends a limit by a number, then to unlimited, and refuses nonsense", async () => {
    const { entitlementId } = await paidOrder("extend@example.com");
    const invalid = await client.act(`/api/admin/entitlements/${entitlementId}/extend-limit`, { add: "0" }, { cookie });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain("Add at least 1 download.");

    let before = await client.snapshot();
    expect((await client.act(`/api/admin/entitlements/${entitlementId}/extend-limit`, { add: "2", reason: "bought a new laptop" }, { cookie })).status).toBe(303);
    await expectOnly(before, {
      entitlements: [{ id: entitlementId, changed: { downloadLimit: { from: 5, to: 7 } } }],
      audit: { action: "extend_download_limit", targetType: "entitlement", targetId: entitlementId, reason: "bought a new laptop" },
    });
    before = await client.snapshot();
    expect((await client.act(`/api/admin/entitlements/${entitlementId}/extend-limit`, { unlimited: "1" }, { cookie })).status).toBe(303);
    const { entry } = await expectOnly(before, { entitlements: [{ id: entitlementId, changed: { downloadLimit: { from: 7, to: null } } }], audit: { action: "extend_download_limit", reason: null } });
    expect(JSON.parse(String(entry.data))).toMatchObject({ from: 7, to: null });
    const again = await client.act(`/api/admin/entitlements/${entitlementId}/extend-limit`, { add: "1" }, { cookie });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already has unlimited downloads");
  });

  it("revokes and restores access with a reason, and never restores what a dispute took", async () => {
    const email = "revoke@example.com";
    const { orderId, entitlementId } = await paidOrder(email);
    const { products } = (await (await client.act(`/api/admin/orders/${orderId}/fresh-links`, {}, { cookie, json: true })).json()) as { products: Array<{ links: Array<{ url: string }> }> };
    const link = products[0]!.links[0]!.url;

    const noReason = await client.act(`/api/admin/entitlements/${entitlementId}/revoke`, {}, { cookie });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Say why in a few words");

    let before = await client.snapshot();
    expect((await client.act(`/api/admin/entitlements/${entitlementId}/revoke`, { reason: "card testing fraud" }, { cookie })).status).toBe(303);
    await expectOnly(before, {
      entitlements: [{ id: entitlementId, changed: { revokedAt: { from: null, to: expect.any(String) }, revokedReason: { from: null, to: "admin: card testing fraud" } } }],
      messages: [],
      audit: { action: "revoke_access", targetType: "entitlement", targetId: entitlementId, reason: "card testing fraud" },
    });
    const refused = await fetch(link);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain("card testing fraud"); // the seller's note stays internal
    expect((await client.act(`/api/admin/orders/${orderId}/resend-email`, {}, { cookie, json: true })).status).toBe(409);

    before = await client.snapshot();
    expect((await client.act(`/api/admin/entitlements/${entitlementId}/restore`, { reason: "false alarm" }, { cookie })).status).toBe(303);
    await expectOnly(before, {
      entitlements: [{ id: entitlementId, changed: { revokedAt: { from: expect.any(String), to: null }, revokedReason: { from: "admin: card testing fraud", to: null } } }],
      audit: { action: "restore_access", targetType: "entitlement", targetId: entitlementId, reason: "false alarm" },
    });
    expect((await fetch(link)).status).toBe(200);

    await app.query('UPDATE "Entitlement" SET "revokedAt" = ?, "revokedReason" = ? WHERE id = ?', new Date(), "disputed", entitlementId);
    before = await client.snapshot();
    const dispute = await client.act(`/api/admin/entitlements/${entitlementId}/restore`, { reason: "trying" }, { cookie });
    expect(dispute.status).toBe(409);
    expect(await dispute.text()).toContain("a payment dispute suspended it");
    expect(await client.snapshot()).toEqual(before);
  });

  it("keeps an admin revocation through a dispute won, and restores nothing while the money is in question", async () => {
    const session = checkoutSession({ customer_details: { email: "disputed-admin@example.com" }, metadata: { product: "field-guide,focus-timer" }, amount_total: 4800 });
    stripe.putSession(session as never);
    await send(app, completed(session));
    const guide = (await orderState(app, session.id))!.entitlements.find((entitlement) => entitlement.productSlug === "field-guide")!;
    expect((await client.act(`/api/admin/entitlements/${guide.id}/revoke`, { reason: "shared the files publicly" }, { cookie })).status).toBe(303);

    const opened = dispute({ payment_intent: session.payment_intent, amount: 4800 });
    expect(await send(app, makeEvent(opened, { type: "charge.dispute.created" }))).toBe("processed");
    expect((await orderState(app, session.id))!.entitlements.map((entitlement) => entitlement.revokedReason)).toEqual(["admin: shared the files publicly", "disputed"]);
    const whileDisputed = await client.act(`/api/admin/entitlements/${guide.id}/restore`, { reason: "sorted out" }, { cookie, json: true });
    expect(whileDisputed.status).toBe(409);
    expect(((await whileDisputed.json()) as { error: { message: string } }).error.message).toContain("the order is disputed now, and its access follows Stripe");

    expect(await send(app, makeEvent({ ...opened, status: "won" }, { type: "charge.dispute.closed" }))).toBe("processed");
    const after = (await orderState(app, session.id))!;
    expect(after.status).toBe("paid");
    expect(after.entitlements.map((entitlement) => entitlement.revokedReason)).toEqual(["admin: shared the files publicly", null]);
    expect((await client.act(`/api/admin/entitlements/${guide.id}/restore`, { reason: "sorted out" }, { cookie })).status).toBe(303);
    expect((await orderState(app, session.id))!.entitlements.every((entitlement) => !entitlement.isRevoked)).toBe(true);
  });
});

describe("deliveries", () => {
  it("retries a failed email now, and the whole batch of a batched one under its key; retry all takes the rest", async () => {
    // Mail of the tests before must be out first, or the outage below fails it too.
    await eventually(async () => Number((await app.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status IN ('pending', 'sending')`))[0]!.n) === 0, "outbox idle");
    resend.setDown(true);
    const email = "down@example.com";
    const orderId = await client.seedOrder(email);
    const [failed] = await eventually(async () => { const rows = await app.query<{ id: string; attempts: number }>('SELECT id, attempts FROM "OutboxMessage" WHERE "orderId" = ? AND status = ?', orderId, "failed"); return rows.length ? rows : null; }, "delivery failed for good");
    expect(failed!.attempts).toBe(2);
    resend.setDown(false);
    const page = await client.get("/admin/deliveries", cookie);
    expect(page.visible).toContain(email);
    expect(page.visible).toContain("503 application_error");

    // Two emails once sent together and failed keep their batch: one retry resends both, under its key.
    const [first, second] = await Promise.all([paidOrder("batch-a@example.com"), paidOrder("batch-b@example.com")]);
    for (const [index, order] of [first!, second!].entries()) {
      await app.query(
        'INSERT INTO "OutboxMessage" (id, kind, "dedupeKey", "to", payload, "orderId", status, attempts, "nextAttemptAt", "batchKey", "lastError", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        `msg_batch_${index}`, "order_delivered", `order_delivered:${order.orderId}:admin-resend:batch${index}`, `batch-${"ab"[index]}@example.com`, JSON.stringify({ orderId: order.orderId }), order.orderId, "failed", 2, new Date(), "batch_kept_together", "500 internal_server_error: Injected failure", new Date(),
      );
    }
    const sentBefore = resend.emails.length;
    let before = await client.snapshot();
    expect((await client.act("/api/admin/outbox/msg_batch_0/retry", {}, { cookie })).status).toBe(303);
    const delivered = await eventually(() => (resend.emails.length >= sentBefore + 2 ? resend.emails.slice(sentBefore) : null), "batch resent");
    expect(delivered.map((mail) => [mail.to, mail.batch, mail.idempotencyKey])).toEqual([
      ["batch-a@example.com", true, "batch_kept_together"],
      ["batch-b@example.com", true, "batch_kept_together"],
    ]);
    await eventually(async () => (await app.query('SELECT id FROM "OutboxMessage" WHERE "batchKey" = ? AND status = ?', "batch_kept_together", "sent")).length === 2, "batch marked sent");
    await expectOnly(before, {
      messages: [
        { id: "msg_batch_0", changed: { status: { from: "failed", to: "sent" }, attempts: { from: 2, to: 1 } } },
        { id: "msg_batch_1", changed: { status: { from: "failed", to: "sent" }, attempts: { from: 2, to: 1 } } },
      ],
      audit: { action: "retry_message", targetType: "outbox_message", targetId: "msg_batch_0" },
    });
    expect(await app.query('SELECT status FROM "OutboxMessage" WHERE id = ?', failed!.id)).toEqual([{ status: "failed" }]);

    before = await client.snapshot();
    const all = await client.act("/api/admin/outbox/retry-all", {}, { cookie, json: true });
    expect(((await all.json()) as { notice: string }).notice).toBe("1 email retried now.");
    await eventually(async () => (await app.query('SELECT status FROM "OutboxMessage" WHERE id = ?', failed!.id))[0]?.status === "sent", "failed email sent on retry all");
    expect(resend.emails.filter((mail) => mail.to === email)).toHaveLength(1);
    await expectOnly(before, { messages: [{ id: failed!.id, changed: { status: { from: "failed", to: "sent" }, attempts: { from: 2, to: 1 } } }], audit: { action: "retry_all_messages", targetType: "outbox" } });
    expect((await client.act("/api/admin/outbox/retry-all", {}, { cookie, json: true })).status).toBe(409);
    expect((await client.act(`/api/admin/outbox/${failed!.id}/retry`, {}, { cookie, json: true })).status).toBe(409);
  });
});

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") row.push(cell), (cell = "");
    else if (char === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), (i += 1);
    else cell += char;
  }
  return rows;
}

describe("CSV export", () => {
  it("exports every order, quoted properly and safe from formulas, and records who exported", async () => {
    const formula = await paidOrder("=2+3@example.com", "notes");
    const before = await client.snapshot();
    const response = await fetch(`${app.url}/api/admin/orders/export`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte order mark, for spreadsheet apps
    const rows = parseCsv(bytes.subarray(3).toString("utf8"));
    expect(rows[0]).toEqual(["order_id", "created_at", "paid_at", "email", "status", "products", "amount", "amount_refunded", "currency", "stripe_checkout_session_id", "stripe_payment_intent_id", "downloads_used", "revoked"]);
    expect(rows.every((row) => row.length === rows[0]!.length)).toBe(true);
    expect(rows.length - 1).toBe(before.orders.length);
    const row = rows.find((cells) => cells[0] === formula.orderId)!;
    expect(row.slice(3, 9)).toEqual(["'=2+3@example.com", "paid", 'Notes, "Vol. 1"', "19.00", "0.00", "USD"]);
    await expectOnly(before, { messages: [], audit: { action: "export_orders_csv", targetType: "orders", targetId: "all" } });

    const filtered = parseCsv(await (await fetch(`${app.url}/api/admin/orders/export?q=${encodeURIComponent("=2+3")}`, { headers: { cookie } })).text());
    expect(filtered.slice(1).map((cells) => cells[0])).toEqual([formula.orderId]);
  });
});
