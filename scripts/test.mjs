// `npm test`: every layer, in order — types, unit tests, the production build, integration tests
// against it over HTTP, then the browser tests in real Chromium. Stops at the first failing step.
import { execFileSync } from "node:child_process";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const steps = [
  ["types", "npx", ["tsc", "--noEmit"]],
  ["lint (layer boundaries)", "npx", ["eslint", "."]],
  ["unit", "npx", ["vitest", "run", "--project", "unit"]],
  ["build", "npm", ["run", "build"]],
  ["integration (SQLite)", "npx", ["vitest", "run", "--project", "integration"]],
  ["browser (Playwright, Chromium)", "npx", ["playwright", "test"]],
];

const only = process.argv.slice(2);
for (const [name, command, args] of steps) {
  if (only.length && !only.some((word) => name.startsWith(word))) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  try {
    execFileSync(command, args, { stdio: "inherit", env });
  } catch {
    console.error(`\n✗ ${name} failed (see above).`);
    process.exit(1);
  }
  console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
