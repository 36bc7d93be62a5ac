// SQLite runs on one connection: a write made outside a transaction while one is open must neither
// join it (and vanish with its rollback) nor return before it is committed on its own.
import Database from "better-sqlite3";
import { useTempSqlite } from "../support/temp-sqlite";
import { beforeAll, describe, expect, it } from "vitest";

const database = useTempSqlite("transactions");

beforeAll(() => database.applyMigrations());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const event = (id: string) => ({ id, type: "checkout.session.completed", payload: "{}" });

function visibleElsewhere(id: string): boolean {
  const reader = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""), { readonly: true });
  try {
    return reader.prepare(`SELECT id FROM "StripeEvent" WHERE id = ?`).get(id) !== undefined;
  } finally {
    reader.close();
  }
}

describe("the SQLite client", () => {
  it("keeps an event stored outside a transaction that rolls back meanwhile", async () => {
    const { db } = await import("@/server/db");
    const failing = db.$transaction(async (tx) => {
      await tx.stripeEvent.create({ data: event("evt_inside") });
      await sleep(100);
      throw new Error("rolled back");
    });
    await sleep(20);
    await db.stripeEvent.create({ data: event("evt_outside") });
    await expect(failing).rejects.toThrow("rolled back");
    expect(await db.stripeEvent.findUnique({ where: { id: "evt_outside" } })).not.toBeNull();
    expect(await db.stripeEvent.findUnique({ where: { id: "evt_inside" } })).toBeNull();
  });

  it("returns from a write outside a transaction only once another connection can read it", async () => {
    const { db } = await import("@/server/db");
    let release!: () => void;
    const open = db.$transaction(async (tx) => {
      await tx.stripeEvent.create({ data: event("evt_slow") });
      await new Promise<void>((resolve) => (release = resolve));
    });
    await sleep(20);
    // Read by a second connection the moment the write returns, while the transaction may still be open.
    const outside = Promise.resolve(db.stripeEvent.create({ data: event("evt_acked") })).then(() => visibleElsewhere("evt_acked"));
    await Promise.race([outside, sleep(100)]);
    release();
    expect(await outside).toBe(true);
    await open;
  });

  it("runs transactions one after another, each seeing the last one's rows", async () => {
    const { db } = await import("@/server/db");
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        db.$transaction(async (tx) => {
          const count = await tx.stripeEvent.count({ where: { type: "counted" } });
          await sleep(2);
          await tx.stripeEvent.create({ data: { ...event(`evt_counted_${index}`), type: "counted", attempts: count } });
        }),
      ),
    );
    const attempts = (await db.stripeEvent.findMany({ where: { type: "counted" }, select: { attempts: true } })).map((row) => row.attempts);
    expect(attempts.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
