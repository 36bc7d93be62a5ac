// A fresh SQLite file for in-process unit tests of database code, with the schema the migrations define.
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Points DATABASE_URL at a new file; call before importing server/db. Returns the schema step. */
export function useTempSqlite(prefix: string): { applyMigrations: () => void } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `handoff-${prefix}-`)), "app.db");
  process.env.DATABASE_URL = `file:${file}`;
  return {
    // Applied directly: quicker than the migrate CLI, and the same SQL.
    applyMigrations: () => {
      const sqlite = new Database(file);
      const migrations = path.join("prisma", "migrations");
      for (const name of fs.readdirSync(migrations).filter((entry) => fs.statSync(path.join(migrations, entry)).isDirectory()).sort()) {
        sqlite.exec(fs.readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
      }
      sqlite.close();
    },
  };
}
