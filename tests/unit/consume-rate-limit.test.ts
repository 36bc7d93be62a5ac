// The shared rate limiter against a real SQLite file: concurrent callers on a key with no row yet are
// neither refused below the limit nor let past it, and an ended window starts again once.
import { useTempSqlite } from "../support/temp-sqlite";
import { beforeAll, describe, expect, it } from "vitest";

const database = useTempSqlite("rate");

beforeAll(() => database.applyMigrations());

async function burst(key: string, calls: number, limit: number, now: Date) {
  const { consumeRateLimit } = await import("@/server/rate-limit/consume-rate-limit");
  return Promise.all(Array.from({ length: calls }, () => consumeRateLimit({ key, limit, windowMs: 60_000, now })));
}

describe("consumeRateLimit", () => {
  it("allows every one of 20 concurrent first calls under a limit of 25", async () => {
    const results = await burst("fresh-below", 20, 25, new Date());
    expect(results.filter((result) => result.allowed)).toHaveLength(20);
    const { db } = await import("@/server/db");
    expect((await db.rateLimit.findUnique({ where: { key: "fresh-below" } }))!.count).toBe(20);
  });

  it("allows exactly the limit of 40 concurrent first calls and says when to try again", async () => {
    const now = new Date();
    const results = await burst("fresh-above", 40, 10, now);
    expect(results.filter((result) => result.allowed)).toHaveLength(10);
    const refused = results.filter((result) => !result.allowed);
    expect(refused).toHaveLength(30);
    for (const result of refused) expect(result.retryAfterSeconds).toBe(60);
  });

  it("starts an ended window again exactly once under concurrency", async () => {
    const start = new Date("2026-01-01T00:00:00Z");
    expect((await burst("window", 5, 5, start)).every((result) => result.allowed)).toBe(true);
    expect((await burst("window", 1, 5, new Date(start.getTime() + 30_000)))[0]).toMatchObject({ allowed: false, retryAfterSeconds: 30 });
    const later = new Date(start.getTime() + 61_000);
    const results = await burst("window", 12, 5, later);
    expect(results.filter((result) => result.allowed)).toHaveLength(5);
    const { db } = await import("@/server/db");
    const row = (await db.rateLimit.findUnique({ where: { key: "window" } }))!;
    expect(row).toMatchObject({ count: 5, windowStart: later });
  });
});
