// Applies the money events that were waiting for an order, as soon as that order appears or is paid.
import "server-only";
import { db } from "@/server/db";
import { log } from "@/server/log";
import { processStripeEvent } from "@/server/webhooks/process-stripe-event";
import { jsonList, queryRows } from "@/server/database/raw-sql";

async function makeDue(ids: string[]): Promise<void> {
  if (ids.length) await db.stripeEvent.updateMany({ where: { id: { in: ids }, status: "waiting" }, data: { nextAttemptAt: new Date() } });
}

/** Makes the waiting events of these payment intents due now, so any process's sweeper takes them on its next pass. */
export async function releaseWaitingEvents({ paymentIntentIds }: { paymentIntentIds: string[] }): Promise<string[]> {
  if (paymentIntentIds.length === 0) return [];
  const waiting = await db.stripeEvent.findMany({ where: { paymentIntentId: { in: paymentIntentIds }, status: "waiting" }, select: { id: true } });
  const ids = waiting.map((event) => event.id);
  await makeDue(ids);
  return ids;
}

/**
 * For the order-changed signal: the events that wait for these orders' payments, processed here
 * and now, oldest first (a refund received before a dispute is applied first). One query finds
 * them for any number of orders (nearly always none: a bulk fulfillment asks for dozens at once).
 * Each event is claimed by processStripeEvent's lease, so the sweeper running at the same moment
 * cannot apply one twice; an event still not ready simply goes back to waiting.
 */
export async function processWaitingEventsForOrders(orderIds: string[]): Promise<number> {
  if (orderIds.length === 0) return 0;
  const waiting = await queryRows<{ id: string }>(
    db,
    `SELECT e.id FROM "StripeEvent" e JOIN "Order" o ON o."stripePaymentIntentId" = e."paymentIntentId"
     WHERE e.status = 'waiting' AND o.id IN ${jsonList()} ORDER BY e."receivedAt"`,
    JSON.stringify(orderIds),
  );
  if (waiting.length === 0) return 0;
  const ids = waiting.map((event) => event.id);
  await makeDue(ids);
  let processed = 0;
  for (const id of ids) {
    if ((await processStripeEvent(id)) === "processed") processed += 1;
  }
  log.info("waiting_events_processed", { orderIds, waiting: ids.length, processed });
  return processed;
}
