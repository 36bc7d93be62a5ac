// Decides whether a download request costs one of the entitlement's downloads, and takes it atomically.
import "server-only";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";

export type CountDownloadOptions = { entitlementId: string; filePath: string; downloadLimit: number | null; startsAtFirstByte: boolean; now?: Date };
export type CountResult = { allowed: true; counted: boolean } | { allowed: false; reason: "limit_reached" } | { allowed: false; reason: "revoked"; revokedReason: string | null };

/**
 * What counts: every GET that starts a file at its first byte. A Range request that continues a file
 * (starts past byte 0) within DOWNLOAD_RESUME_WINDOW_MINUTES of a counted download of the same file
 * under the same entitlement is free, so resuming costs nothing. HEAD never reaches here.
 * The take is one conditional UPDATE (used < limit, not revoked): the count can never pass the limit.
 */
export async function countDownload({ entitlementId, filePath, downloadLimit, startsAtFirstByte, now = new Date() }: CountDownloadOptions): Promise<CountResult> {
  if (!startsAtFirstByte) {
    const windowStart = new Date(now.getTime() - getEnv().DOWNLOAD_RESUME_WINDOW_MINUTES * 60_000);
    const recent = await db.downloadEvent.findFirst({ where: { entitlementId, filePath, counted: true, at: { gte: windowStart } }, select: { id: true } });
    if (recent) return { allowed: true, counted: false };
  }
  const taken = await db.entitlement.updateMany({
    where: { id: entitlementId, revokedAt: null, ...(downloadLimit === null ? {} : { downloadsUsed: { lt: downloadLimit } }) },
    data: { downloadsUsed: { increment: 1 } },
  });
  if (taken.count === 1) return { allowed: true, counted: true };
  const current = await db.entitlement.findUnique({ where: { id: entitlementId }, select: { revokedAt: true, revokedReason: true } });
  if (current?.revokedAt) return { allowed: false, reason: "revoked", revokedReason: current.revokedReason };
  return { allowed: false, reason: "limit_reached" };
}
