// How many emails failed for good: the red number beside "Deliveries" in the dashboard's navigation.
import "server-only";
import { db } from "@/server/db";

export async function countFailedMessages(): Promise<number> {
  return db.outboxMessage.count({ where: { status: "failed" } });
}
