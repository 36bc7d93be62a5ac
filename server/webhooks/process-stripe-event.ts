// Runs a stored Stripe event through its handler once, under a lease, recording the outcome.
import "server-only";
import type Stripe from "stripe";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { log } from "@/server/log";
import { backoffDelay } from "@/server/outbox/backoff";
import { getEventHandler } from "@/server/webhooks/stripe-event-handlers";
import { kickOutbox } from "@/server/outbox/drain-outbox";

const LEASE_MS = 60_000;

/**
 * Claims the event with a conditional update (pending and due, or a lease that ran out), so two
 * instances or the sweeper and after() never run it at once. A failure puts it back with backoff:
 * an event answered 2xx is retried until it is processed, whatever happens in between.
 */
export async function processStripeEvent(eventId: string): Promise<"processed" | "waiting" | "failed" | "skipped"> {
  const now = new Date();
  const claimed = await db.stripeEvent.updateMany({
    where: {
      id: eventId,
      OR: [
        { status: { in: ["pending", "waiting"] }, nextAttemptAt: { lte: now } },
        { status: "processing", leaseUntil: { lt: now } },
      ],
    },
    data: { status: "processing", leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return "skipped";
  const stored = await db.stripeEvent.findUniqueOrThrow({ where: { id: eventId } });
  const handler = getEventHandler(stored.type);
  try {
    const event = JSON.parse(stored.payload) as Stripe.Event;
    const outcome = handler ? await handler(event, { receivedAt: stored.receivedAt }) : "done";
    await db.stripeEvent.update({
      where: { id: eventId },
      data: outcome === "done"
        ? { status: "processed", processedAt: new Date(), leaseUntil: null, error: null }
        : { status: "waiting", leaseUntil: null, nextAttemptAt: new Date(Date.now() + 60 * 60_000) },
    });
    kickOutbox();
    return outcome === "done" ? "processed" : "waiting";
  } catch (error) {
    const delay = backoffDelay({ attempt: stored.attempts, baseMs: 1_000, maxMs: 30 * 60_000 });
    await db.stripeEvent.update({
      where: { id: eventId },
      data: { status: "pending", leaseUntil: null, error: String((error as Error).message ?? error).slice(0, 1000), nextAttemptAt: new Date(Date.now() + delay) },
    });
    log.error("webhook_processing_failed", { eventId, type: stored.type, attempts: stored.attempts, retryInMs: delay, error });
    return "failed";
  }
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
