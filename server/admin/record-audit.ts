// The audit trail: who did what to which order, entitlement or message, why, and when.
import "server-only";
import type { Tx } from "@/server/db";
import { describeAuditEntry } from "@/server/admin/describe-audit-entry";

export type AuditTarget = "order" | "entitlement" | "outbox_message" | "outbox" | "orders";

export type RecordAuditOptions = {
  tx: Tx;
  actor: string;
  action: string;
  targetType: AuditTarget;
  targetId: string;
  reason?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Written in the same transaction as the change, so there is never a change without its record.
 * Returns the entry's id and its description, the words the seller sees after the action.
 */
export async function recordAudit({ tx, actor, action, targetType, targetId, reason, data }: RecordAuditOptions): Promise<{ auditId: string; notice: string }> {
  const row = await tx.auditLog.create({
    data: { actor, action, targetType, targetId, reason: reason ?? null, data: data ? JSON.stringify(data) : null },
    select: { id: true, action: true, reason: true, data: true },
  });
  return { auditId: row.id, notice: describeAuditEntry(row) };
}
