// After an action, the page it returns to says what was done: read back from the audit entry it wrote.
import "server-only";
import { db } from "@/server/db";
import { describeAuditEntry } from "@/server/admin/describe-audit-entry";
import { mintOrderLinks } from "@/server/admin/issue-fresh-links";

export type DoneNotice = {
  text: string;
  freshLinks: Array<{ productName: string; expiresAt: Date; links: Array<{ name: string; url: string }> }> | null;
};

const SHOWN_FOR_MS = 15 * 60_000;

/**
 * Only the admin who acted, and only for a quarter of an hour: a ?done= link pasted elsewhere or
 * found in a history shows nothing, and fresh links are shown only to the person who asked for them.
 */
export async function getDoneNotice({ auditId, actor, now = new Date() }: { auditId: string | undefined; actor: string; now?: Date }): Promise<DoneNotice | null> {
  if (!auditId) return null;
  const entry = await db.auditLog.findUnique({ where: { id: auditId } });
  if (!entry || entry.actor !== actor || now.getTime() - entry.at.getTime() > SHOWN_FOR_MS) return null;
  let freshLinks: DoneNotice["freshLinks"] = null;
  if (entry.action === "issue_fresh_links" && entry.targetType === "order") {
    const issuedAt = (JSON.parse(entry.data ?? "{}") as { issuedAt?: string }).issuedAt;
    try {
      freshLinks = (await mintOrderLinks(entry.targetId, issuedAt ? new Date(issuedAt) : entry.at)).products;
    } catch {
      freshLinks = null; // access changed since: the page shows the order as it is now
    }
  }
  return { text: describeAuditEntry(entry), freshLinks };
}
