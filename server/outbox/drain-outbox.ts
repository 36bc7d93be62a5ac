// Sends what the outbox holds: claims due messages with a lease, batches them, retries with backoff.
import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import { db } from "@/server/db";
import { updateRowsById } from "@/server/database/insert-rows";
import { getEnv } from "@/server/env";
import { log } from "@/server/log";
import { backoffDelay } from "@/server/outbox/backoff";
import { RateLimiter } from "@/server/outbox/rate-limiter";
import { renderMessages, type RenderedEmail } from "@/server/outbox/render-message";
import { sendMail } from "@/server/mail/send-mail";
import { claimOutboxMessages } from "@/server/outbox/claim-outbox-messages";
import type { OutboxMessage } from "@/server/generated/sqlite/client";

const LEASE_MS = 2 * 60_000;
const owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

type DrainState = { running: boolean; again: boolean; limiter?: RateLimiter; claims: number; onFinalFailure: Array<(m: OutboxMessage) => void> };
const globalForOutbox = globalThis as unknown as { handoffOutbox?: DrainState };
const state: DrainState = (globalForOutbox.handoffOutbox ??= { running: false, again: false, claims: 0, onFinalFailure: [] });

function limiter(): RateLimiter {
  state.limiter ??= new RateLimiter(getEnv().MAIL_RATE_PER_SECOND);
  return state.limiter;
}

/** The next unit of sending, under a lease that names this process and this claim. */
async function claimNext(): Promise<{ messages: OutboxMessage[]; claimToken: string } | null> {
  const claimToken = `${owner}:${++state.claims}`;
  const messages = await claimOutboxMessages({ claimToken, batchSize: getEnv().MAIL_BATCH_SIZE, leaseMs: LEASE_MS });
  return messages ? { messages, claimToken } : null;
}

type Ready = OutboxMessage & { content: { to: string; subject: string; html: string; text: string } };

/**
 * Content for each claimed message: what an earlier try stored, else a fresh render (deterministic:
 * tokens are stamped with the message's creation time, so a re-render after a crash is the same
 * body under the same Idempotency-Key). Nothing is written here; the outcome's update stores it.
 */
async function renderAll(messages: OutboxMessage[]): Promise<Ready[]> {
  const ready: Ready[] = [];
  const stored = (message: OutboxMessage) => message.html !== null && message.subject !== null && message.text !== null;
  const fresh = messages.filter((message) => !stored(message));
  const renders = await renderEach(fresh);
  for (const message of messages) {
    if (stored(message)) {
      ready.push({ ...message, content: { to: message.to, subject: message.subject!, html: message.html!, text: message.text! } });
      continue;
    }
    const rendered = renders.get(message.id);
    if (rendered instanceof Error) {
      await failUnrenderable(message, rendered);
      continue;
    }
    if (!rendered) {
      await db.outboxMessage.update({ where: { id: message.id }, data: { status: "cancelled", leaseOwner: null, lastError: "nothing left to send" } });
      continue;
    }
    ready.push({ ...message, content: rendered });
  }
  return ready;
}

/**
 * Renders a batch together; if that throws, each message alone, so one message no template can
 * render (an unknown kind, a payload this version cannot read) does not hold its batch back. When
 * every message fails alone too (or a lone message fails), the cause may be shared and passing (the
 * database), so it is thrown: the claim is given back and tried again with backoff, a bounded number
 * of times (giveBack).
 */
async function renderEach(messages: OutboxMessage[]): Promise<Map<string, RenderedEmail | null | Error>> {
  try {
    return new Map((await renderMessages(messages)).map((rendered, index) => [messages[index]!.id, rendered]));
  } catch (batchError) {
    if (messages.length < 2) throw batchError;
    const alone = await Promise.all(
      messages.map((message) => renderMessages([message]).then(([rendered]) => rendered ?? null, (error: unknown) => (error instanceof Error ? error : new Error(String(error))))),
    );
    if (alone.every((rendered) => rendered instanceof Error)) throw batchError;
    return new Map(alone.map((rendered, index) => [messages[index]!.id, rendered]));
  }
}

/** Rendering is deterministic, so a message that alone cannot be rendered fails now, for a person to look at. */
async function failUnrenderable(message: OutboxMessage, error: Error): Promise<void> {
  const lastError = `render: ${error.message}`.slice(0, 500);
  const updated = await db.outboxMessage.update({ where: { id: message.id }, data: { status: "failed", leaseOwner: null, leaseUntil: null, lastError } });
  reportFinalFailure(updated);
}

/** A message that will not be tried again: logged, and handed to whoever must tell a person. */
function reportFinalFailure(failed: OutboxMessage): void {
  log.error("outbox_failed", { messageId: failed.id, orderId: failed.orderId, kind: failed.kind, error: failed.lastError, attempts: failed.attempts });
  for (const listener of state.onFinalFailure) listener(failed);
}

type SentFields = { sentAt: Date; provider: string; providerIds: Array<string | null>; lastError: string | null };

/**
 * Records a sent batch in one statement, whatever its size: each row keeps its subject and provider
 * id. The body is kept only for the local outbox, which /dev/mail shows from here: Resend keeps what
 * it sent, and a copy here would cost some 15 KB a delivery on disk and a megabyte-sized write per
 * batch, for nothing that reads it (a retry needs the body only after a failed try, which stores it).
 */
async function markSent(ready: Ready[], { sentAt, provider, providerIds, lastError }: SentFields): Promise<void> {
  const keepsBody = provider === "local";
  await updateRowsById(
    db,
    "OutboxMessage",
    ready.map(({ id, content }, index) => ({ id, subject: content.subject, ...(keepsBody ? { html: content.html, text: content.text } : {}), providerId: providerIds[index] ?? null })),
    { status: "sent", sentAt, provider, leaseOwner: null, leaseUntil: null, lastError },
  );
}

async function sendClaimed(messages: OutboxMessage[]): Promise<void> {
  const env = getEnv();
  const ready = await renderAll(messages);
  if (!ready.length) return;
  await limiter().take();
  // Claims group every message (a lone one under its own id); rows from before that carry none.
  const idempotencyKey = ready[0]!.batchKey ?? ready[0]!.id;
  const result = await sendMail({ idempotencyKey, emails: ready.map((message) => message.content) });
  const now = new Date();
  if (result.ok || result.isAlreadySent) {
    await markSent(ready, {
      sentAt: now,
      provider: env.isLocalMail ? "local" : "resend",
      providerIds: ready.map((_, index) => (result.ok ? (result.providerIds[index] ?? null) : null)),
      lastError: result.ok ? null : result.error,
    });
    log.info("outbox_sent", { messageIds: ready.map((m) => m.id), orderIds: ready.map((m) => m.orderId).filter(Boolean), batch: ready.length > 1 });
    return;
  }
  const isThrottled = result.error.startsWith("429");
  if (isThrottled && result.retryAfterMs) limiter().pause(result.retryAfterMs);
  for (const message of ready) {
    const attempts = isThrottled ? message.attempts - 1 : message.attempts;
    const isFinal = !isThrottled && (result.isPermanent || attempts >= env.MAIL_MAX_ATTEMPTS);
    if (isFinal && ready.length > 1 && result.isPermanent) {
      // A rejected batch sent nothing: each member goes again alone (its own id as its group and
      // key), so one bad address cannot hold back the others nor be folded into the next batch.
      await db.outboxMessage.update({ where: { id: message.id }, data: { status: "pending", batchKey: message.id, leaseOwner: null, leaseUntil: null, lastError: result.error, nextAttemptAt: now } });
      continue;
    }
    const delay = backoffDelay({ attempt: Math.max(1, attempts), baseMs: env.MAIL_RETRY_BASE_MS, retryAfterMs: result.retryAfterMs });
    const updated = await db.outboxMessage.update({
      where: { id: message.id },
      data: {
        // kept, so every retry sends exactly this body under the same key; a lone message keeps its
        // own id as its group, so it is never folded into a new batch under another key
        ...message.content,
        batchKey: message.batchKey ?? message.id,
        status: isFinal ? "failed" : "pending",
        attempts,
        lastError: result.error,
        leaseOwner: null,
        leaseUntil: null,
        nextAttemptAt: new Date(now.getTime() + delay),
      },
    });
    if (isFinal) {
      reportFinalFailure(updated);
    } else {
      log.warn("outbox_retry", { messageId: message.id, orderId: message.orderId, error: result.error, attempts, retryInMs: delay });
    }
  }
}

/**
 * A pass that threw (the database failed, or no member of the claim could be rendered) gives back
 * what it still holds: due again after a backoff, as a failed send would be, or failed for good
 * once its tries are spent, so a message that can never be rendered ends in front of a person
 * instead of going round under its lease forever. The rows keep their group, so a send that did go
 * out before the error goes again under the same key. Should this update fail too, the lease
 * remains the net.
 */
async function giveBack({ messages, claimToken }: { messages: OutboxMessage[]; claimToken: string }, error: unknown): Promise<void> {
  const env = getEnv();
  const lastError = `error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
  const now = Date.now();
  // The claim's rows as read after claiming; the condition below skips any the pass already settled.
  for (const message of messages) {
    const isFinal = message.attempts >= env.MAIL_MAX_ATTEMPTS;
    const delay = backoffDelay({ attempt: Math.max(1, message.attempts), baseMs: env.MAIL_RETRY_BASE_MS });
    const updated = await db.outboxMessage.updateMany({
      where: { id: message.id, leaseOwner: claimToken, status: "sending" },
      data: { status: isFinal ? "failed" : "pending", lastError, leaseOwner: null, leaseUntil: null, nextAttemptAt: new Date(now + delay) },
    });
    if (updated.count === 0) continue;
    if (isFinal) reportFinalFailure({ ...message, status: "failed", lastError });
    else log.warn("outbox_retry", { messageId: message.id, orderId: message.orderId, error: lastError, attempts: message.attempts, retryInMs: delay });
  }
}

/** Sends everything due now; returns how many messages it handled. */
export async function drainOutboxOnce(): Promise<number> {
  let handled = 0;
  for (let claim = await claimNext(); claim; claim = await claimNext()) {
    try {
      await sendClaimed(claim.messages);
    } catch (error) {
      log.error("outbox_error", { error, messageIds: claim.messages.map((m) => m.id) });
      await giveBack(claim, error).catch((releaseError: unknown) => log.error("outbox_give_back_failed", { error: releaseError }));
      // The rest waits for the next pass: what failed here may fail the next claim too.
      break;
    }
    handled += claim.messages.length;
  }
  return handled;
}

/** Starts a drain unless one runs in this process; a running drain goes round once more. */
export function kickOutbox(): void {
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  void (async () => {
    try {
      do {
        state.again = false;
        await drainOutboxOnce();
      } while (state.again);
    } catch (error) {
      log.error("outbox_error", { error });
    } finally {
      state.running = false;
    }
  })();
}

/** Lets other domains react when a message finally fails (the seller alert, the dashboard). */
export function onOutboxFinalFailure(listener: (message: OutboxMessage) => void): void {
  state.onFinalFailure.push(listener);
}
