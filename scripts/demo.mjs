// `npm run demo`: the whole store on a fresh clone with no keys: build once, then serve in demo mode.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureNodeModules } from "./ensure-deps.mjs";

ensureNodeModules();

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DEMO_MODE: "1" };
if (!fs.existsSync(path.join(".next", "BUILD_ID")) || process.argv.includes("--rebuild")) {
  console.log("Building the store (first run only)...");
  execFileSync("npm", ["run", "build"], { stdio: "inherit", env });
}
const port = process.env.PORT ?? "3000";
console.log(`\nDemo store: http://localhost:${port}   ·   mail it sends: http://localhost:${port}/dev/mail\n`);
const child = spawn(process.execPath, [path.join("scripts", "start.mjs")], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
