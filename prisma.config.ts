// Prisma CLI configuration: the JS schema engine through a driver adapter, so no native engine is downloaded.
// DATABASE_URL picks the schema and migrations: SQLite's (prisma/) or PostgreSQL's (prisma/postgres/).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { isPostgresUrl } from "./server/database/create-postgres-adapter";
import { createPostgresMigrationsAdapter } from "./server/database/create-postgres-migrations-adapter";
import { createSqliteMigrationsAdapter } from "./server/database/create-sqlite-migrations-adapter";

const url = process.env.DATABASE_URL ?? "file:./data/app.db";
const isPostgres = isPostgresUrl(url);
const dir = isPostgres ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(dir, "schema.prisma"),
  migrations: { path: path.join(dir, "migrations") },
  adapter: async () => (isPostgres ? createPostgresMigrationsAdapter(url) : createSqliteMigrationsAdapter(url)),
});
