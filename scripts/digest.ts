// `npm run digest [-- --day YYYY-MM-DD]`: queue the daily digest (yesterday by default); the running app sends it.
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import { sendDailyDigest } from "@/server/admin/send-daily-digest";
import { digestSchema } from "@/server/admin/schemas";
import { getOutboxStatuses } from "@/server/outbox/get-outbox-statuses";
import { db } from "@/server/db";

// .env files, as Next loads them, so the script sees the server's DATABASE_URL and mail settings.
loadEnvConfig(process.cwd());

const WAIT_MS = 10_000;

// Sending is left to the app's outbox worker (one sender, one rate limit, one lease); the script
// only waits a little to say whether it went.
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { day: { type: "string" } } });
  const parsed = digestSchema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
  const result = await sendDailyDigest({ day: parsed.data.day });
  console.log(JSON.stringify(result.figures, null, 2));
  const ids = result.messages.map((message) => message.id);
  const deadline = Date.now() + WAIT_MS;
  let statuses = await getOutboxStatuses(ids);
  while (statuses.some((message) => message.status !== "sent") && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    statuses = await getOutboxStatuses(ids);
  }
  for (const message of statuses) {
    const state = message.status === "sent" ? "sent" : `queued (${message.status}${message.lastError ? `: ${message.lastError}` : ""}); the app sends it on its next pass. Is it running?`;
    console.log(`Digest for ${result.day} to ${message.to}: ${state}`);
  }
}

main()
  .catch((error: Error) => {
    console.error(`The digest was not queued: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
