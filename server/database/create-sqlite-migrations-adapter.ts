// The SQLite adapter the Prisma CLI (migrate deploy, migrate diff) runs through, with the one fix
// adapter-better-sqlite3 6.x needs to replay migrations into its in-memory shadow database.
import type { SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Queryable = { executeRaw(query: SqlQuery): Promise<number> };
type WithClient = { client: { exec(sql: string): unknown } };

/**
 * The schema engine replays each migration file into the shadow database as one executeRaw call,
 * which better-sqlite3 prepares as a single statement and so refuses. Parameterless SQL is run
 * with exec(), which takes a whole script; nothing else changes.
 */
function runScriptsWhole<T extends Queryable>(queryable: T): T {
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    (queryable as unknown as WithClient).client.exec(query.sql);
    return 0;
  };
  return queryable;
}

class MigrationsPrismaBetterSQLite3 extends PrismaBetterSQLite3 {
  override async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const adapter = runScriptsWhole(await super.connectToShadowDb());
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => runScriptsWhole<Transaction>(await startTransaction(isolationLevel));
    return adapter;
  }
}

/** The adapter for prisma.config.ts when DATABASE_URL is a SQLite `file:` URL. */
export function createSqliteMigrationsAdapter(url: string): PrismaBetterSQLite3 {
  return new MigrationsPrismaBetterSQLite3({ url });
}
