// Runs a stored Stripe event through its handler once, under a lease, recording the outcome.
import "server-only";
import type Stripe from "stripe";
import { db, usesPostgres } from "@/server/db";
import { getEnv } from "@/server/env";
import { log } from "@/server/log";
import { backoffDelay } from "@/server/outbox/backoff";
import { getEventHandler } from "@/server/webhooks/stripe-event-handlers";
import { kickOutbox } from "@/server/outbox/drain-outbox";
import { findProduct } from "@/server/catalog/get-catalog";
import type { Product } from "@/server/catalog/schemas";
import { buyerEmail, isSessionPaid } from "@/server/fulfillment/fulfill-checkout-session";
import { fulfillNewPaidSessions, type NewPaidSession } from "@/server/fulfillment/fulfill-new-paid-sessions";
import { notifyOrderChanged } from "@/server/fulfillment/order-events";
import { execute, jsonList } from "@/server/database/raw-sql";

export const EVENT_LEASE_MS = 60_000;
const EVENT_BATCH_WINDOW_MS = 10;

export type ClaimedEvent = { id: string; type: string; event: Stripe.Event; receivedAt: Date; attempts: number };
export type ProcessOutcome = "processed" | "waiting" | "failed" | "skipped";

function dueWhere(now: Date) {
  return {
    OR: [
      { status: { in: ["pending", "waiting"] }, nextAttemptAt: { lte: now } },
      { status: "processing", leaseUntil: { lt: now } },
    ],
  };
}

/**
 * A waiting event (its order is not there or not paid yet) is normally applied the moment the order
 * changes (processWaitingEvents); this retry is the net under that signal, e.g. when the order was
 * made by another process. Soon at first, then at most hourly.
 */
function waitingDelay(attempts: number): number {
  return backoffDelay({ attempt: attempts, baseMs: 30_000, maxMs: 60 * 60_000 });
}

/**
 * A refund or dispute of a payment made outside this store (another product on the same Stripe
 * account) never finds an order; after this long, far past Stripe's retries and the reconcile
 * window, it stops waiting and is kept as ignored.
 */
const MAX_WAIT_MS = 30 * 86_400_000;

/**
 * Runs an event this process holds the lease on, and records the outcome. A failure puts it back
 * with backoff: an event answered 2xx is retried until it is processed, whatever happens between.
 */
async function runClaimedEvent({ id, type, event, receivedAt, attempts }: ClaimedEvent): Promise<ProcessOutcome> {
  const handler = getEventHandler(type);
  try {
    const outcome = handler ? await handler(event, { receivedAt, attempts, eventId: id }) : "done";
    const hasWaitedEnough = outcome === "wait" && Date.now() - receivedAt.getTime() > MAX_WAIT_MS;
    await db.stripeEvent.updateMany({
      where: { id, status: "processing" },
      data: outcome === "done"
        ? { status: "processed", processedAt: new Date(), leaseUntil: null, error: null }
        : hasWaitedEnough
          ? { status: "ignored", processedAt: new Date(), leaseUntil: null, error: "no order of this store appeared for its payment in 30 days (a payment made elsewhere on the account?)" }
          : { status: "waiting", leaseUntil: null, nextAttemptAt: new Date(Date.now() + waitingDelay(attempts)) },
    });
    if (hasWaitedEnough) log.warn("webhook_wait_abandoned", { eventId: id, type });
    log.info("webhook_processed", { eventId: id, type, outcome, attempts });
    kickOutbox();
    return outcome === "done" ? "processed" : "waiting";
  } catch (error) {
    const delay = backoffDelay({ attempt: attempts, baseMs: 1_000, maxMs: 30 * 60_000 });
    await db.stripeEvent.updateMany({
      where: { id, status: "processing" },
      data: { status: "pending", leaseUntil: null, error: String((error as Error).message ?? error).slice(0, 1000), nextAttemptAt: new Date(Date.now() + delay) },
    });
    log.error("webhook_processing_failed", { eventId: id, type, attempts, retryInMs: delay, error });
    return "failed";
  }
}

type Queued = { claimed: ClaimedEvent; resolve: (outcome: ProcessOutcome) => void };
const globalForBatch = globalThis as unknown as { handoffEventBatch?: { queue: Queued[]; isRunning: boolean } };
const batchState = (globalForBatch.handoffEventBatch ??= { queue: [], isRunning: false });
const BULK_TYPES = new Set(["checkout.session.completed", "checkout.session.async_payment_succeeded"]);

/** A new paid session whose products all come from metadata: what a launch-day burst is made of. */
function asBulkCandidate({ claimed }: Queued): NewPaidSession | null {
  if (!BULK_TYPES.has(claimed.type)) return null;
  const session = claimed.event.data.object as Stripe.Checkout.Session;
  const email = buyerEmail(session);
  const slugs = session.metadata?.product?.split(",").map((slug) => slug.trim()).filter(Boolean) ?? [];
  if ((session.mode && session.mode !== "payment") || !isSessionPaid(session) || !email || slugs.length === 0) return null;
  const products = [...new Set(slugs)].map((slug) => findProduct(slug));
  if (products.some((product) => !product)) return null;
  return { session, email, receivedAt: claimed.receivedAt, products: products as Product[] };
}

async function runBatch(batch: Queued[]): Promise<void> {
  const candidates = batch.map((queued) => ({ queued, candidate: asBulkCandidate(queued) }));
  const bulk = candidates.filter((entry) => entry.candidate);
  let created = new Map<string, string>();
  if (bulk.length > 1) {
    try {
      created = await fulfillNewPaidSessions(bulk.map((entry) => entry.candidate!));
    } catch (error) {
      // Anything odd (another instance won a race) falls back to the one-by-one path below.
      log.warn("bulk_fulfillment_fell_back", { events: bulk.length, error });
    }
  }
  const doneIds = new Set<string>();
  const done: typeof bulk = [];
  const seenSessions = new Set<string>();
  for (const entry of bulk) {
    const sessionId = entry.candidate!.session.id;
    // a second event of the same session in the batch runs on its own and finds the order
    if (!created.has(sessionId) || seenSessions.has(sessionId)) continue;
    seenSessions.add(sessionId);
    doneIds.add(entry.queued.claimed.id);
    done.push(entry);
  }
  if (doneIds.size) {
    await execute(db, `UPDATE "StripeEvent" SET status = 'processed', "processedAt" = ?, "leaseUntil" = NULL WHERE status = 'processing' AND id IN ${jsonList()}`, new Date(), JSON.stringify([...doneIds]));
    const orderIds = done.map((entry) => created.get(entry.candidate!.session.id)!);
    done.forEach((entry, index) => log.info("fulfillment_done", { sessionId: entry.candidate!.session.id, orderId: orderIds[index], eventId: entry.queued.claimed.id, status: "paid", deliveredNow: true, source: "webhook", bulk: true }));
    notifyOrderChanged(...orderIds);
    kickOutbox();
    for (const entry of done) entry.queued.resolve("processed");
  }
  for (const queued of batch) {
    if (doneIds.has(queued.claimed.id)) continue;
    queued.resolve(await runClaimedEvent(queued.claimed));
  }
}

/**
 * The fast path, right after the webhook's response: intake stored the event already leased to this
 * process, so it runs at once, from memory, without a second claim or read. Events that arrive while
 * a batch runs are taken together: new paid sessions in one transaction, the rest one by one. Should
 * this process die first, the lease runs out and the sweeper takes the event.
 */
export function processReceivedEvent(claimed: ClaimedEvent): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    batchState.queue.push({ claimed, resolve });
    if (batchState.isRunning) return;
    batchState.isRunning = true;
    // A few milliseconds' wait lets the events of a burst gather, so they share one transaction.
    setTimeout(async () => {
      try {
        while (batchState.queue.length) {
          const batch = batchState.queue.splice(0, 200);
          await runBatch(batch).catch((error) => {
            // The events keep their lease; when it runs out the sweeper runs them again, idempotently.
            log.error("event_batch_failed", { error, events: batch.length });
            for (const queued of batch) queued.resolve("failed");
          });
        }
      } finally {
        batchState.isRunning = false;
      }
    }, EVENT_BATCH_WINDOW_MS);
  });
}

/**
 * Claims a stored event with a conditional update (pending and due, or a lease that ran out), so two
 * instances, or the sweeper and the fast path, never run it at once; then runs it.
 */
export async function processStripeEvent(eventId: string): Promise<ProcessOutcome> {
  const now = new Date();
  const claimed = await db.stripeEvent.updateMany({
    where: { id: eventId, ...dueWhere(now) },
    data: { status: "processing", leaseUntil: new Date(now.getTime() + EVENT_LEASE_MS), attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return "skipped";
  return runStoredEvent(eventId);
}

/** Reads an event this process has just claimed and runs it. */
async function runStoredEvent(eventId: string): Promise<ProcessOutcome> {
  const stored = await db.stripeEvent.findUniqueOrThrow({ where: { id: eventId } });
  return runClaimedEvent({ id: stored.id, type: stored.type, event: JSON.parse(stored.payload) as Stripe.Event, receivedAt: stored.receivedAt, attempts: stored.attempts });
}

/**
 * PostgreSQL: claims the oldest due event in one statement, skipping rows another instance is
 * claiming, so sweepers on several instances share the backlog instead of racing for each row.
 */
async function claimNextDueEvent(now: Date): Promise<string | null> {
  const [claimed] = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "StripeEvent" SET status = 'processing', "leaseUntil" = ${new Date(now.getTime() + EVENT_LEASE_MS)}, attempts = attempts + 1
    WHERE id = (
      SELECT id FROM "StripeEvent"
      WHERE (status IN ('pending', 'waiting') AND "nextAttemptAt" <= ${now}) OR (status = 'processing' AND "leaseUntil" < ${now})
      ORDER BY "receivedAt" LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  return claimed?.id ?? null;
}

/** The sweeper: processes every event that is due (left pending by a crash, a failed API call...). */
export async function sweepStripeEvents(limit = 200): Promise<number> {
  const now = new Date();
  const outcomes: ProcessOutcome[] = [];
  if (usesPostgres()) {
    while (outcomes.length < limit) {
      const id = await claimNextDueEvent(now);
      if (!id) break;
      outcomes.push(await runStoredEvent(id));
    }
  } else {
    const due = await db.stripeEvent.findMany({ where: dueWhere(now), orderBy: { receivedAt: "asc" }, take: limit, select: { id: true } });
    for (const { id } of due) outcomes.push(await processStripeEvent(id));
  }
  const processed = outcomes.filter((outcome) => outcome === "processed").length;
  if (outcomes.length) log.info("sweeper_pass", { due: outcomes.length, processed, interval: getEnv().WORKER_INTERVAL_MS });
  return processed;
}
