// Multi-row INSERTs and UPDATEs for the bulk paths: the rows travel as one JSON parameter on either database.
import "server-only";
import { usesPostgres, type Tx } from "@/server/db";
import { execute, queryRows } from "@/server/database/raw-sql";

type Value = string | number | boolean | Date | null;
export type Row = Record<string, Value>;

export type InsertRowsOptions = {
  /** Skip rows whose value in this unique column is already stored (or repeats in `rows`). */
  skipConflictsOn?: string;
  /** Names a column to return for the rows this statement inserted. */
  returning?: string;
};

/** Prisma's SQLite adapter stores a DateTime as ISO 8601 text with "+00:00", and compares it as text. */
function rowsJson(rows: Row[]): string {
  if (usesPostgres()) return JSON.stringify(rows);
  return JSON.stringify(rows, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Date ? raw.toISOString().replace("Z", "+00:00") : value;
  });
}

/** `SELECT <columns> FROM <the JSON rows>`, typed by the table's own row type on PostgreSQL. */
function selectFromJson(table: string, columns: string[]): string {
  if (usesPostgres()) return `SELECT ${columns.map((column) => `"${column}"`).join(", ")} FROM json_populate_recordset(NULL::"${table}", ?::json)`;
  return `SELECT ${columns.map((column) => `json_extract(value, '$.${column}') AS "${column}"`).join(", ")} FROM json_each(?)`;
}

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
  const conflict = options.skipConflictsOn ? ` ON CONFLICT ("${options.skipConflictsOn}") DO NOTHING` : "";
  const returning = options.returning ? ` RETURNING "${options.returning}"` : "";
  // "WHERE true" keeps SQLite from reading ON CONFLICT as part of the SELECT.
  const sql = `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) ${selectFromJson(table, columns)} WHERE true${conflict}${returning}`;
  if (options.returning) return queryRows<T>(tx, sql, rowsJson(rows));
  await execute(tx, sql, rowsJson(rows));
  return [];
}

/**
 * Sets each row's own values (every row names the same columns) on the row with its `id`, in one
 * statement; `shared` values are the same for all. Returns the number of rows changed.
 */
export async function updateRowsById(tx: Tx, table: string, rows: Row[], shared: Row = {}): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0]!).filter((column) => column !== "id");
  const sharedColumns = Object.keys(shared);
  const assignments = [
    ...columns.map((column) => `"${column}" = v."${column}"`),
    ...sharedColumns.map((column) => `"${column}" = ?`),
  ].join(", ");
  // SQLite's UPDATE … FROM names the target by its table name, PostgreSQL's by its alias or name alike.
  const sql = `UPDATE "${table}" SET ${assignments} FROM (${selectFromJson(table, ["id", ...columns])}) AS v WHERE "${table}".id = v.id`;
  // the shared values' placeholders come first in the text, the JSON rows' last
  return execute(tx, sql, ...sharedColumns.map((column) => shared[column] ?? null), rowsJson(rows));
}
