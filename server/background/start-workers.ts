// The long-lived loops of one app process: the event sweeper and the outbox, on a timer and on signal.
import "server-only";
import { getEnv } from "@/server/env";
import { ensureDbReady } from "@/server/db";
import { log } from "@/server/log";
import { getCatalog } from "@/server/catalog/get-catalog";
import { sweepStripeEvents } from "@/server/webhooks/process-stripe-event";
import { kickOutbox, onOutboxFinalFailure } from "@/server/outbox/drain-outbox";
import { onOrderChanged } from "@/server/fulfillment/order-events";
import { processWaitingEventsForOrders } from "@/server/webhooks/process-waiting-events";
import { alertDeliveryFailed } from "@/server/alerts/alert-delivery-failed";

const globalForWorkers = globalThis as unknown as { handoffWorkers?: NodeJS.Timeout };

/** Validates configuration (a bad catalog or environment stops the app) and starts the loops once. */
export async function startWorkers(): Promise<void> {
  const env = getEnv();
  getCatalog();
  await ensureDbReady();
  if (globalForWorkers.handoffWorkers) return;
  let sweeping = false;
  const tick = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      await sweepStripeEvents();
      kickOutbox();
    } catch (error) {
      log.error("worker_tick_failed", { error });
    } finally {
      sweeping = false;
    }
  };
  globalForWorkers.handoffWorkers = setInterval(tick, env.WORKER_INTERVAL_MS);
  globalForWorkers.handoffWorkers.unref();
  // Money events that waited for this order (a refund before its completion) apply at once; the
  // outbox goes after them, so a delivery email meets a refund already applied where it can.
  onOrderChanged((orderIds) => {
    void processWaitingEventsForOrders(orderIds)
      .catch((error) => log.error("waiting_events_failed", { orderIds, error }))
      .finally(() => kickOutbox());
  });
  onOutboxFinalFailure((message) => {
    void alertDeliveryFailed(message)
      .then(() => kickOutbox())
      .catch((error) => log.error("seller_alert_failed", { messageId: message.id, error }));
  });
  void tick();
  log.info("workers_started", { intervalMs: env.WORKER_INTERVAL_MS, demo: env.isDemo, localMail: env.isLocalMail, database: env.DATABASE_URL.split(":")[0] });
}

/** A bad catalog or environment stops the app with the message that names the field. */
export async function startWorkersOrExit(): Promise<void> {
  try {
    await startWorkers();
  } catch (error) {
    console.error(`\nHandoff cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
