// Counters kept as one row each (signature failures and the like), for the dashboard.
import "server-only";
import { db } from "@/server/db";

export async function bumpMetric(key: string, by = 1): Promise<void> {
  await db.metric.upsert({ where: { key }, create: { key, value: by }, update: { value: { increment: by } } });
}
