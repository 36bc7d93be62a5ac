// Runs a stored Stripe event through its handler once, under a lease, recording the outcome.
import "server-only";
import type Stripe from "stripe";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { log } from "@/server/log";
import { backoffDelay } from "@/server/outbox/backoff";
import { getEventHandler } from "@/server/webhooks/stripe-event-handlers";
import { kickOutbox } from "@/server/outbox/drain-outbox";

export const EVENT_LEASE_MS = 60_000;

export type ClaimedEvent = { id: string; type: string; event: Stripe.Event; receivedAt: Date; attempts: number };
export type ProcessOutcome = "processed" | "waiting" | "failed" | "skipped";

/**
 * Runs an event this process holds the lease on, and records the outcome. A failure puts it back
 * with backoff: an event answered 2xx is retried until it is processed, whatever happens between.
 */
async function runClaimedEvent({ id, type, event, receivedAt, attempts }: ClaimedEvent): Promise<ProcessOutcome> {
  const handler = getEventHandler(type);
  try {
    const outcome = handler ? await handler(event, { receivedAt }) : "done";
    await db.stripeEvent.updateMany({
      where: { id, status: "processing" },
      data: outcome === "done"
        ? { status: "processed", processedAt: new Date(), leaseUntil: null, error: null }
        : { status: "waiting", leaseUntil: null, nextAttemptAt: new Date(Date.now() + 60 * 60_000) },
    });
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

/**
 * The fast path, right after the webhook's response: intake stored the event already leased to this
 * process, so it runs at once, from memory, without a second claim or read. Should this process die
 * first, the lease runs out and the sweeper takes the event.
 */
export function processReceivedEvent(claimed: ClaimedEvent): Promise<ProcessOutcome> {
  return runClaimedEvent(claimed);
}

/**
 * Claims a stored event with a conditional update (pending and due, or a lease that ran out), so two
 * instances, or the sweeper and the fast path, never run it at once; then runs it.
 */
export async function processStripeEvent(eventId: string): Promise<ProcessOutcome> {
  const now = new Date();
  const claimed = await db.stripeEvent.updateMany({
    where: {
      id: eventId,
      OR: [
        { status: { in: ["pending", "waiting"] }, nextAttemptAt: { lte: now } },
        { status: "processing", leaseUntil: { lt: now } },
      ],
    },
    data: { status: "processing", leaseUntil: new Date(now.getTime() + EVENT_LEASE_MS), attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return "skipped";
  const stored = await db.stripeEvent.findUniqueOrThrow({ where: { id: eventId } });
  return runClaimedEvent({ id: stored.id, type: stored.type, event: JSON.parse(stored.payload) as Stripe.Event, receivedAt: stored.receivedAt, attempts: stored.attempts });
}

/** The sweeper: processes every event that is due (left pending by a crash, a failed API call...). */
export async function sweepStripeEvents(limit = 200): Promise<number> {
  const now = new Date();
  const due = await db.stripeEvent.findMany({
    where: {
      OR: [
        { status: { in: ["pending", "waiting"] }, nextAttemptAt: { lte: now } },
        { status: "processing", leaseUntil: { lt: now } },
      ],
    },
    orderBy: { receivedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  let processed = 0;
  for (const { id } of due) {
    if ((await processStripeEvent(id)) === "processed") processed += 1;
  }
  if (due.length) log.info("sweeper_pass", { due: due.length, processed, interval: getEnv().WORKER_INTERVAL_MS });
  return processed;
}
