// The seller's side of the dashboard over plain HTTP: an admin session from the magic link, form posts
// and JSON calls to the admin API, and a snapshot of the tables an action may touch.
import type { TestApp } from "./test-app";
import type { ResendDouble } from "./resend-double";
import { portalClient } from "./portal-client";

export type AdminRequestOptions = { cookie?: string | null; origin?: string | null; json?: boolean };

export function adminClient(app: TestApp, resend: ResendDouble) {
  const portal = portalClient(app, resend);

  /** POST to an admin action as the dashboard's form does (or as a script, with json: true). */
  async function act(path: string, fields: Record<string, string> = {}, { cookie, origin = app.url, json = false }: AdminRequestOptions = {}) {
    const headers: Record<string, string> = { "content-type": json ? "application/json" : "application/x-www-form-urlencoded" };
    if (json) headers.accept = "application/json";
    if (origin !== null) headers.origin = origin;
    if (cookie) headers.cookie = cookie;
    return fetch(`${app.url}${path}`, { method: "POST", headers, body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(), redirect: "manual" });
  }

  async function get(path: string, cookie?: string | null) {
    const response = await fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    const text = await response.text();
    // React separates adjacent text with <!-- -->; the visible words are what a person reads.
    return { status: response.status, headers: response.headers, text, visible: text.replace(/<!-- -->/g, "") };
  }

  /** Every row of the tables a dashboard action may change, so a test can see exactly what did. */
  async function snapshot() {
    const [orders, entitlements, messages, audits, keys] = await Promise.all([
      app.query('SELECT * FROM "Order" ORDER BY id'),
      app.query('SELECT * FROM "Entitlement" ORDER BY id'),
      app.query('SELECT id, kind, "dedupeKey", "to", status, attempts, "batchKey", "orderId" FROM "OutboxMessage" ORDER BY id'),
      app.query('SELECT * FROM "AuditLog" ORDER BY id'),
      app.query('SELECT * FROM "LicenseKey" ORDER BY id'),
    ]);
    return { orders, entitlements, messages, audits, keys };
  }

  return { ...portal, act, get, snapshot };
}

/**
 * One spelling of a value on both databases: PostgreSQL gives Date objects, SQLite ISO text with an
 * offset; both become ISO strings, so "unchanged" means the same moment, not the same object.
 */
function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)) return new Date(value).toISOString();
  return value;
}

/** Rows of `after` that differ from `before` (by id), with only the columns that changed. */
export function changedRows(before: Array<Record<string, unknown>>, after: Array<Record<string, unknown>>) {
  const byId = new Map(before.map((row) => [row.id, row]));
  const changes: Array<{ id: unknown; changed: Record<string, { from: unknown; to: unknown }> }> = [];
  for (const row of after) {
    const old = byId.get(row.id);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const [column, raw] of Object.entries(row)) {
      const value = comparable(raw);
      const was = old ? comparable(old[column]) : undefined;
      if (!old || was !== value) changed[column] = { from: was, to: value };
    }
    if (Object.keys(changed).length) changes.push({ id: row.id, changed });
  }
  return changes;
}
