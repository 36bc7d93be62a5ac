// The audit trail: who did what to which order, entitlement or message, why, and when.
import "server-only";
import type { Tx } from "@/server/db";

export type AuditTarget = "order" | "entitlement" | "outbox_message" | "outbox" | "orders" | "digest";

export type RecordAuditOptions = {
  tx: Tx;
  actor: string;
  action: string;
  targetType: AuditTarget;
  targetId: string;
  reason?: string | null;
  data?: Record<string, unknown>;
};

/** Written in the same transaction as the change, so there is never a change without its record. */
export async function recordAudit({ tx, actor, action, targetType, targetId, reason, data }: RecordAuditOptions) {
  return tx.auditLog.create({
    data: { actor, action, targetType, targetId, reason: reason ?? null, data: data ? JSON.stringify(data) : null },
  });
}
