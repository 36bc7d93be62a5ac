// Applies the money events that were waiting for an order, as soon as that order appears or is paid.
import "server-only";
import { db } from "@/server/db";
import { log } from "@/server/log";
import { processStripeEvent } from "@/server/webhooks/process-stripe-event";

export type ProcessWaitingEventsOptions = { paymentIntentId: string };

/** Makes the waiting events of a payment intent due now, so any process's sweeper takes them on its next pass. */
export async function releaseWaitingEvents({ paymentIntentId }: ProcessWaitingEventsOptions): Promise<string[]> {
  const waiting = await db.stripeEvent.findMany({
    where: { paymentIntentId, status: "waiting" },
    orderBy: { receivedAt: "asc" },
    select: { id: true },
  });
  if (waiting.length === 0) return [];
  const ids = waiting.map((event) => event.id);
  await db.stripeEvent.updateMany({ where: { id: { in: ids }, status: "waiting" }, data: { nextAttemptAt: new Date() } });
  return ids;
}

/**
 * Processes them here and now, oldest first (a refund received before a dispute is applied first).
 * Each event is claimed by processStripeEvent's lease, so the sweeper running at the same moment
 * cannot apply one twice; an event still not ready simply goes back to waiting.
 */
export async function processWaitingEvents(options: ProcessWaitingEventsOptions): Promise<number> {
  const ids = await releaseWaitingEvents(options);
  let processed = 0;
  for (const id of ids) {
    if ((await processStripeEvent(id)) === "processed") processed += 1;
  }
  if (ids.length) log.info("waiting_events_processed", { paymentIntentId: options.paymentIntentId, waiting: ids.length, processed });
  return processed;
}

/** For the order-changed signal: the order's payment intent names the events that wait for it. */
export async function processWaitingEventsForOrder(orderId: string): Promise<number> {
  const order = await db.order.findUnique({ where: { id: orderId }, select: { stripePaymentIntentId: true } });
  if (!order?.stripePaymentIntentId) return 0;
  return processWaitingEvents({ paymentIntentId: order.stripePaymentIntentId });
}
