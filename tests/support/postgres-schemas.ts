// Vitest global setup for the integration project: on PostgreSQL runs (TEST_DATABASE_URL), drops
// the schemas this run's apps created (one per app dir, see test-app.ts) once every file is done.
import fs from "node:fs";
import pg from "pg";
import { schemaForAppDir, tmpRoot } from "./test-app";

function appDirs(): Set<string> {
  return new Set(fs.existsSync(tmpRoot) ? fs.readdirSync(tmpRoot).filter((name) => name.startsWith("app-")) : []);
}

export default function setup() {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return;
  const before = appDirs();
  return async () => {
    const created = [...appDirs()].filter((name) => !before.has(name)).map(schemaForAppDir);
    if (!created.length) return;
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      for (const schema of created) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  };
}
