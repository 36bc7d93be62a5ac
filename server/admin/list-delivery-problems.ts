// The deliveries page: outbox messages that failed for good or are waiting for another try, with why.
import "server-only";
import { db } from "@/server/db";

export type DeliveryProblem = {
  id: string;
  kind: string;
  to: string;
  orderId: string | null;
  status: "failed" | "retrying";
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  batchKey: string | null;
};

/** Failed first (they need a human), then retrying messages by their next try. */
export async function listDeliveryProblems(limit = 200): Promise<{ problems: DeliveryProblem[]; failed: number; retrying: number }> {
  const retryingWhere = { status: "pending", OR: [{ attempts: { gt: 0 } }, { lastError: { not: null } }] };
  const select = { id: true, kind: true, to: true, orderId: true, status: true, attempts: true, lastError: true, nextAttemptAt: true, createdAt: true, batchKey: true } as const;
  const [failedRows, retryingRows, failed, retrying] = await Promise.all([
    db.outboxMessage.findMany({ where: { status: "failed" }, orderBy: { createdAt: "desc" }, take: limit, select }),
    db.outboxMessage.findMany({ where: retryingWhere, orderBy: { nextAttemptAt: "asc" }, take: limit, select }),
    db.outboxMessage.count({ where: { status: "failed" } }),
    db.outboxMessage.count({ where: retryingWhere }),
  ]);
  const problems = [...failedRows, ...retryingRows].map((row) => ({ ...row, status: row.status === "failed" ? ("failed" as const) : ("retrying" as const) }));
  return { problems, failed, retrying };
}
