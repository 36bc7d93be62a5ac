// The floors under the ingest figures, driven by the same client at the same concurrency: an empty
// Next.js route handler at the webhook's path, built and started on its own (no webhook acks faster),
// and the store's own webhook with intake alone (events of a type it stores but does not process).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, repoRoot, startTestApp } from "../tests/support/test-app";
import { checkoutSession, makeEvent, postEvent } from "../tests/support/stripe-events";
import { runPool, summarize } from "./stats";
import { cpuMs } from "./ingest";

const ROUTE = `export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  await request.text();
  return Response.json({ received: true });
}
`;

/**
 * A Next.js app of one route, in a temporary folder that borrows this project's node_modules. Built
 * with webpack: Turbopack will not resolve a node_modules that lives outside the app's folder.
 */
function buildEmptyApp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "handoff-floor-"));
  fs.mkdirSync(path.join(dir, "app", "api", "webhooks", "stripe"), { recursive: true });
  fs.writeFileSync(path.join(dir, "app", "api", "webhooks", "stripe", "route.ts"), ROUTE);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "handoff-floor", private: true }));
  // the same server settings as the store's own build
  fs.writeFileSync(path.join(dir, "next.config.mjs"), "export default { skipTrailingSlashRedirect: true, poweredByHeader: false, compress: false };\n");
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  execFileSync(path.join(repoRoot, "node_modules", ".bin", "next"), ["build", "--webpack"], { cwd: dir, stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  return dir;
}

type Run = { eventsPerSecond: number; ackMs: ReturnType<typeof summarize>; appCpuMsPerEvent?: number };
type Target = { url: string; secret: string; type?: string; pid?: number | null };

async function closedLoop({ url, secret, type, pid }: Target, events: number, concurrency: number, tag: string): Promise<Run> {
  const ackMs: number[] = [];
  const cpuBefore = pid ? cpuMs(pid) : 0;
  const started = performance.now();
  await runPool(Array.from({ length: events }, (_, index) => index), concurrency, async (index) => {
    // built and signed as the ingest run builds them, so the client costs the same
    const event = makeEvent(checkoutSession({ customer_details: { email: `${tag}${index}@bench.test` } }), type ? { type } : {});
    const t0 = performance.now();
    const response = await postEvent(url, event, { secret });
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
    ackMs.push(performance.now() - t0);
  });
  const eventsPerSecond = Math.round(events / ((performance.now() - started) / 1000));
  return { eventsPerSecond, ackMs: summarize(ackMs), ...(pid ? { appCpuMsPerEvent: Math.round(((cpuMs(pid) - cpuBefore) / events) * 100) / 100 } : {}) };
}

/** A well-warmed warm-up (a fresh server compiles on first use), then `runs` runs on the same server: the median run's figures, and each run's. */
async function warmedRuns(target: Target, { events, concurrency, runs }: FloorOptions) {
  await closedLoop(target, 4 * events, concurrency, "warmup");
  const results: Run[] = [];
  for (let run = 0; run < runs; run++) results.push(await closedLoop(target, events, concurrency, `run${run}-`));
  const median = (pick: (run: Run) => number) => results.map(pick).sort((a, b) => a - b)[Math.floor((results.length - 1) / 2)]!;
  return {
    events,
    concurrency,
    runs,
    eventsPerSecond: median((run) => run.eventsPerSecond),
    ackMs: { p50: median((run) => run.ackMs.p50), p99: median((run) => run.ackMs.p99), max: median((run) => run.ackMs.max) },
    ...(target.pid ? { appCpuMsPerEvent: median((run) => run.appCpuMsPerEvent!) } : {}),
    eachRun: results.map((run) => ({ eventsPerSecond: run.eventsPerSecond, ackP99: run.ackMs.p99 })),
  };
}

type FloorOptions = { events: number; concurrency: number; runs: number };

/**
 * The store's webhook with nothing to do after the ack: each event verified and stored exactly as a
 * paid one is (same size, same group commit), but of a type the store does not process. What the
 * full ingest costs beyond this is fulfilment and delivery, which share the event loop with the acks.
 */
export async function intakeOnly(options: FloorOptions) {
  const app = await startTestApp({ env: { LOG_LEVEL: "error" } });
  try {
    const result = await warmedRuns({ url: app.url, secret: app.webhookSecret, type: "customer.created", pid: app.serverPid() }, options);
    return { what: "this store's webhook, events stored but not processed (customer.created)", ...result };
  } finally {
    await app.stop();
  }
}

export async function emptyRouteFloor(options: FloorOptions) {
  const dir = buildEmptyApp();
  const port = await freePort();
  const child = spawn(path.join(repoRoot, "node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await (await fetch(`${url}/api/webhooks/stripe`, { method: "POST", body: "{}" })).arrayBuffer();
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`the empty app did not answer on ${url}: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const result = await warmedRuns({ url, secret: "whsec_floor" }, options);
    return { what: "an empty Next.js route handler (reads the body, answers JSON), same client, same concurrency", ...result };
  } finally {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    // the link first, on its own, so nothing below can reach into the project's node_modules
    fs.unlinkSync(path.join(dir, "node_modules"));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
