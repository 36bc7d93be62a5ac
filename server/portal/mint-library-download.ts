// A Download button in the library: checks the purchase belongs to the signed-in buyer, then mints a fresh link.
import "server-only";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { buildDownloadLinks } from "@/server/delivery/build-download-links";
import { describeAccess } from "@/server/portal/describe-access";

export type MintLibraryDownloadOptions = { email: string; entitlementId: string; fileIndex: number };

/**
 * Ownership first: an entitlement of another address answers exactly like one that does not exist.
 * The link is minted with the same signer and lifetime as the email's links, and the download
 * route applies the limit again when it is used, so a stale page cannot pass it.
 */
export async function mintLibraryDownload({ email, entitlementId, fileIndex }: MintLibraryDownloadOptions): Promise<string> {
  const entitlement = await db.entitlement.findUnique({ where: { id: entitlementId }, include: { order: { select: { email: true, status: true } } } });
  if (!entitlement || entitlement.order.email !== email.toLowerCase()) {
    throw new AppError("not_found", "We can't find that purchase in your library. Reload the page and try again.");
  }
  const access = describeAccess({ ...entitlement, orderStatus: entitlement.order.status }, getEnv().SUPPORT_EMAIL);
  if (access.state !== "available") throw new AppError("forbidden", access.message);
  const { links } = await buildDownloadLinks(entitlement);
  const link = links[fileIndex];
  if (!link) throw new AppError("not_found", "That file is not part of this purchase. Reload the page and try again.");
  return link.url;
}
