// Holds back a delivery email for a few seconds when a refund or dispute of its payment is already waiting.
import "server-only";
import type { Tx } from "@/server/db";
import { jsonList, queryRows } from "@/server/database/raw-sql";

const HOLD_MS = 10_000;

/**
 * A refund that arrived before its completion is applied as soon as the order exists (the waiting
 * event is re-processed at once); holding the email a few seconds lets it land first, so the buyer
 * is not sent links that no longer work. Returns payment intent → send-not-before for the intents
 * that have waiting events; the others (nearly all) send at once. One indexed query for any number.
 */
export async function deliveryHolds(tx: Tx, paymentIntentIds: Array<string | null>, now = new Date()): Promise<Map<string, Date>> {
  const ids = [...new Set(paymentIntentIds.filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return new Map();
  const waiting = await queryRows<{ paymentIntentId: string }>(tx, `SELECT "paymentIntentId" FROM "StripeEvent" WHERE status = 'waiting' AND "paymentIntentId" IN ${jsonList()}`, JSON.stringify(ids));
  const until = new Date(now.getTime() + HOLD_MS);
  return new Map(waiting.map((event) => [event.paymentIntentId!, until]));
}
