// Fixed-window rate limits kept in the database, so every app instance shares the same count.
import "server-only";
import { db } from "@/server/db";

export type ConsumeRateLimitOptions = { key: string; limit: number; windowMs: number; now?: Date };
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * Takes one unit from the window of `key` with a conditional update (count < limit), so concurrent
 * callers cannot pass the limit within a window. Keys name the subject: "signin:email:a@b.c".
 */
export async function consumeRateLimit({ key, limit, windowMs, now = new Date() }: ConsumeRateLimitOptions): Promise<RateLimitResult> {
  const windowFloor = new Date(now.getTime() - windowMs);
  const taken = await db.rateLimit.updateMany({
    where: { key, windowStart: { gt: windowFloor }, count: { lt: limit } },
    data: { count: { increment: 1 } },
  });
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (taken.count === 1 && row) return { allowed: true, remaining: Math.max(0, limit - row.count), retryAfterSeconds: 0 };
  if (row && row.windowStart > windowFloor) {
    const retryAfterSeconds = Math.max(1, Math.ceil((row.windowStart.getTime() + windowMs - now.getTime()) / 1000));
    return { allowed: false, remaining: 0, retryAfterSeconds };
  }
  // No window yet, or the last one has ended: start a new one with this request in it.
  await db.rateLimit.upsert({ where: { key }, create: { key, count: 1, windowStart: now }, update: { count: 1, windowStart: now } });
  return { allowed: true, remaining: limit - 1, retryAfterSeconds: 0 };
}

/** "2 minutes", "45 seconds": for messages that say when to try again. */
export function describeWait(seconds: number): string {
  if (seconds >= 90) return `${Math.ceil(seconds / 60)} minutes`;
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}
