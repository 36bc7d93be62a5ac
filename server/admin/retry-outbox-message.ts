// "Retry now" for one message: due at once, with its retry group so the provider's idempotency still holds.
import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { kickOutbox } from "@/server/outbox/drain-outbox";
import { recordAudit } from "@/server/admin/record-audit";
import { makeDueNow } from "@/server/admin/make-due-now";

export type RetryOutboxMessageOptions = { actor: string; messageId: string };

const notRetryable: Record<string, string> = {
  sent: "it was already sent",
  sending: "it is being sent right now",
  cancelled: "it was cancelled because there was nothing left to send (its access was revoked)",
};

/**
 * A message once tried in a batch keeps its batchKey, and drain-outbox resends a batch only whole
 * under that key; so "retry now" makes every unsent member of the batch due, never one alone.
 */
export async function retryOutboxMessage({ actor, messageId }: RetryOutboxMessageOptions) {
  const result = await db.$transaction(async (tx) => {
    const message = await tx.outboxMessage.findUnique({ where: { id: messageId } });
    if (!message) throw new AppError("not_found", "No message has this id. Reload the deliveries page.");
    if (notRetryable[message.status]) throw new AppError("conflict", `This email cannot be retried: ${notRetryable[message.status]}.`);
    const scope = message.batchKey ? { batchKey: message.batchKey } : { id: message.id };
    const count = await makeDueNow(tx, scope);
    const audit = await recordAudit({ tx, actor, action: "retry_message", targetType: "outbox_message", targetId: message.id, data: { to: message.to, orderId: message.orderId, batchKey: message.batchKey, messages: count, attemptsBefore: message.attempts, lastError: message.lastError } });
    return { ...audit, count, orderId: message.orderId };
  });
  kickOutbox();
  return { ...result, redirectTo: "/admin/deliveries" };
}
