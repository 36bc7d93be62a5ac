// Queues the daily digest for the seller through the outbox: one per recipient per day, whoever asks.
import "server-only";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { log } from "@/server/log";
import { enqueueMessage } from "@/server/outbox/enqueue-message";
import { getDigestFigures } from "@/server/admin/get-digest-figures";
import { startOfUtcDay, utcDayKey } from "@/server/admin/summarize-orders";

export type SendDailyDigestOptions = { day?: string; now?: Date };

/** Yesterday in UTC: the last whole day. */
export function defaultDigestDay(now: Date): string {
  return utcDayKey(new Date(startOfUtcDay(now).getTime() - 86_400_000));
}

/** SELLER_EMAIL when set (alerts go there too), otherwise everyone in ADMIN_EMAILS. */
export function digestRecipients(): string[] {
  const env = getEnv();
  return env.SELLER_EMAIL ? [env.SELLER_EMAIL.toLowerCase()] : env.ADMIN_EMAILS;
}

/**
 * Idempotent per day: the dedupe key digest:<day>:<to> makes a second run (cron retried, the
 * script run by hand as well) a no-op. The figures are taken when queued and stored in the payload,
 * so the email says what the data said then, however late it is sent.
 */
export async function sendDailyDigest({ day, now = new Date() }: SendDailyDigestOptions = {}) {
  const recipients = digestRecipients();
  if (recipients.length === 0) throw new AppError("config", "No one to send the digest to: set SELLER_EMAIL (or ADMIN_EMAILS).");
  const target = day ?? defaultDigestDay(now);
  if (target > utcDayKey(now)) throw new AppError("bad_request", `${target} has not started yet: the digest covers a day that has begun (normally yesterday).`);
  const figures = await getDigestFigures(target);
  const messages = await db.$transaction(async (tx) => {
    const queued: Array<{ id: string; to: string; isNew: boolean }> = [];
    for (const to of recipients) {
      const dedupeKey = `digest:${target}:${to}`;
      const existing = await tx.outboxMessage.findUnique({ where: { dedupeKey }, select: { id: true } });
      const id = existing?.id ?? (await enqueueMessage({ tx, kind: "digest", dedupeKey, to, payload: { to, figures } }));
      queued.push({ id, to, isNew: !existing });
    }
    return queued;
  });
  log.info("digest_queued", { day: target, messageIds: messages.map((m) => m.id), new: messages.filter((m) => m.isNew).length });
  return { day: target, figures, messages };
}
