// Raw SQL written once for SQLite and PostgreSQL, for the hot paths: `?` placeholders, lists as one JSON parameter.
import "server-only";
import { usesPostgres, type Tx } from "@/server/db";

type Param = string | number | boolean | Date | null;
type Client = Pick<Tx, "$queryRawUnsafe" | "$executeRawUnsafe">;

/**
 * Each `?` becomes `$1`, `$2`… on PostgreSQL (SQLite takes them as they are); a statement that uses
 * a value twice passes it twice. Our statements hold no `?` inside string literals.
 */
function forDatabase(sql: string): string {
  if (!usesPostgres()) return sql;
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/**
 * A list as one parameter: `x IN ${jsonList()}` with JSON.stringify(values) in its place.
 * Prisma compiles an IN list value by value (some milliseconds for a hundred ids); the database
 * unpacks one JSON text in microseconds.
 */
export function jsonList(): string {
  return usesPostgres() ? "(SELECT json_array_elements_text(?::json))" : "(SELECT value FROM json_each(?))";
}

export function queryRows<T>(client: Client, sql: string, ...params: Param[]): Promise<T[]> {
  return client.$queryRawUnsafe<T[]>(forDatabase(sql), ...params);
}

/** Returns the number of rows changed. */
export function execute(client: Client, sql: string, ...params: Param[]): Promise<number> {
  return client.$executeRawUnsafe(forDatabase(sql), ...params);
}
