// `npm start`: apply pending migrations, then serve the production build on $PORT.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";

// .env files, as Next loads them, so migrations see the same DATABASE_URL as the server.
nextEnv.loadEnvConfig(process.cwd());

if (!fs.existsSync(path.join(".next", "BUILD_ID"))) {
  console.error("No production build found: run `npm run build` first.");
  process.exit(1);
}
try {
  execFileSync(process.execPath, [path.join("scripts", "db.mjs"), "migrate"], { stdio: "inherit" });
} catch {
  console.error("Database migrations failed: check DATABASE_URL (the messages above say why).");
  process.exit(1);
}
const child = spawn(process.execPath, [path.join("scripts", "server.mjs"), ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
