// The one Prisma client: SQLite through better-sqlite3 by default, PostgreSQL when DATABASE_URL says so.
import "server-only";
import path from "node:path";
import fs from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, Prisma } from "@/server/generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "@/server/generated/postgres/client";
import { getEnv } from "@/server/env";
import { createPostgresAdapter, isPostgresUrl } from "@/server/database/create-postgres-adapter";
import { oneTurnAtATime } from "@/server/database/one-turn-sqlite-adapter";

export { Prisma, isPostgresUrl };
export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

const globalForDb = globalThis as unknown as { handoffDb?: PrismaClient; handoffDbReady?: Promise<void> };

/** True when DATABASE_URL is PostgreSQL: the few queries that differ (row locks) ask this. */
export function usesPostgres(): boolean {
  return isPostgresUrl(getEnv().DATABASE_URL);
}

function createClient(): PrismaClient {
  const url = getEnv().DATABASE_URL;
  if (isPostgresUrl(url)) return createPostgresClient(url);
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // A busy timeout lets several processes share one file; WAL is set once below. The one connection
  // is taken in turns, so a query never runs inside another caller's open transaction.
  const adapter = oneTurnAtATime(new PrismaBetterSQLite3({ url: file, timeout: 10_000 }));
  return new PrismaClient({ adapter });
}

function createPostgresClient(url: string): PrismaClient {
  // Generated from the derived schema (prisma/postgres): the same models, so the same API.
  const client = new PostgresPrismaClient({
    adapter: createPostgresAdapter({ url, poolSize: getEnv().DATABASE_POOL_SIZE }),
    // A transaction waits for a free pool connection under load rather than failing after 2 s.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  });
  return client as unknown as PrismaClient;
}

export const db: PrismaClient =
  globalForDb.handoffDb ??
  new Proxy({} as PrismaClient, {
    get(_target, property) {
      globalForDb.handoffDb ??= createClient();
      const value = Reflect.get(globalForDb.handoffDb, property);
      return typeof value === "function" ? value.bind(globalForDb.handoffDb) : value;
    },
  });

/**
 * SQLite only (PostgreSQL needs nothing here): WAL lets readers run beside the writer;
 * synchronous=FULL syncs the log at every commit, so an event answered 2xx survives a power cut too
 * (NORMAL may lose the last commits). Writes are grouped, so the syncs cost no measurable throughput.
 */
export function ensureDbReady(): Promise<void> {
  globalForDb.handoffDbReady ??= (async () => {
    if (usesPostgres()) return;
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await db.$queryRawUnsafe("PRAGMA synchronous = FULL");
  })();
  return globalForDb.handoffDbReady;
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
