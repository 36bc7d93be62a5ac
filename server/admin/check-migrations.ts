// Whether the database has every migration this build ships with (npm start applies them; a failed start may not have).
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { db, isPostgresUrl } from "@/server/db";
import { getEnv } from "@/server/env";

export type MigrationState = { applied: number; pending: string[] };

let upToDate: MigrationState | undefined;

function shippedMigrations(): string[] | null {
  const dir = path.resolve(...(isPostgresUrl(getEnv().DATABASE_URL) ? ["prisma", "postgres", "migrations"] : ["prisma", "migrations"]));
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  } catch {
    return null; // deployed without the migrations folder: nothing to compare against
  }
}

/**
 * Compares the migration folders with Prisma's _prisma_migrations table (finished, not rolled
 * back). Applied migrations never un-apply while the process runs, so a clean answer is kept.
 */
export async function checkMigrations(): Promise<MigrationState | null> {
  if (upToDate) return upToDate;
  const shipped = shippedMigrations();
  if (!shipped) return null;
  let rows: Array<{ migration_name: string }>;
  try {
    rows = await db.$queryRawUnsafe<Array<{ migration_name: string }>>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
  } catch {
    return { applied: 0, pending: shipped }; // no table yet: nothing was ever applied
  }
  const applied = new Set(rows.map((row) => row.migration_name));
  const state = { applied: applied.size, pending: shipped.filter((name) => !applied.has(name)) };
  if (state.pending.length === 0) upToDate = state;
  return state;
}
