// `npm run reconcile -- --since 72h`: fulfils paid Checkout Sessions that have no order and applies missed refunds.
// Thin: reads the same .env files as the server, then calls server/reconcile. Exit code 1 when an item failed.
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";

async function main(): Promise<number> {
  loadEnvConfig(process.cwd());
  const { values } = parseArgs({ options: { since: { type: "string", default: "72h" }, json: { type: "boolean", default: false } } });
  // Imported after the environment is loaded: server/env.ts reads it once.
  const { parseSince } = await import("@/server/reconcile/schemas");
  const { reconcileWithStripe, formatReconcileReport } = await import("@/server/reconcile/reconcile-with-stripe");
  const { db } = await import("@/server/db");
  try {
    const report = await reconcileWithStripe({ since: parseSince(values.since!) });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReconcileReport(report));
    return report.failed.length ? 1 : 0;
  } catch (error) {
    console.error(`Reconcile stopped: ${(error as Error).message}`);
    return 2;
  } finally {
    await db.$disconnect();
  }
}

main().then((code) => process.exit(code));
