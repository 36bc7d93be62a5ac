// Database chores for npm scripts: generate both Prisma clients, apply migrations, make a new migration.
//   node scripts/db.mjs generate | migrate | new <name>
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";

// .env files, as Next loads them, so migrations see the same DATABASE_URL as the server.
nextEnv.loadEnvConfig(process.cwd());

const prisma = path.join("node_modules", ".bin", "prisma");
const sqliteUrl = "file:./data/app.db";
const postgresUrl = "postgresql://localhost:5432/placeholder";

function run(args, env = {}) {
  execFileSync(prisma, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", ...env } });
}

/**
 * True when every migration in prisma/migrations is recorded as applied. Skipping `migrate deploy`
 * then keeps a second instance (or a restart) from racing a live one for SQLite's write lock, which
 * the JS schema engine reports as an unknown "SocketTimeout" error.
 */
async function isSqliteUpToDate(url) {
  const file = path.resolve(url.replace(/^file:/, ""));
  if (!fs.existsSync(file)) return false;
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file, { readonly: true, timeout: 10_000 });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return false;
    const applied = new Set(db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all().map((row) => row.migration_name));
    const wanted = fs.readdirSync(path.join("prisma", "migrations"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    return wanted.every((name) => applied.has(name));
  } finally {
    db.close();
  }
}

/** SQLite allows one writer: a live instance can hold the lock for a moment, so try a few times. */
function migrateWithRetries(url) {
  for (let attempt = 1; ; attempt++) {
    try {
      run(["migrate", "deploy"], { DATABASE_URL: url });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      console.error(`migrate deploy failed (try ${attempt} of 5); trying again in ${attempt} s`);
      execFileSync("sleep", [String(attempt)]);
    }
  }
}

function isPostgres(url) {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

const [command, name] = process.argv.slice(2);
if (command === "generate") {
  execFileSync(process.execPath, [path.join("scripts", "derive-postgres-schema.mjs")], { stdio: "inherit" });
  // Both clients are always built, so one build serves either database.
  run(["generate"], { DATABASE_URL: sqliteUrl });
  run(["generate"], { DATABASE_URL: postgresUrl });
} else if (command === "migrate") {
  const url = process.env.DATABASE_URL ?? sqliteUrl;
  if (!isPostgres(url)) {
    fs.mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, ""))), { recursive: true });
    if (await isSqliteUpToDate(url)) process.exit(0);
  }
  migrateWithRetries(url);
} else if (command === "new") {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:migration -- <name_in_snake_case>");
    process.exit(1);
  }
  execFileSync(process.execPath, [path.join("scripts", "derive-postgres-schema.mjs")], { stdio: "inherit" });
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const [dir, url] of [["prisma", sqliteUrl], [path.join("prisma", "postgres"), postgresUrl]]) {
    const migrations = path.join(dir, "migrations");
    const sql = execFileSync(prisma, ["migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", path.join(dir, "schema.prisma"), "--script"], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
    });
    if (!sql.trim() || /This is an empty migration/.test(sql)) {
      console.log(`${dir}: no schema change`);
      continue;
    }
    const target = path.join(migrations, `${stamp}_${name}`);
    fs.mkdirSync(target, { recursive: true });
    fs.writeFileSync(path.join(target, "migration.sql"), sql);
    console.log(`wrote ${path.join(target, "migration.sql")}`);
  }
} else {
  console.error("Usage: node scripts/db.mjs generate | migrate | new <name>");
  process.exit(1);
}
