// `npm test`: every layer, in order — types, lint, the migrations of both databases against the
// schema, unit tests, the production build, integration tests against it over HTTP on SQLite and again
// on PostgreSQL, then the browser tests in real Chromium. Stops at the first failure.
// `node scripts/test.mjs integration` (or any step names' beginnings) runs only those steps.
// PostgreSQL steps use TEST_DATABASE_URL (default: the local server's `test` database, where each
// test app gets a schema of its own); scripts/ci/ensure-postgres.sh starts one on a CI machine.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureBrowser, ensureNodeModules, ensurePostgres } from "./ensure-deps.mjs";

ensureNodeModules();

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_JSON_OUTPUT_NAME: "tests/.tmp/results-browser.json" };
fs.rmSync(path.join("tests", ".tmp"), { recursive: true, force: true });
fs.mkdirSync(path.join("tests", ".tmp"), { recursive: true });
const postgresUrl = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test";
const steps = [
  ["types", "npx", ["tsc", "--noEmit"]],
  ["lint (layer boundaries)", "npx", ["eslint", "."]],
  ["migrations (SQLite and PostgreSQL histories match prisma/schema.prisma)", "node", ["scripts/db.mjs", "check"], { MIGRATIONS_POSTGRES_URL: process.env.MIGRATIONS_POSTGRES_URL || postgresUrl }],
  ["unit", "npx", ["vitest", "run", "--project", "unit", "--reporter=default", "--reporter=json", "--outputFile.json=tests/.tmp/results-unit.json"]],
  ["build", "npm", ["run", "build"]],
  ["integration (SQLite)", "npx", ["vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", "--outputFile.json=tests/.tmp/results-integration-sqlite.json"], { TEST_DATABASE_URL: "" }],
  ["integration (PostgreSQL)", "npx", ["vitest", "run", "--project", "integration", "--reporter=default", "--reporter=json", "--outputFile.json=tests/.tmp/results-integration-postgres.json"], { TEST_DATABASE_URL: postgresUrl }],
  ["browser (Playwright, Chromium)", "npx", ["playwright", "test"]],
];

const only = process.argv.slice(2);
for (const [name, command, args, extraEnv = {}] of steps) {
  if (only.length && !only.some((word) => name.startsWith(word))) continue;
  if (name.startsWith("browser")) ensureBrowser();
  if (/PostgreSQL/.test(name)) ensurePostgres(postgresUrl);
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  try {
    execFileSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  } catch {
    console.error(`\n✗ ${name} failed (see above).`);
    process.exit(1);
  }
  console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** One closing line over every layer, counted from the runners' JSON reports. */
function countResults() {
  let passed = 0;
  let failed = 0;
  for (const file of fs.readdirSync(path.join("tests", ".tmp")).filter((name) => name.startsWith("results-"))) {
    const report = JSON.parse(fs.readFileSync(path.join("tests", ".tmp", file), "utf8"));
    if (report.stats) {
      passed += report.stats.expected + report.stats.flaky;
      failed += report.stats.unexpected;
    } else {
      passed += report.numPassedTests;
      failed += report.numFailedTests;
    }
  }
  return { passed, failed };
}

const { passed, failed } = countResults();
console.log(`\n${passed} passed, ${failed} failed`);
if (failed > 0 || passed === 0) process.exit(1);
