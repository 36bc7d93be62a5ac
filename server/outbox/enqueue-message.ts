// Puts a message in the outbox inside the caller's transaction; the dedupe key makes a repeat a no-op.
import "server-only";
import type { Tx } from "@/server/db";

export type MessageKind = "order_delivered" | "magic_link" | "payment_failed" | "seller_alert" | "digest";

export type EnqueueMessageOptions = {
  tx: Tx;
  kind: MessageKind;
  dedupeKey: string;
  to: string;
  payload: Record<string, unknown>;
  orderId?: string;
  notBefore?: Date;
};

/**
 * Idempotent by dedupeKey: a second call with the same key leaves the first message untouched,
 * so a repeated event can never queue a second email.
 */
export async function enqueueMessage({ tx, kind, dedupeKey, to, payload, orderId, notBefore }: EnqueueMessageOptions) {
  return tx.outboxMessage.upsert({
    where: { dedupeKey },
    create: { kind, dedupeKey, to, payload: JSON.stringify(payload), orderId, nextAttemptAt: notBefore ?? new Date() },
    update: {},
  });
}
