// `npm run bench`: the production build under load, printing JSON. Scenarios: ingest (unique paid
// events at concurrency 32 against an unlimited mail sink), the same on PostgreSQL with one instance
// and with two (scale), launch spike (1000 orders in 5 s against a sink limited like Resend), and
// download (1 GiB through a link, beside nginx on the same file, five rounds each, alternating: medians).
// ingest runs twice: closed loop (capacity: C in flight, each sent when one is answered) and open
// loop (latency at a steady offered rate, --rate R per second, as a seller's traffic arrives), beside
// the floors: an empty Next.js route handler, and the webhook with intake alone (events it stores but
// does not process), both driven by the same client at the same concurrency.
// Each ingest figure is the median of --runs R runs (default 3), every run on a fresh app.
// Options: --events N, --concurrency C, --rate R, --runs R, --only ingest|floor|scale|spike|download, --download-mb M,
// --postgres-url URL (default: TEST_DATABASE_URL, else the local server's `test` database).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startTestApp, freePort, repoRoot, tmpRoot, type TestApp } from "../tests/support/test-app";
import { startResendDouble } from "../tests/support/resend-double";
import { checkoutSession, makeEvent, postEvent } from "../tests/support/stripe-events";
import { runPool } from "./stats";
import { ingestRuns, isPostgresReachable } from "./ingest";
import { emptyRouteFloor, intakeOnly } from "./floor";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1]! : fallback;
};
const events = Number(option("events", "2000"));
const concurrency = Number(option("concurrency", "32"));
const rate = Number(option("rate", "300"));
const runs = Number(option("runs", "3"));
const only = option("only", "all");
const downloadMb = Number(option("download-mb", "1024"));
const downloadRounds = 5;
const postgresUrl = option("postgres-url", process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test");
const benchEnv = { LOG_LEVEL: "error" };

function ensureBuild() {
  if (!fs.existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) execFileSync("npm", ["run", "build"], { cwd: repoRoot, stdio: "inherit" });
}

async function spike() {
  const orders = 1000;
  const sink = await startResendDouble();
  sink.setRateLimit(2);
  const app = await startTestApp({ resendBaseUrl: sink.url, env: { ...benchEnv, MAIL_RATE_PER_SECOND: "2" } });
  try {
    const started = Date.now();
    await runPool(Array.from({ length: orders }, (_, index) => index), 32, async (index) => {
      // paced: order i is sent no earlier than i × 5 ms, so 1000 orders span 5 s
      const due = started + index * 5;
      if (Date.now() < due) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const event = makeEvent(checkoutSession({ customer_details: { email: `spike${index}@bench.test` } }));
      await (await postEvent(app.url, event, { secret: app.webhookSecret })).arrayBuffer();
    });
    const lastOrderAt = Date.now();
    const deadline = Date.now() + 60_000;
    while (sink.emails.length < orders && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const recipients = new Set(sink.emails.map((email) => String(email.to)));
    const lastEmailAt = Math.max(...sink.emails.map((email) => email.at));
    const [failed] = await app.query<{ n: number }>(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status = 'failed'`);
    return {
      orders,
      ordersSpanSeconds: (lastOrderAt - started) / 1000,
      emailsDelivered: recipients.size,
      duplicates: sink.emails.length - recipients.size,
      lastEmailAfterLastOrderSeconds: Math.round((lastEmailAt - lastOrderAt) / 100) / 10,
      providerRequests: sink.requests.length,
      providerRateLimited: sink.rateLimited,
      failed: Number(failed!.n),
    };
  } finally {
    await app.stop();
    await sink.close();
  }
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function timeDownload(url: string, pid: number | null) {
  const baseline = pid ? rssKb(pid) : 0;
  let peak = baseline;
  const sampler = pid ? setInterval(() => (peak = Math.max(peak, rssKb(pid))), 20) : null;
  const started = performance.now();
  const response = await fetch(url);
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  const seconds = (performance.now() - started) / 1000;
  if (sampler) clearInterval(sampler);
  return { status: response.status, bytes, mbPerSecond: Math.round(bytes / 1_048_576 / seconds), rssGrowthMb: Math.round((peak - baseline) / 1024) };
}

async function startNginx(root: string): Promise<{ url: string; stop: () => void } | null> {
  const binary = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((candidate) => fs.existsSync(candidate));
  if (!binary) return null;
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(tmpRoot, "nginx-"));
  // Workers run as this user (as root nginx would drop to "nobody", who cannot read the app's temporary files).
  const conf = `daemon off; worker_processes 1; user ${os.userInfo().username}; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 64; }
http { access_log off; sendfile on; tcp_nopush on; client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server { listen 127.0.0.1:${port}; root ${root}; location / { } } }`;
  fs.writeFileSync(path.join(dir, "nginx.conf"), conf);
  const child = spawn(binary, ["-c", path.join(dir, "nginx.conf"), "-p", dir], { stdio: "ignore" });
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

async function download() {
  const sink = await startResendDouble();
  const size = downloadMb * 1_048_576;
  const catalog = { products: [{ slug: "big", name: "Big", price: { amount: 100, currency: "usd" }, files: [{ path: "big/big.bin", name: "big.bin" }] }] };
  const app = await startTestApp({ resendBaseUrl: sink.url, catalog, files: { "big/big.bin": Buffer.alloc(0) }, env: benchEnv });
  const file = path.join(app.dir, "storage", "big", "big.bin");
  // Real bytes on disk (not a sparse file), so both servers read the same blocks.
  const block = Buffer.alloc(1_048_576, 7);
  const fd = fs.openSync(file, "w");
  for (let written = 0; written < size; written += block.length) fs.writeSync(fd, block);
  fs.closeSync(fd);
  let nginx: Awaited<ReturnType<typeof startNginx>> = null;
  try {
    await postEvent(app.url, makeEvent(checkoutSession({ metadata: { product: "big" } })), { secret: app.webhookSecret });
    const deadline = Date.now() + 30_000;
    while (sink.emails.length < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const link = /href="([^"]*\/download\/[^"]+)"/.exec(sink.emails[0]!.html)![1]!;
    nginx = await startNginx(path.join(app.dir, "storage"));
    // warm the page cache for both, then alternate the two servers and keep each one's median round,
    // so a burst of other work on the machine lands on both rather than on one
    await timeDownload(link, null);
    const runs = { handoff: [] as Awaited<ReturnType<typeof timeDownload>>[], nginx: [] as Awaited<ReturnType<typeof timeDownload>>[] };
    for (let round = 0; round < downloadRounds; round++) {
      runs.handoff.push(await timeDownload(link, app.serverPid()));
      if (nginx) runs.nginx.push(await timeDownload(`${nginx.url}/big/big.bin`, null));
    }
    const median = (list: typeof runs.handoff) => [...list].sort((a, b) => a.mbPerSecond - b.mbPerSecond)[Math.floor(list.length / 2)]!;
    const handoff = median(runs.handoff);
    const reference = runs.nginx.length ? median(runs.nginx) : null;
    if (reference && reference.bytes !== size) throw new Error(`nginx answered ${reference.status} with ${reference.bytes} bytes; see ${nginx!.url}`);
    return {
      fileMb: downloadMb,
      handoff: { mbPerSecond: handoff.mbPerSecond, rssGrowthMb: Math.max(...runs.handoff.map((run) => run.rssGrowthMb)), bytesOk: handoff.bytes === size },
      nginx: reference ? { mbPerSecond: reference.mbPerSecond } : "not installed (apt-get install nginx)",
      ratioToNginx: reference ? Math.round((handoff.mbPerSecond / reference.mbPerSecond) * 100) / 100 : null,
      rounds: { handoff: runs.handoff.map((run) => run.mbPerSecond), nginx: runs.nginx.map((run) => run.mbPerSecond) },
    };
  } finally {
    nginx?.stop();
    await app.stop();
    await sink.close();
    fs.rmSync(file, { force: true });
  }
}

/** PostgreSQL with one instance, then two on the same database, and what the second one changes. */
async function scale() {
  if (!(await isPostgresReachable(postgresUrl))) return `PostgreSQL not reachable at ${postgresUrl} (scripts/ci/ensure-postgres.sh starts one)`;
  const one = await ingestRuns({ events, concurrency, env: benchEnv, postgresUrl }, runs);
  const two = await ingestRuns({ events, concurrency, env: benchEnv, postgresUrl, instances: 2 }, runs);
  const ratio = (a: number, b: number) => Math.round((b / a) * 100) / 100;
  return {
    postgresOneInstance: one,
    postgresTwoInstances: two,
    twoInstancesVersusOne: {
      eventsPerSecondAcked: ratio(one.eventsPerSecondAcked, two.eventsPerSecondAcked),
      paymentToEmailP99: ratio(one.paymentToEmailMs.p99, two.paymentToEmailMs.p99),
    },
  };
}

async function main() {
  ensureBuild();
  const result: Record<string, unknown> = { machine: { cores: os.cpus().length, node: process.version }, at: new Date().toISOString() };
  const ingest = only === "all" || only === "ingest" ? await ingestRuns({ events, concurrency, env: benchEnv }, runs) : null;
  if (ingest) {
    result.ingest = ingest;
    result.ingestAtSteadyRate = await ingestRuns({ events, concurrency, ratePerSecond: rate, env: benchEnv }, runs);
  }
  if (ingest || only === "floor") {
    const floor = await emptyRouteFloor({ events, concurrency, runs });
    const intake = await intakeOnly({ events, concurrency, runs });
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    result.emptyRouteFloor = { ...floor, ...(ingest ? { webhookAckP99VersusFloor: ratio(ingest.ackMs.p99, floor.ackMs.p99) } : {}) };
    result.intakeOnly = { ...intake, ackP99VersusFloor: ratio(intake.ackMs.p99, floor.ackMs.p99), eventsPerSecondVersusFloor: ratio(intake.eventsPerSecond, floor.eventsPerSecond) };
  }
  if (only === "all" || only === "scale") result.scale = await scale();
  if (only === "all" || only === "spike") result.launchSpike = await spike();
  if (only === "all" || only === "download") result.download = await download();
  console.log(JSON.stringify(result, null, 2));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
