// The ingest scenario: unique paid events against an unlimited mail sink, at a fixed concurrency or a
// steady rate, on SQLite or PostgreSQL, with one instance or two behind a round-robin "load balancer"
// (the bench), after a warm-up that no figure counts.
import fs from "node:fs";
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

const WARM_UP_EVENTS = 200;
const round2 = (value: number) => Math.round(value * 100) / 100;

/** User and system CPU time a process has used so far, from /proc (Linux; 100 clock ticks a second). */
export function cpuMs(pid: number | null): number {
  if (pid === null) return 0;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/**
 * A server that has just started compiles its queries, templates and code paths on first use; a
 * store that sells has done so long before. These events go first and are left out of every figure.
 */
async function warmUp(apps: TestApp[], sink: Awaited<ReturnType<typeof startResendDouble>>) {
  await runPool(Array.from({ length: WARM_UP_EVENTS }, (_, index) => index), 8, async (index) => {
    const app = apps[index % apps.length]!;
    const event = makeEvent(checkoutSession({ customer_details: { email: `warmup${index}@bench.test` } }));
    await (await postEvent(app.url, event, { secret: app.webhookSecret })).arrayBuffer();
  });
  const deadline = Date.now() + 60_000;
  while (sink.emails.length < WARM_UP_EVENTS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

export async function ingest(options: IngestOptions) {
  const { events, concurrency, postgresUrl, instances = 1, ratePerSecond } = options;
  const sink = await startResendDouble();
  const apps = await startApps(options, sink.url);
  try {
    await warmUp(apps, sink);
    const sinkRequestsBefore = sink.requests.length;
    const cpuBefore = { bench: process.cpuUsage(), servers: apps.map((app) => cpuMs(app.serverPid())) };
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
    const benchCpu = process.cpuUsage(cpuBefore.bench);
    const serverCpuMs = apps.reduce((sum, app, index) => sum + cpuMs(app.serverPid()) - cpuBefore.servers[index]!, 0);
    const deadline = Date.now() + 120_000;
    const measured = () => sink.emails.filter((email) => sentAt.has(String(email.to)));
    while (measured().length < events && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const perRecipient = new Map<string, number>();
    const latencies: number[] = [];
    for (const email of measured()) {
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
      sinkRequests: sink.requests.length - sinkRequestsBefore,
      // CPU time per event while events were being sent: the app's servers, and this process (the
      // load, its signing and the mail sink), which shares the same cores
      cpuMsPerEvent: { app: round2(serverCpuMs / events), bench: round2((benchCpu.user + benchCpu.system) / 1000 / events) },
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

type IngestResult = Awaited<ReturnType<typeof ingest>>;

/**
 * The same scenario `runs` times, each on a fresh app: this machine is shared, so one run can land
 * on a noisy minute. Reports every run's headline figures and, for each figure, the median run's.
 */
export async function ingestRuns(options: IngestOptions, runs: number) {
  const results: IngestResult[] = [];
  for (let run = 0; run < runs; run++) results.push(await ingest(options));
  const median = (pick: (result: IngestResult) => number) => {
    const values = results.map(pick).sort((a, b) => a - b);
    return values[Math.floor((values.length - 1) / 2)]!;
  };
  return {
    ...results[0]!,
    runs,
    eventsPerSecondAcked: median((result) => result.eventsPerSecondAcked),
    ackMs: { p50: median((result) => result.ackMs.p50), p99: median((result) => result.ackMs.p99), max: median((result) => result.ackMs.max) },
    paymentToEmailMs: { p50: median((result) => result.paymentToEmailMs.p50), p99: median((result) => result.paymentToEmailMs.p99), max: median((result) => result.paymentToEmailMs.max) },
    emailsReceived: Math.min(...results.map((result) => result.emailsReceived)),
    duplicates: Math.max(...results.map((result) => result.duplicates)),
    non200: Math.max(...results.map((result) => result.non200)),
    sinkRequests: median((result) => result.sinkRequests),
    cpuMsPerEvent: { app: median((result) => result.cpuMsPerEvent.app), bench: median((result) => result.cpuMsPerEvent.bench) },
    eachRun: results.map((result) => ({ eventsPerSecondAcked: result.eventsPerSecondAcked, ackP99: result.ackMs.p99, paymentToEmailP99: result.paymentToEmailMs.p99 })),
  };
}
