// The audit log, newest first, each entry described in words and tied to its order where it has one.
import "server-only";
import { db } from "@/server/db";
import { describeAuditEntry } from "@/server/admin/describe-audit-entry";

export async function listAuditLog(limit = 200) {
  const entries = await db.auditLog.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], take: limit });
  return entries.map((entry) => {
    const data = entry.data ? (JSON.parse(entry.data) as { orderId?: unknown }) : {};
    const orderId = entry.targetType === "order" ? entry.targetId : typeof data.orderId === "string" ? data.orderId : null;
    return { id: entry.id, at: entry.at, actor: entry.actor, action: entry.action, targetType: entry.targetType, targetId: entry.targetId, reason: entry.reason, description: describeAuditEntry(entry), orderId };
  });
}
