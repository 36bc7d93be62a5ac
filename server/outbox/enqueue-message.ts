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
 * so a repeated event can never queue a second email. Returns the message's id.
 */
export async function enqueueMessage({ tx, kind, dedupeKey, to, payload, orderId, notBefore }: EnqueueMessageOptions): Promise<string> {
  // Read first: a plain insert is far cheaper than Prisma's emulated upsert on SQLite.
  const existing = await tx.outboxMessage.findUnique({ where: { dedupeKey }, select: { id: true } });
  if (existing) return existing.id;
  const created = await tx.outboxMessage.create({
    data: { kind, dedupeKey, to, payload: JSON.stringify(payload), orderId, nextAttemptAt: notBefore ?? new Date() },
    select: { id: true },
  });
  return created.id;
}
