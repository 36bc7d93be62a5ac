// Stores verified events with group commit: requests that arrive together share one INSERT, so a
// burst of webhooks costs one write per batch instead of one per event.
import "server-only";
import { db } from "@/server/db";
import { insertRows } from "@/server/database/insert-rows";

export type StoredEventInput = {
  id: string;
  type: string;
  payload: string;
  objectId: string | null;
  paymentIntentId: string | null;
  receivedAt: Date;
  status: string;
  attempts: number;
  leaseUntil: Date | null;
  processedAt: Date | null;
};

type Outcome = "stored" | "duplicate";
type Pending = { data: StoredEventInput; resolve: (outcome: Outcome) => void; reject: (error: unknown) => void };

const globalForStore = globalThis as unknown as { handoffEventStore?: { queue: Pending[]; isScheduled: boolean } };
const state = (globalForStore.handoffEventStore ??= { queue: [], isScheduled: false });

/**
 * One statement for the batch: a row whose id is already stored (or repeats within the batch) is
 * skipped by ON CONFLICT, and RETURNING names the ids this statement stored.
 */
async function insertBatch(batch: Pending[]): Promise<Set<string>> {
  const rows = batch.map(({ data }) => ({ ...data, error: null, duplicates: 0, nextAttemptAt: data.receivedAt }));
  const stored = await insertRows<{ id: string }>(db, "StripeEvent", rows, { skipConflictsOn: "id", returning: "id" });
  return new Set(stored.map((row) => row.id));
}

async function flush(): Promise<void> {
  state.isScheduled = false;
  const batch = state.queue.splice(0, 500);
  if (state.queue.length) schedule();
  if (!batch.length) return;
  let stored: Set<string>;
  try {
    stored = await insertBatch(batch);
  } catch (error) {
    for (const item of batch) item.reject(error);
    return;
  }
  const repeats = new Map<string, number>();
  for (const item of batch) {
    // The first item of a stored id is the one stored; any other is a repeat delivery.
    if (stored.delete(item.data.id)) item.resolve("stored");
    else repeats.set(item.data.id, (repeats.get(item.data.id) ?? 0) + 1);
  }
  try {
    for (const [id, count] of repeats) await db.stripeEvent.updateMany({ where: { id }, data: { duplicates: { increment: count } } });
    for (const item of batch) if (repeats.has(item.data.id)) item.resolve("duplicate");
  } catch (error) {
    for (const item of batch) if (repeats.has(item.data.id)) item.reject(error);
  }
}

function schedule(): void {
  if (state.isScheduled) return;
  state.isScheduled = true;
  // Requests that reach this point in the same turn of the event loop share the next write.
  setImmediate(() => void flush());
}

/**
 * Resolves once the event is durably stored ("stored"), or was already ("duplicate": its counter
 * is raised). The caller answers Stripe only after this, so a 2xx always means the event is kept.
 */
export function storeStripeEvent(data: StoredEventInput): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    state.queue.push({ data, resolve, reject });
    schedule();
  });
}
