// Vital signs for load balancers and uptime checks: database, outbox backlog, last webhook.
import "server-only";
import { db } from "@/server/db";

export type Health = {
  ok: boolean;
  database: "ok" | "unreachable";
  outbox: { pending: number; failed: number; oldestPendingAgeSeconds: number | null } | null;
  lastWebhookAt: string | null;
  time: string;
};

const STUCK_OUTBOX_SECONDS = 15 * 60;

export async function getHealth(now = new Date()): Promise<Health> {
  try {
    const [pending, failed, oldest, lastEvent] = await Promise.all([
      db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } }),
      db.outboxMessage.count({ where: { status: "failed" } }),
      db.outboxMessage.findFirst({ where: { status: { in: ["pending", "sending"] } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
      db.stripeEvent.findFirst({ orderBy: { receivedAt: "desc" }, select: { receivedAt: true } }),
    ]);
    const age = oldest ? Math.round((now.getTime() - oldest.createdAt.getTime()) / 1000) : null;
    return {
      ok: age === null || age < STUCK_OUTBOX_SECONDS,
      database: "ok",
      outbox: { pending, failed, oldestPendingAgeSeconds: age },
      lastWebhookAt: lastEvent?.receivedAt.toISOString() ?? null,
      time: now.toISOString(),
    };
  } catch {
    return { ok: false, database: "unreachable", outbox: null, lastWebhookAt: null, time: now.toISOString() };
  }
}
