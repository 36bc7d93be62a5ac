// Puts failed and waiting outbox messages back in line for an immediate try.
import "server-only";
import type { Tx } from "@/server/db";
import type { Prisma } from "@/server/generated/sqlite/client";

/**
 * Failed messages start a fresh series of tries (attempts back to 0, as MAIL_MAX_ATTEMPTS counts
 * them); waiting ones keep their count. batchKey and the stored body are left alone, so a retried
 * batch goes out whole, with the same content, under the same idempotency key.
 */
export async function makeDueNow(tx: Tx, scope: Prisma.OutboxMessageWhereInput, now = new Date()): Promise<number> {
  const failed = await tx.outboxMessage.updateMany({ where: { AND: [scope, { status: "failed" }] }, data: { status: "pending", attempts: 0, nextAttemptAt: now } });
  const waiting = await tx.outboxMessage.updateMany({ where: { AND: [scope, { status: "pending", nextAttemptAt: { gt: now } }] }, data: { nextAttemptAt: now } });
  return failed.count + waiting.count;
}
