// Writes prisma/postgres/schema.prisma from prisma/schema.prisma: one source of truth for the models.
// `--check` exits 1 when the derived file is stale, so CI catches an edit that skipped this step.
import fs from "node:fs";
import path from "node:path";

const source = fs.readFileSync(path.join("prisma", "schema.prisma"), "utf8");
const derived =
  "// GENERATED from prisma/schema.prisma by scripts/derive-postgres-schema.mjs: edit that file, not this one.\n" +
  source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../server/generated/sqlite"', 'output       = "../../server/generated/postgres"');

if (!derived.includes('provider = "postgresql"') || !derived.includes("generated/postgres")) {
  console.error("derive-postgres-schema: the datasource or generator block of prisma/schema.prisma changed shape; update this script.");
  process.exit(1);
}
const target = path.join("prisma", "postgres", "schema.prisma");
const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
if (process.argv.includes("--check")) {
  if (current !== derived) {
    console.error("prisma/postgres/schema.prisma is stale: run `npm run db:derive` and commit it.");
    process.exit(1);
  }
  process.exit(0);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
if (current !== derived) fs.writeFileSync(target, derived);
