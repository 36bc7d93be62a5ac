// The entitlement (one product of one order) an admin action works on, or a refusal in words.
import "server-only";
import type { Tx } from "@/server/db";
import { AppError } from "@/server/errors";

export async function getEntitlementOrThrow(tx: Tx, entitlementId: string) {
  const entitlement = await tx.entitlement.findUnique({ where: { id: entitlementId }, include: { order: { select: { id: true, email: true, status: true } } } });
  if (!entitlement) throw new AppError("not_found", "No purchase has this id. Open the order from the search and try again.");
  return entitlement;
}
