// Starts the production build (`npm start`'s own script) on a free port with its own SQLite file,
// catalog and storage, pointed at the local Stripe and Resend doubles. Integration tests talk HTTP to it.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const tmpRoot = path.join(repoRoot, "tests", ".tmp");

export type TestAppOptions = {
  env?: Record<string, string | undefined>;
  catalog?: unknown;
  /** Files to create under the app's storage dir: relative path → contents. */
  files?: Record<string, string | Buffer>;
  stripeApiBase?: string;
  resendBaseUrl?: string;
  /** Reuse another app's data dir and database (for a restart or a second instance). */
  shareWith?: TestApp;
};

export type TestApp = {
  url: string;
  port: number;
  dir: string;
  env: Record<string, string>;
  webhookSecret: string;
  /** Runs SQL against the app's database (SQLite file or PostgreSQL); `?` placeholders work for both. */
  query: <T = Record<string, unknown>>(sql: string, ...params: unknown[]) => Promise<T[]>;
  logs: () => string;
  /** The pid of the HTTP server process itself (the child of `npm start`'s script). */
  serverPid: () => number | null;
  stop: () => Promise<void>;
  kill: () => Promise<void>;
};

export const defaultCatalog = {
  products: [
    {
      slug: "field-guide",
      name: "The Field Guide",
      description: "A guide.",
      stripePriceId: "price_field_guide",
      price: { amount: 1900, currency: "usd" },
      files: [{ path: "field-guide/guide.pdf", name: "Field Guide.pdf" }],
      downloadLimit: 5,
      linkTtlHours: 24,
    },
    {
      slug: "focus-timer",
      name: "Focus Timer",
      description: "An app.",
      stripePriceId: "price_focus_timer",
      price: { amount: 2900, currency: "usd" },
      files: [{ path: "focus-timer/Focus Timer – Édition Spéciale.zip", name: "Focus Timer – Édition Spéciale.zip" }],
      linkTtlHours: 48,
      licenseKeys: { activationLimit: 3 },
    },
  ],
};

export function defaultFiles(): Record<string, Buffer> {
  return {
    "field-guide/guide.pdf": Buffer.concat([Buffer.from("%PDF-1.4\n"), crypto.randomBytes(64 * 1024)]),
    "focus-timer/Focus Timer – Édition Spéciale.zip": crypto.randomBytes(10_000),
  };
}

const startedGroups = new Set<number>();
process.once("exit", () => {
  // a failed run must not leave servers behind
  for (const pid of startedGroups) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The PostgreSQL schema of the app whose data dir is `dir` (tests/support/postgres-schemas.ts drops it). */
export function schemaForAppDir(dir: string): string {
  return `t_${path.basename(dir).replace(/[^a-z0-9]/gi, "").toLowerCase()}`;
}

/** PostgreSQL runs of the suite set TEST_DATABASE_URL; each app then gets a schema of its own. */
function databaseUrlFor(dir: string): string {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return `file:${path.join(dir, "app.db")}`;
  const url = new URL(base);
  url.searchParams.set("schema", schemaForAppDir(dir));
  return url.toString();
}

function makeQuery(databaseUrl: string): TestApp["query"] {
  if (databaseUrl.startsWith("file:")) {
    let connection: Database.Database | undefined;
    return async <T,>(sql: string, ...params: unknown[]) => {
      connection ??= new Database(databaseUrl.slice(5), { fileMustExist: true, timeout: 10_000 });
      const statement = connection.prepare(sql);
      // Prisma keeps SQLite DateTimes as ISO text with an explicit offset; match it so comparisons hold.
      const values = params.map((value) => (value instanceof Date ? value.toISOString().replace("Z", "+00:00") : typeof value === "boolean" ? Number(value) : value));
      return (statement.reader ? statement.all(...values) : (statement.run(...values), [])) as T[];
    };
  }
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") ?? "public";
  url.searchParams.delete("schema");
  return async <T,>(sql: string, ...params: unknown[]) => {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${schema}"`);
      let index = 0;
      const result = await client.query(sql.replace(/\?/g, () => `$${++index}`), params);
      return result.rows as T[];
    } finally {
      await client.end();
    }
  };
}

async function waitForHealth(url: string, child: ChildProcess, logs: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${logs()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200 || response.status === 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the app did not answer within ${timeoutMs} ms:\n${logs()}`);
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  fs.mkdirSync(tmpRoot, { recursive: true });
  const shared = options.shareWith;
  const dir = shared?.dir ?? fs.mkdtempSync(path.join(tmpRoot, "app-"));
  if (!shared) {
    fs.writeFileSync(path.join(dir, "catalog.json"), JSON.stringify(options.catalog ?? defaultCatalog, null, 2));
    for (const [relative, contents] of Object.entries(options.files ?? defaultFiles())) {
      const target = path.join(dir, "storage", relative);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, contents);
    }
  }
  const port = await freePort();
  const webhookSecret = shared?.webhookSecret ?? `whsec_${crypto.randomBytes(24).toString("hex")}`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    APP_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: shared?.env.DATABASE_URL ?? databaseUrlFor(dir),
    CATALOG_PATH: path.join(dir, "catalog.json"),
    STORAGE_DIR: path.join(dir, "storage"),
    AUTH_SECRET: shared?.env.AUTH_SECRET ?? crypto.randomBytes(48).toString("base64url"),
    STRIPE_SECRET_KEY: "sk_test_handoff",
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    RESEND_API_KEY: "re_test_handoff",
    EMAIL_FROM: "Test Store <store@example.com>",
    SUPPORT_EMAIL: "help@example.com",
    LOG_LEVEL: "warn",
    WORKER_INTERVAL_MS: "300",
    MAIL_RETRY_BASE_MS: "200",
    ...(options.stripeApiBase ? { STRIPE_API_BASE: options.stripeApiBase } : {}),
    ...(options.resendBaseUrl ? { RESEND_BASE_URL: options.resendBaseUrl } : {}),
  };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, "scripts", "start.mjs")], {
    cwd: repoRoot,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so a kill reaches the server it starts too
  });
  startedGroups.add(child.pid!);
  child.once("exit", () => startedGroups.delete(child.pid!));
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output);

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8_000))]);
  };
  return {
    url,
    port,
    dir,
    env,
    webhookSecret,
    query: makeQuery(env.DATABASE_URL!),
    logs: () => output,
    serverPid: () => {
      try {
        const children = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim().split(/\s+/);
        return children[0] ? Number(children[0]) : null;
      } catch {
        return null;
      }
    },
    stop: () => stopWith("SIGTERM"),
    kill: () => stopWith("SIGKILL"),
  };
}

/** Polls until check() returns a truthy value, or fails with the message. */
export async function eventually<T>(check: () => Promise<T> | T, message: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last as NonNullable<T>;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out: ${message} (last value: ${JSON.stringify(last)})`);
}
