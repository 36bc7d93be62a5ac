// A local stand-in for the parts of Stripe's API Handoff calls: Checkout Sessions (create, retrieve,
// list with pagination, line items) and dispute updates. Tests shape sessions, then point the app at it
// with STRIPE_API_BASE.
import crypto from "node:crypto";
import { startHttpDouble, type DoubleRequest, type RunningDouble } from "./http-double";

export type Session = Record<string, unknown> & { id: string; created: number; payment_status: string; metadata: Record<string, string> };
export type LineItem = { id: string; object: "item"; price: { id: string; object: "price"; unit_amount: number; currency: string }; quantity: number; amount_total: number; currency: string; description: string };

export type StripeDouble = RunningDouble & {
  sessions: Map<string, Session>;
  lineItems: Map<string, LineItem[]>;
  disputeUpdates: Array<{ id: string; params: Record<string, unknown> }>;
  /** Adds (or replaces) a session as Stripe would return it. */
  putSession: (session: Partial<Session> & { id?: string }, lineItems?: Array<{ price: string; amount?: number; quantity?: number }>) => Session;
  failNext: (count: number, status?: number) => void;
};

/** Parses Stripe's form encoding (a[b][0][c]=v) into nested objects and arrays. */
export function parseStripeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = root;
    parts.forEach((part, index) => {
      if (index === parts.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(parts[index + 1]!) ? [] : {}) as Record<string, unknown>;
    });
  }
  return root;
}

function notFound(id: string) {
  return { status: 404, body: { error: { type: "invalid_request_error", code: "resource_missing", message: `No such checkout.session: '${id}'`, param: "id" } } };
}

export async function startStripeDouble(): Promise<StripeDouble> {
  const sessions = new Map<string, Session>();
  const lineItems = new Map<string, LineItem[]>();
  const disputeUpdates: StripeDouble["disputeUpdates"] = [];
  let failures = 0;
  let failStatus = 500;
  let clock = Math.floor(Date.now() / 1000) - 3600;

  const putSession: StripeDouble["putSession"] = (partial, items) => {
    const id = partial.id ?? `cs_test_${crypto.randomBytes(12).toString("hex")}`;
    const session: Session = {
      id,
      object: "checkout.session",
      mode: "payment",
      status: "complete",
      payment_status: "paid",
      amount_total: 1900,
      currency: "usd",
      customer_details: { email: "buyer@example.com" },
      customer_email: null,
      metadata: {},
      payment_intent: `pi_test_${crypto.randomBytes(8).toString("hex")}`,
      livemode: false,
      created: ++clock,
      url: null,
      ...partial,
    } as Session;
    sessions.set(id, session);
    if (items) {
      lineItems.set(
        id,
        items.map((item, index) => ({
          id: `li_${id}_${index}`,
          object: "item",
          price: { id: item.price, object: "price", unit_amount: item.amount ?? 1900, currency: "usd" },
          quantity: item.quantity ?? 1,
          amount_total: (item.amount ?? 1900) * (item.quantity ?? 1),
          currency: "usd",
          description: item.price,
        })),
      );
    }
    return session;
  };

  const list = (data: unknown[], url: string, hasMore: boolean) => ({ status: 200, body: { object: "list", data, has_more: hasMore, url } });

  const handler = (request: DoubleRequest) => {
    if (!String(request.headers.authorization ?? "").startsWith("Bearer ")) {
      return { status: 401, body: { error: { type: "invalid_request_error", message: "You did not provide an API key." } } };
    }
    if (failures > 0) {
      failures -= 1;
      return { status: failStatus, body: { error: { type: "api_error", message: "Injected failure" } } };
    }
    const parts = request.path.split("/").filter(Boolean); // v1, checkout, sessions, id, line_items
    if (parts[0] !== "v1") return { status: 404, body: { error: { type: "invalid_request_error", message: "Unrecognized request URL" } } };
    if (parts[1] === "checkout" && parts[2] === "sessions") {
      const id = parts[3];
      if (!id && request.method === "POST") {
        const params = parseStripeForm(request.body) as { line_items?: Array<{ price?: string; price_data?: { unit_amount?: string; currency?: string }; quantity?: string }>; metadata?: Record<string, string>; customer_email?: string; success_url?: string; cancel_url?: string; mode?: string };
        const items = params.line_items ?? [];
        const amount = items.reduce((sum, item) => sum + Number(item.price_data?.unit_amount ?? 1900) * Number(item.quantity ?? 1), 0);
        const session = putSession(
          {
            status: "open",
            payment_status: "unpaid",
            mode: params.mode ?? "payment",
            amount_total: amount,
            currency: items[0]?.price_data?.currency ?? "usd",
            metadata: params.metadata ?? {},
            customer_email: params.customer_email ?? null,
            customer_details: null,
            payment_intent: null,
            success_url: params.success_url,
            cancel_url: params.cancel_url,
          },
          items.map((item) => ({ price: item.price ?? "price_inline", amount: Number(item.price_data?.unit_amount ?? 1900), quantity: Number(item.quantity ?? 1) })),
        );
        session.url = `https://checkout.stripe.test/c/pay/${session.id}`;
        return { status: 200, body: session };
      }
      if (!id && request.method === "GET") {
        const limit = Math.min(100, Number(request.query.get("limit") ?? 10));
        const after = request.query.get("starting_after");
        const createdGte = Number(request.query.get("created[gte]") ?? 0);
        const all = [...sessions.values()].filter((session) => session.created >= createdGte).sort((a, b) => b.created - a.created);
        const start = after ? all.findIndex((session) => session.id === after) + 1 : 0;
        const page = all.slice(start, start + limit);
        return list(page, "/v1/checkout/sessions", start + limit < all.length);
      }
      const session = id ? sessions.get(id) : undefined;
      if (!session) return notFound(id ?? "");
      if (parts[4] === "line_items") {
        const items = lineItems.get(session.id) ?? [];
        const limit = Number(request.query.get("limit") ?? 10);
        const after = request.query.get("starting_after");
        const start = after ? items.findIndex((item) => item.id === after) + 1 : 0;
        return list(items.slice(start, start + limit), `/v1/checkout/sessions/${session.id}/line_items`, start + limit < items.length);
      }
      return { status: 200, body: session };
    }
    if (parts[1] === "disputes" && parts[2] && request.method === "POST") {
      const params = parseStripeForm(request.body);
      disputeUpdates.push({ id: parts[2], params });
      return { status: 200, body: { id: parts[2], object: "dispute", status: "under_review", evidence: params.evidence ?? {}, metadata: params.metadata ?? {} } };
    }
    return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${request.method}: ${request.path})` } } };
  };

  const running = await startHttpDouble(handler);
  return Object.assign(running, {
    sessions,
    lineItems,
    disputeUpdates,
    putSession,
    failNext: (count: number, status = 500) => {
      failures = count;
      failStatus = status;
    },
  });
}
