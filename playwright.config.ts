// Browser tests in real Chromium against the production build, started in demo mode with its own database.
import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromium } from "playwright-core";

const port = Number(process.env.E2E_PORT ?? 3917);
const dataDir = path.join(__dirname, "tests", ".tmp", "e2e");

/** A Playwright-managed browser where one is installed; otherwise the system's Chromium. */
function chromiumPath(): string | undefined {
  const managed = chromium.executablePath();
  if (managed && fs.existsSync(managed)) return undefined;
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

const launchOptions = {
  executablePath: chromiumPath(),
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }], ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["json"] as ["json"]] : [])],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    acceptDownloads: true,
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined, launchOptions } },
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined, launchOptions } },
  ],
  webServer: {
    command: `rm -rf ${dataDir} && node scripts/start.mjs`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NODE_ENV: "production",
      DEMO_MODE: "1",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      APP_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: `file:${path.join(dataDir, "app.db")}`,
      AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret-0000",
      ADMIN_EMAILS: "owner@example.com",
      STRIPE_SECRET_KEY: "",
      RESEND_API_KEY: "",
      LOG_LEVEL: "warn",
      WORKER_INTERVAL_MS: "300",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
