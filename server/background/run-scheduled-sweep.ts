// One pass of the background loops, for hosts without a long-lived process (serverless): a scheduler
// calls /api/cron/sweep every minute instead of the timer in start-workers.ts.
import "server-only";
import { ensureDbReady } from "@/server/db";
import { sweepStripeEvents } from "@/server/webhooks/process-stripe-event";
import { drainOutboxOnce } from "@/server/outbox/drain-outbox";

export type ScheduledSweepResult = { eventsProcessed: number; messagesHandled: number; seconds: number };

/**
 * Processes every due Stripe event, then sends everything due in the outbox, and waits for both,
 * so the work ends inside the call. Safe beside running instances and overlapping calls: events and
 * messages are claimed under leases, so each goes to one worker.
 */
export async function runScheduledSweep(): Promise<ScheduledSweepResult> {
  const started = Date.now();
  await ensureDbReady();
  const eventsProcessed = await sweepStripeEvents();
  const messagesHandled = await drainOutboxOnce();
  return { eventsProcessed, messagesHandled, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
