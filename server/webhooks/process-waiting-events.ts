// Applies the money events that were waiting for an order, as soon as that order appears or is paid.
import "server-only";
import { db } from "@/server/db";
import { log } from "@/server/log";
import { processStripeEvent } from "@/server/webhooks/process-stripe-event";

/** Makes the waiting events of these payment intents due now, so any process's sweeper takes them on its next pass. */
export async function releaseWaitingEvents({ paymentIntentIds }: { paymentIntentIds: string[] }): Promise<string[]> {
  if (paymentIntentIds.length === 0) return [];
  const waiting = await db.stripeEvent.findMany({
    where: { paymentIntentId: { in: paymentIntentIds }, status: "waiting" },
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
export async function processWaitingEvents({ paymentIntentIds }: { paymentIntentIds: string[] }): Promise<number> {
  const ids = await releaseWaitingEvents({ paymentIntentIds });
  let processed = 0;
  for (const id of ids) {
    if ((await processStripeEvent(id)) === "processed") processed += 1;
  }
  if (ids.length) log.info("waiting_events_processed", { paymentIntentIds, waiting: ids.length, processed });
  return processed;
}

/** For the order-changed signal: the orders' payment intents name the events that wait for them. Two queries for any number. */
export async function processWaitingEventsForOrders(orderIds: string[]): Promise<number> {
  const orders = await db.order.findMany({ where: { id: { in: orderIds } }, select: { stripePaymentIntentId: true } });
  const paymentIntentIds = orders.map((order) => order.stripePaymentIntentId).filter((id): id is string => Boolean(id));
  return processWaitingEvents({ paymentIntentIds });
}
