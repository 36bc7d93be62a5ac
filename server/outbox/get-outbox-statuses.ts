// Where some outbox messages stand (sent, pending, failed), for scripts that queued them.
import "server-only";
import { db } from "@/server/db";

export async function getOutboxStatuses(ids: string[]) {
  return db.outboxMessage.findMany({ where: { id: { in: ids } }, select: { id: true, to: true, status: true, lastError: true }, orderBy: { id: "asc" } });
}
