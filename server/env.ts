// The one place that reads process.env: validated with zod, typed, failing fast with the variable's name.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== "" ? value.trim() : undefined));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const flag = z
  .string()
  .optional()
  .transform((value) => value === "1" || value === "true" || value === "yes");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DEMO_MODE: flag,
  PORT: positiveInt(3000),
  APP_URL: z.url({ message: "must be an absolute URL such as https://shop.example.com" }).optional(),
  DATABASE_URL: z.string().default("file:./data/app.db"),
  DATABASE_POOL_SIZE: positiveInt(10),
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_API_BASE: optionalString.pipe(z.url({ message: "must be a URL such as http://127.0.0.1:12111" }).optional()),
  RESEND_API_KEY: optionalString,
  RESEND_BASE_URL: optionalString,
  STORE_NAME: z.string().default("Handoff Demo Store"),
  EMAIL_FROM: z.string().default("Handoff <store@example.com>"),
  SUPPORT_EMAIL: z.string().default("support@example.com"),
  SELLER_EMAIL: optionalString,
  AUTH_SECRET: optionalString,
  CRON_SECRET: optionalString,
  DISPUTE_EVIDENCE: z.enum(["draft", "off"], { message: 'must be "draft" (stage evidence on new disputes) or "off"' }).default("draft"),
  CATALOG_PATH: z.string().default("./catalog.json"),
  STORAGE_DIR: z.string().default("./storage"),
  STORAGE: z.enum(["local", "s3"], { message: 'must be "local" (files under STORAGE_DIR) or "s3" (an S3-compatible bucket)' }).default("local"),
  S3_BUCKET: optionalString,
  S3_REGION: z.string().default("us-east-1"),
  S3_ENDPOINT: optionalString.pipe(z.url({ message: "must be a URL such as https://<account>.r2.cloudflarestorage.com" }).optional()),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_FORCE_PATH_STYLE: flag,
  ADMIN_EMAILS: z.string().default(""),
  MAIL_RATE_PER_SECOND: z.coerce.number().positive().default(2),
  MAIL_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  MAIL_MAX_ATTEMPTS: positiveInt(8),
  MAIL_TIMEOUT_MS: positiveInt(10_000),
  WEBHOOK_MAX_BODY_BYTES: positiveInt(512 * 1024),
  DOWNLOAD_RESUME_WINDOW_MINUTES: positiveInt(30),
  LICENSE_SIGNING_KEY: optionalString,
  LICENSE_CERTIFICATE_TTL_DAYS: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.coerce.number().int().positive().optional()),
  LICENSE_RESET_COOLDOWN_DAYS: z.coerce.number().int().nonnegative().default(30),
  LICENSE_RATE_LIMIT_PER_IP: positiveInt(60),
  LICENSE_RATE_LIMIT_PER_KEY: positiveInt(30),
  WORKER_INTERVAL_MS: positiveInt(2_000),
  MAIL_RETRY_BASE_MS: positiveInt(2_000),
  HEALTH_OUTBOX_MAX_AGE_SECONDS: positiveInt(15 * 60),
  LOG_LEVEL: z.enum(["info", "warn", "error", "silent"]).default("info"),
  SIGN_IN_LINK_TTL_MINUTES: positiveInt(15),
  SIGN_IN_LIMIT_PER_EMAIL: positiveInt(5),
  SIGN_IN_LIMIT_PER_IP: positiveInt(20),
  SIGN_IN_LIMIT_WINDOW_MINUTES: positiveInt(15),
  PORTAL_RESENDS_PER_HOUR: positiveInt(3),
  PORTAL_SESSION_DAYS: positiveInt(30),
});

type RawEnv = z.infer<typeof envSchema>;

export type Env = Omit<RawEnv, "APP_URL" | "ADMIN_EMAILS" | "STRIPE_WEBHOOK_SECRET" | "AUTH_SECRET" | "LICENSE_SIGNING_KEY"> & {
  APP_URL: string;
  ADMIN_EMAILS: string[];
  STRIPE_WEBHOOK_SECRETS: string[];
  AUTH_SECRET: string;
  isProduction: boolean;
  isDemo: boolean;
  /** True when mail goes to the local outbox instead of Resend. */
  isLocalMail: boolean;
  /** The secret that signs demo-mode events when no STRIPE_WEBHOOK_SECRET is set. */
  demoWebhookSecret: string;
  /** The Ed25519 key that signs license certificates (LICENSE_SIGNING_KEY), or null: no certificates. */
  licenseSigningKey: crypto.KeyObject | null;
};

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

let cached: Env | undefined;

/** Reads and validates the environment once; throws an EnvError naming the variable at fault. */
export function getEnv(): Env {
  if (cached) return cached;
  cached = parseEnv(process.env);
  // next-auth reads its own base URL from process.env; APP_URL stays the one setting for it.
  process.env.NEXTAUTH_URL = `${cached.APP_URL}/api/auth`;
  return cached;
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n  ${lines.join("\n  ")}`);
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === "production" && !raw.DEMO_MODE;
  const isDemo = !raw.STRIPE_SECRET_KEY;

  if (isProduction && isDemo) {
    throw new EnvError(
      "STRIPE_SECRET_KEY is not set. In production checkout needs your Stripe secret key; set DEMO_MODE=1 to run the labelled demo instead.",
    );
  }
  if (isProduction && !raw.AUTH_SECRET) {
    throw new EnvError("AUTH_SECRET is not set. Generate one with `openssl rand -base64 48` (at least 32 bytes).");
  }
  if (raw.AUTH_SECRET && Buffer.byteLength(raw.AUTH_SECRET) < 32) {
    throw new EnvError("AUTH_SECRET is too short: it must be at least 32 bytes (`openssl rand -base64 48`).");
  }
  if (raw.STORAGE === "s3" && !raw.S3_BUCKET) {
    throw new EnvError("S3_BUCKET is not set: STORAGE=s3 needs the name of the bucket that holds your product files.");
  }
  if (Boolean(raw.S3_ACCESS_KEY_ID) !== Boolean(raw.S3_SECRET_ACCESS_KEY)) {
    throw new EnvError("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the machine's own AWS credentials.");
  }
  const secrets = (raw.STRIPE_WEBHOOK_SECRET ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);
  const badSecret = secrets.find((secret) => !secret.startsWith("whsec_"));
  if (badSecret) {
    throw new EnvError("STRIPE_WEBHOOK_SECRET: each secret must start with whsec_ (comma-separate several during rotation).");
  }
  const authSecret = raw.AUTH_SECRET ?? developmentSecret();
  const appUrl = (raw.APP_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, "");
  const licenseSigningKey = raw.LICENSE_SIGNING_KEY ? parseLicenseSigningKey(raw.LICENSE_SIGNING_KEY) : null;
  const { APP_URL: _a, ADMIN_EMAILS: _b, STRIPE_WEBHOOK_SECRET: _c, AUTH_SECRET: _d, LICENSE_SIGNING_KEY: _e, ...rest } = raw;
  return {
    ...rest,
    APP_URL: appUrl,
    ADMIN_EMAILS: raw.ADMIN_EMAILS.split(",")
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
    STRIPE_WEBHOOK_SECRETS: secrets,
    AUTH_SECRET: authSecret,
    isProduction,
    isDemo,
    isLocalMail: !raw.RESEND_API_KEY,
    demoWebhookSecret: `whsec_demo_${crypto.createHash("sha256").update(`demo-webhook:${authSecret}`).digest("hex").slice(0, 32)}`,
    licenseSigningKey,
  };
}

/** PEM (real or \\n-escaped newlines), base64 of a PEM, or base64 of PKCS#8 DER (what `npm run keys:generate` prints). */
function parseLicenseSigningKey(text: string): crypto.KeyObject {
  const decoded = text.includes("BEGIN") ? text.replace(/\\n/g, "\n") : Buffer.from(text, "base64").toString("latin1");
  let key: crypto.KeyObject;
  try {
    key = decoded.includes("BEGIN")
      ? crypto.createPrivateKey(decoded)
      : crypto.createPrivateKey({ key: Buffer.from(text, "base64"), format: "der", type: "pkcs8" });
  } catch {
    throw new EnvError("LICENSE_SIGNING_KEY is not a private key: paste the value `npm run keys:generate` prints (PEM or base64).");
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new EnvError(`LICENSE_SIGNING_KEY must be an Ed25519 private key, not ${key.asymmetricKeyType}: make one with \`npm run keys:generate\`.`);
  }
  return key;
}

/** Outside production a random secret is kept in data/ so a fresh clone needs no configuration. */
function developmentSecret(): string {
  const file = path.resolve("data", ".dev-auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(48).toString("base64url");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, secret, { flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

/** Webhook secrets to try, in order: the configured ones, or in demo mode the demo secret too. */
export function getWebhookSecrets(env: Env = getEnv()): string[] {
  return env.isDemo ? [...env.STRIPE_WEBHOOK_SECRETS, env.demoWebhookSecret] : env.STRIPE_WEBHOOK_SECRETS;
}
