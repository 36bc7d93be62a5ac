// Database chores for npm scripts: generate both Prisma clients, apply migrations, make a new
// migration for both databases, check that both migration histories match the schema.
//   node scripts/db.mjs generate | migrate | new <name> | check
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";

// .env files, as Next loads them, so migrations see the same DATABASE_URL as the server.
nextEnv.loadEnvConfig(process.cwd());

const prismaCli = path.join("node_modules", "prisma", "build", "index.js");
const exitPromptly = path.join("scripts", "lib", "prisma-exit-promptly.cjs");
const sqliteUrl = "file:./data/app.db";
// `new` and `check` replay the PostgreSQL migrations into a throwaway shadow database on this
// server (created and dropped by Prisma); nothing else on it is touched.
const shadowServerUrl = process.env.MIGRATIONS_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const histories = [
  // The SQLite diff needs no file of its own: the shadow database lives in memory.
  { name: "SQLite", dir: "prisma", url: "file::memory:" },
  { name: "PostgreSQL", dir: path.join("prisma", "postgres"), url: shadowServerUrl },
];

function prisma(args, { env = {}, capture = false } = {}) {
  return execFileSync(process.execPath, ["--require", `./${exitPromptly}`, prismaCli, ...args], {
    stdio: capture ? ["ignore", "pipe", "inherit"] : ["ignore", "inherit", "inherit"],
    encoding: "utf8",
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", ...env },
  });
}

function isPostgres(url) {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

async function appliedInSqlite(url) {
  const file = path.resolve(url.replace(/^file:/, ""));
  if (!fs.existsSync(file)) return [];
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file, { readonly: true, timeout: 10_000 });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return [];
    return db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all().map((row) => row.migration_name);
  } finally {
    db.close();
  }
}

async function appliedInPostgres(url) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? "public";
  parsed.searchParams.delete("schema");
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass($1) AS name", [`"${schema}"._prisma_migrations`]);
    if (!table.rows[0]?.name) return [];
    const rows = await client.query(`SELECT migration_name FROM "${schema}"._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    return rows.rows.map((row) => row.migration_name);
  } finally {
    await client.end();
  }
}

/**
 * True when every migration of this database's history is recorded as applied. Skipping `migrate
 * deploy` then keeps a second instance (or a restart) from racing a live one for SQLite's write
 * lock, which the JS schema engine reports as an unknown "SocketTimeout" error, and saves every
 * start on PostgreSQL the schema engine's few seconds.
 */
async function isUpToDate(url) {
  const dir = path.join(isPostgres(url) ? path.join("prisma", "postgres") : "prisma", "migrations");
  const applied = new Set(await (isPostgres(url) ? appliedInPostgres(url) : appliedInSqlite(url)).catch(() => []));
  const wanted = fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  return wanted.every((name) => applied.has(name));
}

/** SQLite allows one writer: a live instance can hold the lock for a moment, so try a few times. */
function migrateWithRetries(url) {
  for (let attempt = 1; ; attempt++) {
    try {
      prisma(["migrate", "deploy"], { env: { DATABASE_URL: url } });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      console.error(`migrate deploy failed (try ${attempt} of 5); trying again in ${attempt} s`);
      execFileSync("sleep", [String(attempt)]);
    }
  }
}

function derivePostgresSchema(...args) {
  execFileSync(process.execPath, [path.join("scripts", "derive-postgres-schema.mjs"), ...args], { stdio: "inherit" });
}

function diffArgs({ dir }) {
  return ["migrate", "diff", "--from-migrations", path.join(dir, "migrations"), "--to-schema-datamodel", path.join(dir, "schema.prisma")];
}

const [command, name] = process.argv.slice(2);
if (command === "generate") {
  derivePostgresSchema();
  // Both clients are always built, so one build serves either database.
  prisma(["generate"], { env: { DATABASE_URL: sqliteUrl } });
  prisma(["generate"], { env: { DATABASE_URL: "postgresql://localhost:5432/placeholder" } });
} else if (command === "migrate") {
  // PostgreSQL: Prisma takes an advisory lock, so instances starting together migrate once; a
  // `?schema=` in the URL is created when missing.
  const url = process.env.DATABASE_URL ?? sqliteUrl;
  if (!isPostgres(url)) fs.mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, ""))), { recursive: true });
  if (await isUpToDate(url)) process.exit(0);
  migrateWithRetries(url);
} else if (command === "new") {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:migration -- <name_in_snake_case>");
    process.exit(1);
  }
  derivePostgresSchema();
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const history of histories) {
    const sql = prisma([...diffArgs(history), "--script"], { env: { DATABASE_URL: history.url }, capture: true });
    if (!sql.trim() || /This is an empty migration/.test(sql)) {
      console.log(`${history.dir}: no schema change`);
      continue;
    }
    const target = path.join(history.dir, "migrations", `${stamp}_${name}`);
    fs.mkdirSync(target, { recursive: true });
    fs.writeFileSync(path.join(target, "migration.sql"), sql);
    console.log(`wrote ${path.join(target, "migration.sql")}`);
  }
} else if (command === "check") {
  derivePostgresSchema("--check");
  let drifted = false;
  for (const history of histories) {
    try {
      prisma([...diffArgs(history), "--exit-code"], { env: { DATABASE_URL: history.url }, capture: true });
      console.log(`✓ ${history.name}: ${history.dir}/migrations describe prisma/schema.prisma exactly`);
    } catch (error) {
      drifted = true;
      if (error.status === 2) {
        console.error(`✗ ${history.name}: ${history.dir}/migrations differ from the schema; the changes a new migration needs:\n${error.stdout}`);
        console.error("Run `npm run db:migration -- <name>` and commit what it writes.");
      } else {
        console.error(`✗ ${history.name}: the check could not run (see above). PostgreSQL's needs a server at MIGRATIONS_POSTGRES_URL (${shadowServerUrl}).`);
      }
    }
  }
  if (drifted) process.exit(1);
} else {
  console.error("Usage: node scripts/db.mjs generate | migrate | new <name> | check");
  process.exit(1);
}
