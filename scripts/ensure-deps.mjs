// Makes a fresh clone ready to run: installs npm dependencies once, and (for the browser tests)
// a Chromium when none is found and this is a Debian machine we may install on.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export function ensureNodeModules() {
  if (fs.existsSync(path.join("node_modules", ".package-lock.json"))) return;
  console.log("Installing dependencies (first run only)...");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
}

function findBrowser() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  if (candidates.some((candidate) => candidate && fs.existsSync(candidate))) return true;
  const managed = path.join(process.env.HOME ?? "", ".cache", "ms-playwright");
  return fs.existsSync(managed) && fs.readdirSync(managed).some((entry) => entry.startsWith("chromium"));
}

export function ensureBrowser() {
  if (findBrowser()) return;
  const canInstall = process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get");
  if (!canInstall) {
    console.error("No Chromium found for the browser tests: install it (Debian: `apt-get install chromium`) or set CHROMIUM_PATH.");
    process.exit(1);
  }
  console.log("Installing Chromium for the browser tests (apt-get, first run only)...");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

/** The PostgreSQL steps need a server on 127.0.0.1:5432; start (or, as root on Debian, install) one. */
export function ensurePostgres(url) {
  if (!/127\.0\.0\.1|localhost/.test(url)) return;
  try {
    execFileSync("pg_isready", ["-q", "-h", "127.0.0.1", "-p", "5432"], { stdio: "ignore" });
    return;
  } catch {
    // not answering (or no client installed): try to bring it up below
  }
  if (process.getuid?.() !== 0) {
    console.error("PostgreSQL does not answer on 127.0.0.1:5432: start it, or point TEST_DATABASE_URL at one.");
    process.exit(1);
  }
  execFileSync("bash", [path.join("scripts", "ci", "ensure-postgres.sh")], { stdio: "inherit" });
}
