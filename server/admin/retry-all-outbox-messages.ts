// "Retry all": every failed or waiting email is due now; batches stay whole (see make-due-now).
import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { kickOutbox } from "@/server/outbox/drain-outbox";
import { recordAudit } from "@/server/admin/record-audit";
import { makeDueNow } from "@/server/admin/make-due-now";

export type RetryAllOutboxMessagesOptions = { actor: string };

export async function retryAllOutboxMessages({ actor }: RetryAllOutboxMessagesOptions) {
  const result = await db.$transaction(async (tx) => {
    const retryable = { OR: [{ status: "failed" }, { status: "pending", OR: [{ attempts: { gt: 0 } }, { lastError: { not: null } }] }] };
    const changed = await makeDueNow(tx, retryable);
    if (changed === 0) throw new AppError("conflict", "Nothing to retry: no email has failed or is waiting for another try.");
    const audit = await recordAudit({ tx, actor, action: "retry_all_messages", targetType: "outbox", targetId: "all", data: { messages: changed } });
    return { ...audit, count: changed };
  });
  kickOutbox();
  return { ...result, redirectTo: "/admin/deliveries" };
}
