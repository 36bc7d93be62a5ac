// The local outbox as a mailbox, for development and demo mode (/dev/mail): what was "sent" and how it looks.
import "server-only";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";

/** The mailbox exists only where it cannot leak a buyer's links: outside production. */
export function isLocalMailboxOpen(): boolean {
  return !getEnv().isProduction;
}

export async function listLocalMail(limit = 50) {
  return db.outboxMessage.findMany({
    where: { status: { in: ["sent", "pending", "sending", "failed"] } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, kind: true, to: true, subject: true, status: true, provider: true, createdAt: true, sentAt: true, lastError: true },
  });
}

export async function getLocalMail(id: string) {
  return db.outboxMessage.findUnique({ where: { id }, select: { id: true, to: true, subject: true, html: true, text: true } });
}
