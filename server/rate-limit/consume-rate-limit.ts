// Fixed-window rate limits kept in the database, so every app instance shares the same count.
import "server-only";
import { db, isUniqueViolation } from "@/server/db";

export type ConsumeRateLimitOptions = { key: string; limit: number; windowMs: number; now?: Date };
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/** One unit from the current window, or nothing: a single conditional update, atomic on its own. */
async function take(key: string, limit: number, windowFloor: Date): Promise<boolean> {
  const taken = await db.rateLimit.updateMany({
    where: { key, windowStart: { gt: windowFloor }, count: { lt: limit } },
    data: { count: { increment: 1 } },
  });
  return taken.count === 1;
}

/**
 * Takes one unit from the window of `key`, so concurrent callers, in one process or many, can never
 * pass the limit within a window and are never refused below it. Every step is one conditional
 * statement: the row is created once (a concurrent create loses quietly), an ended window is
 * restarted by exactly one caller, and the unit is taken only while count < limit.
 * Keys name the subject: "signin:email:a@b.c".
 */
export async function consumeRateLimit({ key, limit, windowMs, now = new Date() }: ConsumeRateLimitOptions): Promise<RateLimitResult> {
  const windowFloor = new Date(now.getTime() - windowMs);
  let allowed = await take(key, limit, windowFloor);
  if (!allowed) {
    try {
      await db.rateLimit.create({ data: { key, count: 0, windowStart: now } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    await db.rateLimit.updateMany({ where: { key, windowStart: { lte: windowFloor } }, data: { count: 0, windowStart: now } });
    allowed = await take(key, limit, windowFloor);
  }
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (allowed) return { allowed: true, remaining: Math.max(0, limit - (row?.count ?? limit)), retryAfterSeconds: 0 };
  const windowEndsAt = (row?.windowStart ?? now).getTime() + windowMs;
  return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((windowEndsAt - now.getTime()) / 1000)) };
}

/** "2 minutes", "45 seconds": for messages that say when to try again. */
export function describeWait(seconds: number): string {
  if (seconds >= 90) return `${Math.ceil(seconds / 60)} minutes`;
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}
