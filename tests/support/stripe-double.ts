// A local stand-in for the parts of Stripe's API Handoff calls: Checkout Sessions (create, retrieve,
// list with pagination, line items), charges and refunds (retrieve, list with pagination and
// expand[]=data.charge) and dispute updates. Tests shape sessions, then point the app at it with
// STRIPE_API_BASE.
import crypto from "node:crypto";
import { startHttpDouble, type DoubleRequest, type RunningDouble } from "./http-double";

export type Session = Record<string, unknown> & { id: string; created: number; payment_status: string; metadata: Record<string, string> };
export type LineItem = { id: string; object: "item"; price: { id: string; object: "price"; unit_amount: number; currency: string }; quantity: number; amount_total: number; currency: string; description: string };

export type Charge = Record<string, unknown> & { id: string; object: "charge"; amount: number; amount_refunded: number; refunded: boolean; payment_intent: string; currency: string; created: number };
export type Refund = { id: string; object: "refund"; amount: number; charge: string; payment_intent: string; currency: string; status: string; created: number };

export type StripeDouble = RunningDouble & {
  sessions: Map<string, Session>;
  lineItems: Map<string, LineItem[]>;
  charges: Map<string, Charge>;
  refunds: Map<string, Refund>;
  disputeUpdates: Array<{ id: string; params: Record<string, unknown> }>;
  /** The succeeded charge of a payment intent (made on first use), as a charge.* event would carry it. */
  chargeFor: (paymentIntent: string, amount?: number) => Charge;
  /** Refunds part or all (the default) of a payment intent's charge; returns the updated charge. */
  refund: (paymentIntent: string, amount?: number) => { charge: Charge; refund: Refund };
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
  const charges = new Map<string, Charge>();
  const refunds = new Map<string, Refund>();
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

  const chargeFor: StripeDouble["chargeFor"] = (paymentIntent, amount) => {
    const existing = [...charges.values()].find((charge) => charge.payment_intent === paymentIntent);
    if (existing) return existing;
    const session = [...sessions.values()].find((candidate) => candidate.payment_intent === paymentIntent);
    const charge: Charge = {
      id: `ch_test_${crypto.randomBytes(10).toString("hex")}`,
      object: "charge",
      amount: amount ?? Number(session?.amount_total ?? 1900),
      amount_refunded: 0,
      refunded: false,
      paid: true,
      status: "succeeded",
      payment_intent: paymentIntent,
      currency: String(session?.currency ?? "usd"),
      livemode: false,
      created: Math.floor(Date.now() / 1000),
    };
    charges.set(charge.id, charge);
    return charge;
  };

  const refund: StripeDouble["refund"] = (paymentIntent, amount) => {
    const charge = chargeFor(paymentIntent);
    const refunded = Math.min(charge.amount - charge.amount_refunded, amount ?? charge.amount - charge.amount_refunded);
    charge.amount_refunded += refunded;
    charge.refunded = charge.amount_refunded >= charge.amount;
    const created: Refund = { id: `re_test_${crypto.randomBytes(10).toString("hex")}`, object: "refund", amount: refunded, charge: charge.id, payment_intent: paymentIntent, currency: charge.currency, status: "succeeded", created: Math.floor(Date.now() / 1000) };
    refunds.set(created.id, created);
    return { charge: { ...charge }, refund: created };
  };

  /** Newest first, created[gte], starting_after and limit, as Stripe's list endpoints page. */
  const page = <T extends { id: string; created: number }>(items: T[], request: DoubleRequest) => {
    const limit = Math.min(100, Number(request.query.get("limit") ?? 10));
    const after = request.query.get("starting_after");
    const createdGte = Number(request.query.get("created[gte]") ?? 0);
    const all = items.filter((item) => item.created >= createdGte).sort((a, b) => b.created - a.created || b.id.localeCompare(a.id));
    const start = after ? all.findIndex((item) => item.id === after) + 1 : 0;
    return { data: all.slice(start, start + limit), hasMore: start + limit < all.length };
  };

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
        const { data, hasMore } = page([...sessions.values()], request);
        return list(data, "/v1/checkout/sessions", hasMore);
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
    if (parts[1] === "charges" && parts[2] && request.method === "GET") {
      const charge = charges.get(parts[2]);
      return charge ? { status: 200, body: charge } : { status: 404, body: { error: { type: "invalid_request_error", code: "resource_missing", message: `No such charge: '${parts[2]}'` } } };
    }
    if (parts[1] === "refunds" && !parts[2] && request.method === "GET") {
      const { data, hasMore } = page([...refunds.values()], request);
      const expandCharge = [...request.query.entries()].some(([key, value]) => key.startsWith("expand") && value === "data.charge");
      return list(expandCharge ? data.map((item) => ({ ...item, charge: charges.get(item.charge) ?? item.charge })) : data, "/v1/refunds", hasMore);
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
    charges,
    refunds,
    disputeUpdates,
    putSession,
    chargeFor,
    refund,
    failNext: (count: number, status = 500) => {
      failures = count;
      failStatus = status;
    },
  });
}
