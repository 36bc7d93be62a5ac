// Vital signs for load balancers and uptime checks: database, migrations, outbox backlog, last webhook.
import "server-only";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { checkMigrations, type MigrationState } from "@/server/admin/check-migrations";

export type Health = {
  ok: boolean;
  database: "ok" | "unreachable";
  migrations: MigrationState | null;
  outbox: { pending: number; failed: number; oldestPendingAgeSeconds: number | null; maxAgeSeconds: number } | null;
  lastWebhookAt: string | null;
  /** Why ok is false, in words; empty when healthy. */
  problems: string[];
  time: string;
};

/**
 * 503 (ok: false) when the database is out of reach, a migration is missing, or the oldest unsent
 * email has waited longer than HEALTH_OUTBOX_MAX_AGE_SECONDS: mail that stopped flowing is an
 * outage for buyers even while every page still loads.
 */
export async function getHealth(now = new Date()): Promise<Health> {
  const maxAgeSeconds = getEnv().HEALTH_OUTBOX_MAX_AGE_SECONDS;
  try {
    const [pending, failed, oldest, lastEvent, migrations] = await Promise.all([
      db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } }),
      db.outboxMessage.count({ where: { status: "failed" } }),
      db.outboxMessage.findFirst({ where: { status: { in: ["pending", "sending"] } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
      db.stripeEvent.findFirst({ orderBy: { receivedAt: "desc" }, select: { receivedAt: true } }),
      checkMigrations(),
    ]);
    const age = oldest ? Math.max(0, Math.round((now.getTime() - oldest.createdAt.getTime()) / 1000)) : null;
    const problems: string[] = [];
    if (migrations?.pending.length) problems.push(`${migrations.pending.length} database migration(s) not applied: run npm start (it migrates) or npm run db:migrate.`);
    if (age !== null && age > maxAgeSeconds) problems.push(`The oldest unsent email has waited ${age} s (limit ${maxAgeSeconds} s): check the mail provider and /admin/deliveries.`);
    return {
      ok: problems.length === 0,
      database: "ok",
      migrations,
      outbox: { pending, failed, oldestPendingAgeSeconds: age, maxAgeSeconds },
      lastWebhookAt: lastEvent?.receivedAt.toISOString() ?? null,
      problems,
      time: now.toISOString(),
    };
  } catch {
    return { ok: false, database: "unreachable", migrations: null, outbox: null, lastWebhookAt: null, problems: ["The database cannot be reached: check DATABASE_URL and that the database is up."], time: now.toISOString() };
  }
}
