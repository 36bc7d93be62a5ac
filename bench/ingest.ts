// The ingest scenario: unique paid events at a fixed concurrency against an unlimited mail sink, on
// SQLite or PostgreSQL, with one instance or two behind a round-robin "load balancer" (the bench).
import pg from "pg";
import { schemaForAppDir, startTestApp, type TestApp } from "../tests/support/test-app";
import { startResendDouble } from "../tests/support/resend-double";
import { checkoutSession, makeEvent, postEvent } from "../tests/support/stripe-events";
import { summarize, runPool } from "./stats";

export type IngestOptions = {
  events: number;
  concurrency: number;
  /** A postgresql:// URL (each run gets a schema of its own, dropped after); SQLite without one. */
  postgresUrl?: string;
  instances?: 1 | 2;
  /**
   * Open loop: events leave at this steady rate, however long the answers take (as Stripe sends
   * them), instead of `concurrency` at a time as fast as they are answered (closed loop).
   */
  ratePerSecond?: number;
  env: Record<string, string>;
};

async function startApps({ postgresUrl, instances = 1, env }: IngestOptions, resendBaseUrl: string): Promise<TestApp[]> {
  const previous = process.env.TEST_DATABASE_URL;
  // The harness gives an app a PostgreSQL schema of its own when TEST_DATABASE_URL is set.
  if (postgresUrl) process.env.TEST_DATABASE_URL = postgresUrl;
  else delete process.env.TEST_DATABASE_URL;
  try {
    const first = await startTestApp({ resendBaseUrl, env: { ...env, MAIL_RATE_PER_SECOND: "1000" } });
    if (instances === 1) return [first];
    return [first, await startTestApp({ shareWith: first, resendBaseUrl, env: { ...env, MAIL_RATE_PER_SECOND: "1000" } })];
  } finally {
    if (previous === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = previous;
  }
}

async function dropSchema(postgresUrl: string, app: TestApp) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schemaForAppDir(app.dir)}" CASCADE`);
  } finally {
    await client.end();
  }
}

export async function ingest(options: IngestOptions) {
  const { events, concurrency, postgresUrl, instances = 1, ratePerSecond } = options;
  const sink = await startResendDouble();
  const apps = await startApps(options, sink.url);
  try {
    const sentAt = new Map<string, number>();
    const ackMs: number[] = [];
    let failures = 0;
    const started = performance.now();
    // Paced: every event is in flight on time, so the pool only bounds what one machine can hold open.
    await runPool(Array.from({ length: events }, (_, index) => index), ratePerSecond ? 512 : concurrency, async (index) => {
      if (ratePerSecond) {
        const due = started + (index * 1000) / ratePerSecond;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const email = `ingest${index}@bench.test`;
      const event = makeEvent(checkoutSession({ customer_details: { email } }));
      const app = apps[index % apps.length]!;
      const t0 = performance.now();
      sentAt.set(email, Date.now());
      const response = await postEvent(app.url, event, { secret: app.webhookSecret });
      ackMs.push(performance.now() - t0);
      if (response.status !== 200) failures += 1;
      await response.arrayBuffer();
    });
    const ackSeconds = (performance.now() - started) / 1000;
    const deadline = Date.now() + 120_000;
    while (sink.emails.length < events && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const perRecipient = new Map<string, number>();
    const latencies: number[] = [];
    for (const email of sink.emails) {
      const to = String(email.to);
      perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
      if (perRecipient.get(to) === 1) latencies.push(email.at - sentAt.get(to)!);
    }
    return {
      database: postgresUrl ? "postgresql" : "sqlite",
      instances,
      events,
      ...(ratePerSecond ? { offeredPerSecond: ratePerSecond } : { concurrency }),
      eventsPerSecondAcked: Math.round(events / ackSeconds),
      ackMs: summarize(ackMs),
      paymentToEmailMs: summarize(latencies),
      emailsExpected: events,
      emailsReceived: perRecipient.size,
      duplicates: [...perRecipient.values()].filter((count) => count > 1).length,
      non200: failures,
      sinkRequests: sink.requests.length,
    };
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await sink.close();
    if (postgresUrl) await dropSchema(postgresUrl, apps[0]!);
  }
}

/** Whether a PostgreSQL server answers at this URL (the scale runs are skipped, with a note, if not). */
export async function isPostgresReachable(postgresUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
