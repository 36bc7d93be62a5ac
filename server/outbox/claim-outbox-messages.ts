// Claims the next unit of outbox work for one sender: row locks on PostgreSQL, conditional updates on SQLite.
import "server-only";
import crypto from "node:crypto";
import { db, usesPostgres, type Tx } from "@/server/db";
import { execute, jsonList } from "@/server/database/raw-sql";
import type { OutboxMessage } from "@/server/generated/sqlite/client";

export type ClaimOutboxMessagesOptions = { claimToken: string; batchSize: number; leaseMs: number; now?: Date };

type Picked = { ids: string[]; batchKey: string | null } | null;

function dueWhere(now: Date) {
  return { OR: [{ status: "pending", nextAttemptAt: { lte: now } }, { status: "sending", leaseUntil: { lt: now } }] };
}

/**
 * PostgreSQL: rows another instance is claiming are skipped, not waited for, so every instance
 * drains a different batch at once. A retry group is claimed through its first due member only,
 * so two instances never split a group between them.
 */
async function pickWithRowLocks(tx: Tx, now: Date, batchSize: number): Promise<Picked> {
  const [head] = await tx.$queryRaw<Array<{ id: string; batchKey: string | null }>>`
    SELECT o.id, o."batchKey" FROM "OutboxMessage" o
    WHERE ((o.status = 'pending' AND o."nextAttemptAt" <= ${now}) OR (o.status = 'sending' AND o."leaseUntil" < ${now}))
      AND (o."batchKey" IS NULL OR o.id = (
        SELECT min(m.id) FROM "OutboxMessage" m
        WHERE m."batchKey" = o."batchKey"
          AND ((m.status = 'pending' AND m."nextAttemptAt" <= ${now}) OR (m.status = 'sending' AND m."leaseUntil" < ${now}))))
    ORDER BY o."nextAttemptAt" LIMIT 1
    FOR UPDATE SKIP LOCKED`;
  if (!head) return null;
  if (head.batchKey) {
    const members = await tx.outboxMessage.findMany({ where: { AND: [dueWhere(now), { batchKey: head.batchKey }] }, select: { id: true } });
    return { ids: members.map((member) => member.id), batchKey: head.batchKey };
  }
  const rest = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "OutboxMessage"
    WHERE status = 'pending' AND "nextAttemptAt" <= ${now} AND "batchKey" IS NULL AND id <> ${head.id}
    ORDER BY "nextAttemptAt" LIMIT ${batchSize - 1}
    FOR UPDATE SKIP LOCKED`;
  return { ids: [head.id, ...rest.map((row) => row.id)], batchKey: null };
}

/** SQLite has one writer at a time: the conditional update below is the lock. */
async function pickWithoutLocks(now: Date, batchSize: number): Promise<Picked> {
  const due = dueWhere(now);
  const first = await db.outboxMessage.findFirst({ where: due, orderBy: { nextAttemptAt: "asc" }, select: { batchKey: true } });
  if (!first) return null;
  const candidates = await db.outboxMessage.findMany({
    where: { AND: [due, { batchKey: first.batchKey }] },
    orderBy: { nextAttemptAt: "asc" },
    take: first.batchKey ? undefined : batchSize,
    select: { id: true },
  });
  return { ids: candidates.map((candidate) => candidate.id), batchKey: first.batchKey };
}

async function markClaimed(client: Tx, picked: NonNullable<Picked>, { claimToken, leaseMs, now }: Required<ClaimOutboxMessagesOptions>) {
  // Every claim leaves its rows grouped: a lone message under its own id. Its send goes under that
  // key, so should this process die mid-send, whoever takes it next sends it alone under the same
  // key (which the provider recognises) instead of folding it into a fresh batch under a new one.
  const batchKey = picked.batchKey ?? (picked.ids.length > 1 ? `batch_${crypto.randomUUID()}` : picked.ids[0]!);
  // The due condition again: on SQLite a row another process took meanwhile is left alone.
  await execute(
    client,
    `UPDATE "OutboxMessage" SET status = 'sending', "leaseOwner" = ?, "leaseUntil" = ?, attempts = attempts + 1, "batchKey" = ?
     WHERE id IN ${jsonList()} AND ((status = 'pending' AND "nextAttemptAt" <= ?) OR (status = 'sending' AND "leaseUntil" < ?))`,
    claimToken, new Date(now.getTime() + leaseMs), batchKey, JSON.stringify(picked.ids), now, now,
  );
}

/**
 * Claims a retry group (a batch that failed keeps its members and its idempotency key, so the
 * provider can recognise the repeat) or up to batchSize fresh messages, under a lease. Each row
 * goes to exactly one claimant, however many instances drain the same table.
 */
export async function claimOutboxMessages(options: ClaimOutboxMessagesOptions): Promise<OutboxMessage[] | null> {
  const settings = { now: new Date(), ...options };
  let picked: Picked;
  if (usesPostgres()) {
    picked = await db.$transaction(async (tx) => {
      const locked = await pickWithRowLocks(tx, settings.now, settings.batchSize);
      if (locked) await markClaimed(tx, locked, settings);
      return locked;
    });
  } else {
    picked = await pickWithoutLocks(settings.now, settings.batchSize);
    if (picked) await markClaimed(db, picked, settings);
  }
  if (!picked) return null;
  const messages = await db.outboxMessage.findMany({ where: { leaseOwner: settings.claimToken, status: "sending" }, orderBy: { id: "asc" } });
  if (picked.batchKey && messages.length !== picked.ids.length) {
    // Part of a retry group went to another process: resending a subset under the group's key would
    // be refused, so give ours back and let one claimant take the whole group.
    await db.outboxMessage.updateMany({ where: { leaseOwner: settings.claimToken }, data: { status: "pending", leaseOwner: null, attempts: { decrement: 1 } } });
    return null;
  }
  return messages.length ? messages : null;
}
