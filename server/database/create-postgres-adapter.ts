// Builds the PostgreSQL driver adapter the app queries through, from a `postgresql://` DATABASE_URL.
// No `server-only` here: the Prisma CLI's configuration (migrations) loads this file outside Next.
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { PrismaPg } from "@prisma/adapter-pg";

export type PostgresTarget = {
  /** The connection string without Prisma's own `schema` parameter, which pg does not know. */
  connectionString: string;
  /** The schema every table lives in: `?schema=` of the URL, else public. */
  schema: string;
};

export type CreatePostgresAdapterOptions = {
  url: string;
  /** Connections this process may hold; each instance has its own pool. */
  poolSize?: number;
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function isPostgresUrl(url: string): boolean {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

/** Splits Prisma's `?schema=` off the URL; refuses a schema name that would need quoting. */
export function parsePostgresUrl(url: string): PostgresTarget {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? "public";
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`DATABASE_URL: the schema "${schema}" must be lower-case letters, digits and underscores (at most 63), starting with a letter or underscore.`);
  }
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}

/**
 * The pg settings shared by every pool. The URL is parsed into separate fields rather than passed
 * as connectionString: pg lets a connectionString override `database`, and the schema engine opens
 * its shadow database as `{ ...config, database }`: with a connectionString that "shadow" would be
 * the real database.
 */
export function postgresPoolConfig(target: PostgresTarget, poolSize = 10): pg.PoolConfig {
  const parsed = parseIntoClientConfig(target.connectionString);
  // search_path makes the unqualified names of migrations and raw SQL land in the app's schema.
  // Not sent for public (the default), so poolers that refuse start-up options still work there.
  const searchPath = target.schema === "public" ? undefined : `-c search_path=${target.schema}`;
  const options = [parsed.options, searchPath].filter(Boolean).join(" ") || undefined;
  return {
    ...parsed,
    options,
    max: poolSize,
    // A pool slot waits at most this long, so a saturated database fails loud instead of hanging.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    // Idle connections never keep a CLI (migrations, reconcile) alive after its work is done.
    allowExitOnIdle: true,
  };
}

/** The adapter for a `postgresql://` URL: its own pool, its schema on every query. */
export function createPostgresAdapter({ url, poolSize }: CreatePostgresAdapterOptions): PrismaPg {
  const target = parsePostgresUrl(url);
  return new PrismaPg(postgresPoolConfig(target, poolSize), { schema: target.schema });
}
