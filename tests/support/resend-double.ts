// A local stand-in for Resend's HTTP API (POST /emails, POST /emails/batch) that records what arrives.
// Like Resend it answers a repeated Idempotency-Key with the first result, and refuses a different body
// under a used key with 409 invalid_idempotent_request; it can be told to fail,
// to refuse connections, to rate-limit (429 with Retry-After) as Resend's default 2 requests/s does,
// or to accept mail but hold back its answers (a sender that dies mid-send never hears them).
import { startHttpDouble, type DoubleRequest, type RunningDouble } from "./http-double";

export type ReceivedEmail = { id: string; from: string; to: string | string[]; subject: string; html: string; text?: string; idempotencyKey: string | null; batch: boolean; at: number };

export type ResendDouble = RunningDouble & {
  emails: ReceivedEmail[];
  /** Emails accepted once each: repeats under the same Idempotency-Key are not counted again. */
  uniqueEmails: () => ReceivedEmail[];
  failNext: (count: number, status?: number) => void;
  /** Fails the next `count` requests that carry an email to `address`, whatever else is in flight. */
  failNextTo: (address: string, count: number, status?: number) => void;
  setDown: (isDown: boolean, status?: number) => void;
  setRateLimit: (perSecond: number | null) => void;
  /** While on, mail is accepted and recorded as usual, but each answer waits until it is turned off. */
  holdAnswers: (isHeld: boolean) => void;
  waitForEmails: (count: number, timeoutMs?: number) => Promise<ReceivedEmail[]>;
  rateLimited: number;
};

export async function startResendDouble(): Promise<ResendDouble> {
  const emails: ReceivedEmail[] = [];
  const seenKeys = new Map<string, { body: string; reply: unknown }>();
  let failures = 0;
  let failStatus = 500;
  const addressedFailures = new Map<string, { count: number; status: number }>();
  let down = false;
  let downStatus = 503;
  let rateLimit: number | null = null;
  const window: number[] = [];
  let sequence = 0;
  const state = { rateLimited: 0 };
  let heldAnswers: { promise: Promise<void>; release: () => void } | null = null;

  const handler = async (request: DoubleRequest) => {
    if (request.method !== "POST" || (request.path !== "/emails" && request.path !== "/emails/batch")) {
      return { status: 404, body: { statusCode: 404, name: "not_found", message: "Route not found" } };
    }
    if (!String(request.headers.authorization ?? "").startsWith("Bearer ")) {
      return { status: 401, body: { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header." } };
    }
    if (down) return { status: downStatus, body: { statusCode: downStatus, name: "application_error", message: "Service unavailable" } };
    if (failures > 0) {
      failures -= 1;
      return { status: failStatus, body: { statusCode: failStatus, name: "internal_server_error", message: "Injected failure" } };
    }
    const addressed = [...addressedFailures].find(([address, rule]) => rule.count > 0 && request.body.includes(JSON.stringify(address)));
    if (addressed) {
      addressed[1].count -= 1;
      return { status: addressed[1].status, body: { statusCode: addressed[1].status, name: "validation_error", message: "Injected failure" } };
    }
    if (rateLimit !== null) {
      const now = Date.now();
      while (window.length && window[0]! <= now - 1000) window.shift();
      if (window.length >= rateLimit) {
        state.rateLimited += 1;
        return { status: 429, headers: { "retry-after": "1" }, body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests. You can only make 2 requests per second." } };
      }
      window.push(now);
    }
    const key = (request.headers["idempotency-key"] as string | undefined) ?? null;
    const seen = key ? seenKeys.get(key) : undefined;
    if (seen && seen.body !== request.body) {
      return { status: 409, body: { statusCode: 409, name: "invalid_idempotent_request", message: "Same idempotency key used with a different request payload." } };
    }
    if (seen) return { status: 200, body: seen.reply };
    const isBatch = request.path === "/emails/batch";
    const payloads = (isBatch ? JSON.parse(request.body) : [JSON.parse(request.body)]) as Array<Omit<ReceivedEmail, "id" | "idempotencyKey" | "batch" | "at">>;
    const ids = payloads.map((payload) => {
      const id = `re_${++sequence}`;
      emails.push({ ...payload, id, idempotencyKey: key, batch: isBatch, at: Date.now() });
      return { id };
    });
    const body = isBatch ? { data: ids } : ids[0];
    if (key) seenKeys.set(key, { body: request.body, reply: body });
    if (heldAnswers) await heldAnswers.promise;
    return { status: 200, body };
  };

  const running = await startHttpDouble(handler);
  return Object.assign(running, {
    emails,
    uniqueEmails: () => emails,
    failNext: (count: number, status = 500) => {
      failures = count;
      failStatus = status;
    },
    failNextTo: (address: string, count: number, status = 500) => {
      addressedFailures.set(address, { count, status });
    },
    setDown: (isDown: boolean, status = 503) => {
      down = isDown;
      downStatus = status;
    },
    setRateLimit: (perSecond: number | null) => {
      rateLimit = perSecond;
    },
    holdAnswers: (isHeld: boolean) => {
      if (isHeld && !heldAnswers) {
        let release = () => {};
        const promise = new Promise<void>((resolve) => (release = resolve));
        heldAnswers = { promise, release };
      } else if (!isHeld && heldAnswers) {
        heldAnswers.release();
        heldAnswers = null;
      }
    },
    waitForEmails: async (count: number, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (emails.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      return emails;
    },
    get rateLimited() {
      return state.rateLimited;
    },
  });
}
