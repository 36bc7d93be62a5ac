// The PostgreSQL adapter the Prisma CLI (migrate deploy, migrate diff) runs through: the app's
// pool settings plus two fixes for adapter-pg 6.x that only the schema engine runs into.
import crypto from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
// Relative, not "@/": the Prisma CLI loads this file without the app's path aliases.
import { parsePostgresUrl, postgresPoolConfig } from "./create-postgres-adapter";

// Catalog types the adapter cannot decode, described as the text types it can (prisma/orm#27403,
// fixed upstream in adapter-pg 7): name → text, name[] → text[], "char" → text.
const CATALOG_TYPE_MAP: Record<number, number> = { 19: 25, 1003: 1009, 18: 25 };

function mapCatalogTypes<T>(result: T): T {
  for (const field of (result as { fields?: Array<{ dataTypeID: number }> } | undefined)?.fields ?? []) {
    const mapped = CATALOG_TYPE_MAP[field.dataTypeID];
    if (mapped) field.dataTypeID = mapped;
  }
  return result;
}

/** A pg client whose results describe catalog-only types as text. */
class CatalogTypesClient extends pg.Client {
  override query(...args: any[]): any {
    const query = super.query as (...a: unknown[]) => unknown;
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result: unknown) => last(error, error ? result : mapCatalogTypes(result));
      return query.apply(this, args);
    }
    const pending = query.apply(this, args);
    return pending instanceof Promise ? pending.then(mapCatalogTypes) : pending;
  }
}

async function runStatement(config: pg.PoolConfig, sql: string): Promise<void> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * adapter-pg 6.x drops its shadow database while its own pool still holds connections to it, so
 * `migrate diff --from-migrations` always failed. This one closes the pool first, then drops it.
 */
class MigrationsPrismaPg extends PrismaPg {
  constructor(
    private readonly poolConfig: pg.PoolConfig,
    schema: string,
  ) {
    super(poolConfig, { schema });
  }

  override async connectToShadowDb() {
    const database = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
    // The shadow database is fresh: its tables go to its public schema.
    const shadowConfig = { ...this.poolConfig, options: undefined, max: 1 };
    await runStatement(shadowConfig, `CREATE DATABASE "${database}"`);
    const adapter = await new PrismaPg({ ...shadowConfig, database }).connect();
    const closePool = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await closePool();
      await runStatement(shadowConfig, `DROP DATABASE IF EXISTS "${database}"`);
    };
    return adapter;
  }
}

/** The adapter for prisma.config.ts when DATABASE_URL is a `postgresql://` URL. */
export function createPostgresMigrationsAdapter(url: string): PrismaPg {
  const target = parsePostgresUrl(url);
  return new MigrationsPrismaPg({ ...postgresPoolConfig(target, 2), Client: CatalogTypesClient }, target.schema);
}
