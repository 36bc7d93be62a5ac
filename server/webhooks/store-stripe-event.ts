// Stores verified events with group commit: requests that arrive together share one INSERT, so a
// burst of webhooks costs one write per batch instead of one per event.
import "server-only";
import { db, isUniqueViolation } from "@/server/db";
import type { Prisma } from "@/server/generated/sqlite/client";

type Pending = { data: Prisma.StripeEventCreateManyInput; resolve: (outcome: "stored" | "duplicate") => void; reject: (error: unknown) => void };

const globalForStore = globalThis as unknown as { handoffEventStore?: { queue: Pending[]; isFlushing: boolean } };
const state = (globalForStore.handoffEventStore ??= { queue: [], isFlushing: false });

async function storeOne(item: Pending): Promise<void> {
  try {
    await db.stripeEvent.create({ data: item.data, select: { id: true } });
    item.resolve("stored");
  } catch (error) {
    if (!isUniqueViolation(error)) return item.reject(error);
    await db.stripeEvent.updateMany({ where: { id: item.data.id }, data: { duplicates: { increment: 1 } } }).then(
      () => item.resolve("duplicate"),
      (failure) => item.reject(failure),
    );
  }
}

async function flush(): Promise<void> {
  state.isFlushing = true;
  try {
    while (state.queue.length) {
      const batch = state.queue.splice(0, 500);
      if (batch.length === 1) {
        await storeOne(batch[0]!);
        continue;
      }
      try {
        await db.stripeEvent.createMany({ data: batch.map((item) => item.data) });
        for (const item of batch) item.resolve("stored");
      } catch (error) {
        // A repeat in the batch (or of a stored event) refuses the whole insert: settle one by one.
        if (!isUniqueViolation(error)) {
          for (const item of batch) item.reject(error);
          continue;
        }
        for (const item of batch) await storeOne(item);
      }
    }
  } finally {
    state.isFlushing = false;
  }
}

/**
 * Resolves once the event is durably stored ("stored"), or was already ("duplicate": its counter
 * is raised). The caller answers Stripe only after this, so a 2xx always means the event is kept.
 */
export function storeStripeEvent(data: Prisma.StripeEventCreateManyInput): Promise<"stored" | "duplicate"> {
  return new Promise((resolve, reject) => {
    state.queue.push({ data, resolve, reject });
    // Requests that arrive while a write is running wait for the next one and share it.
    if (!state.isFlushing) void flush();
  });
}
