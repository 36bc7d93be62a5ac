// Multi-row INSERTs for the bulk paths: the rows travel as one JSON parameter on either database.
import "server-only";
import { usesPostgres, type Tx } from "@/server/db";

type Value = string | number | boolean | Date | null;
export type Row = Record<string, Value>;

export type InsertRowsOptions = {
  /** Skip rows whose value in this unique column is already stored (or repeats in `rows`). */
  skipConflictsOn?: string;
  /** Names a column to return for the rows this statement inserted. */
  returning?: string;
};

/**
 * Prisma costs about a third of a millisecond a row in createMany, and some ten microseconds a
 * parameter in a raw query, which a launch-day burst pays thousands of times. Here the rows are one
 * JSON parameter that the database unpacks itself (SQLite's json_each, PostgreSQL's
 * json_populate_recordset with the table's own row type), so a batch costs one parameter.
 * Every column is given, ids, defaults and times included, and times are written in the form
 * Prisma writes them, so a row is the one Prisma would have written. Table and column names come
 * from our own code, never from input.
 */
export async function insertRows<T = never>(tx: Tx, table: string, rows: Row[], options: InsertRowsOptions = {}): Promise<T[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const list = columns.map((column) => `"${column}"`).join(", ");
  const conflict = options.skipConflictsOn ? ` ON CONFLICT ("${options.skipConflictsOn}") DO NOTHING` : "";
  const returning = options.returning ? ` RETURNING "${options.returning}"` : "";
  let sql: string;
  let json: string;
  if (usesPostgres()) {
    sql = `INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)${conflict}${returning}`;
    json = JSON.stringify(rows);
  } else {
    const picks = columns.map((column) => `json_extract(value, '$.${column}')`).join(", ");
    // "WHERE true" keeps SQLite from reading ON CONFLICT as part of the SELECT.
    sql = `INSERT INTO "${table}" (${list}) SELECT ${picks} FROM json_each(?) WHERE true${conflict}${returning}`;
    // Prisma's SQLite adapter stores a DateTime as ISO 8601 text with "+00:00"; comparisons are textual.
    json = JSON.stringify(rows, function (this: Record<string, unknown>, key, value) {
      const raw = this[key];
      return raw instanceof Date ? raw.toISOString().replace("Z", "+00:00") : value;
    });
  }
  if (options.returning) return tx.$queryRawUnsafe<T[]>(sql, json);
  await tx.$executeRawUnsafe(sql, json);
  return [];
}
