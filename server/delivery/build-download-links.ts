// Fresh signed links for every file of an entitlement, with the words that go beside them.
import "server-only";
import { getEnv } from "@/server/env";
import { signDownloadToken } from "@/server/downloads/download-token";
import type { CatalogFile } from "@/server/catalog/schemas";

export type EntitlementForLinks = {
  id: string;
  files: string;
  linkTtlHours: number;
  downloadLimit: number | null;
  downloadsUsed: number;
};

export type DownloadLink = { name: string; url: string };

export function parseEntitlementFiles(files: string): CatalogFile[] {
  return JSON.parse(files) as CatalogFile[];
}

/** "3 of 5 downloads left", or null when the product is unlimited. */
export function describeDownloadsLeft(entitlement: Pick<EntitlementForLinks, "downloadLimit" | "downloadsUsed">): string | null {
  if (entitlement.downloadLimit === null) return null;
  const left = Math.max(0, entitlement.downloadLimit - entitlement.downloadsUsed);
  return `${left} of ${entitlement.downloadLimit} download${entitlement.downloadLimit === 1 ? "" : "s"} left`;
}

/** Links valid for the product's linkTtlHours from `issuedAt`; the same inputs give the same links. */
export async function buildDownloadLinks(entitlement: EntitlementForLinks, issuedAt = new Date()) {
  const expiresAt = new Date(issuedAt.getTime() + entitlement.linkTtlHours * 3_600_000);
  const appUrl = getEnv().APP_URL;
  const links: DownloadLink[] = await Promise.all(
    parseEntitlementFiles(entitlement.files).map(async (file, fileIndex) => ({
      name: file.name,
      url: `${appUrl}/download/${await signDownloadToken({ entitlementId: entitlement.id, fileIndex, expiresAt, issuedAt })}`,
    })),
  );
  return { links, expiresAt };
}

// Made once: building an Intl formatter costs far more than formatting with one.
const expiryFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone: "UTC" });

export function formatExpiry(date: Date): string {
  return expiryFormat.format(date) + " UTC";
}
