// Queues an email to the seller (SELLER_EMAIL) when something needs a human; nothing when no address is set.
import "server-only";
import { db, type Tx } from "@/server/db";
import { getEnv } from "@/server/env";
import { log } from "@/server/log";
import { enqueueMessage } from "@/server/outbox/enqueue-message";
import type { SellerAlertPayload } from "@/server/alerts/render-seller-alert";

export type EnqueueSellerAlertOptions = {
  /** One alert per key, whatever the number of times its cause is seen (e.g. `dispute_opened:du_123`). */
  dedupeKey: string;
  alert: SellerAlertPayload;
  orderId?: string;
  tx?: Tx;
};

/** Idempotent by dedupeKey. Returns false when SELLER_EMAIL is not set (the alert is only logged). */
export async function enqueueSellerAlert({ dedupeKey, alert, orderId, tx = db }: EnqueueSellerAlertOptions): Promise<boolean> {
  const to = getEnv().SELLER_EMAIL;
  if (!to) {
    log.warn("seller_alert_not_sent", { reason: "SELLER_EMAIL is not set", dedupeKey, title: alert.title, orderId });
    return false;
  }
  await enqueueMessage({ tx, kind: "seller_alert", dedupeKey: `seller_alert:${dedupeKey}`, to, payload: alert, orderId });
  log.info("seller_alert_queued", { dedupeKey, title: alert.title, orderId });
  return true;
}
