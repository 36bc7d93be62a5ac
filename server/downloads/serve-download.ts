// GET/HEAD /download/{token}: verify, check the entitlement, count atomically, log, then stream or redirect.
import "server-only";
import { db } from "@/server/db";
import { getEnv } from "@/server/env";
import { log } from "@/server/log";
import { verifyDownloadToken } from "@/server/downloads/download-token";
import { parseEntitlementFiles } from "@/server/delivery/build-download-links";
import { contentDisposition, contentTypeFor, parseRange } from "@/server/downloads/http-headers";
import { refusalPage } from "@/server/http/refusal-page";
import { getStorage } from "@/server/storage/get-storage";
import { countDownload } from "@/server/downloads/count-download";
import { describeLostAccess, hasLostAccessWords } from "@/server/delivery/describe-lost-access";

export type ServeDownloadOptions = { token: string; method: "GET" | "HEAD"; rangeHeader: string | null; ip: string | null; userAgent: string | null };

const PRESIGNED_URL_SECONDS = 5 * 60;

type Refusal = { status: number; reason: string; title: string; message: string };

function portalAction() {
  return { href: `${getEnv().APP_URL}/portal`, label: "Get fresh links in your library" };
}

async function logAccess(data: { entitlementId: string | null; filePath: string; method: string; range: string | null; bytes: number; outcome: string; counted: boolean; ip: string | null; userAgent: string | null }) {
  await db.downloadEvent.create({ data: { ...data, bytes: BigInt(data.bytes), userAgent: data.userAgent?.slice(0, 400) ?? null } });
}

function refuse(refusal: Refusal, context: Record<string, unknown>, action = portalAction()): Response {
  log.info("download_refused", { reason: refusal.reason, ...context });
  return refusalPage({ status: refusal.status, title: refusal.title, message: refusal.message, action });
}

/** Fresh links cannot help once the downloads are used up: the way forward is a person, so say how to reach one. */
function refuseLimitReached(downloadLimit: number, orderId: string, entitlementId: string): Response {
  const support = getEnv().SUPPORT_EMAIL;
  const subject = encodeURIComponent(`Download limit reached (order ${orderId})`);
  const plural = downloadLimit === 1 ? "download" : "downloads";
  return refuse(
    {
      status: 403,
      reason: "limit_reached",
      title: "Download limit reached",
      message: `This purchase allows ${downloadLimit} ${plural} and all of them have been used, so this link cannot start another one (0 of ${downloadLimit} ${plural} left). If you need the files again, write to ${support} with your order number, ${orderId}, and we will help.`,
    },
    { entitlementId },
    { href: `mailto:${support}?subject=${subject}`, label: `Email ${support}` },
  );
}

function lostAccess(reason: string | null, disputeStatus: string | null): Refusal {
  return { status: 403, ...describeLostAccess(reason, disputeStatus) };
}

/**
 * No file bytes leave without a valid, unexpired token for a paid, unrevoked entitlement under its
 * limit; the limit is taken by one conditional update, so it holds under concurrent requests.
 */
export async function serveDownload({ token, method, rangeHeader, ip, userAgent }: ServeDownloadOptions): Promise<Response> {
  const verified = await verifyDownloadToken(token);
  if (!verified.ok) {
    if (verified.reason === "expired") {
      return refuse({ status: 410, reason: "expired", title: "This download link has expired", message: "Links last a limited time so they cannot be passed around forever. Your purchase is safe: sign in to your library with your email to get a fresh link." }, { entitlementId: verified.entitlementId });
    }
    return refuse({ status: 403, reason: verified.reason, title: "This download link is not valid", message: "The link is incomplete or was changed. Copy the whole link from your email, or get a fresh one from your library." }, {});
  }
  const { entitlementId, fileIndex } = verified.claims;
  const entitlement = await db.entitlement.findUnique({ where: { id: entitlementId }, include: { order: { select: { id: true, status: true, disputeStatus: true } } } });
  const file = entitlement ? parseEntitlementFiles(entitlement.files)[fileIndex] : undefined;
  if (!entitlement || !file) {
    return refuse({ status: 404, reason: "unknown", title: "We can't find this download", message: "This link does not match a purchase. Get a fresh link from your library, or write to us." }, { entitlementId });
  }
  const base = { entitlementId, filePath: file.path, method, range: rangeHeader, ip, userAgent };
  const disputeStatus = entitlement.order.disputeStatus;
  const revoked = entitlement.revokedAt ? lostAccess(entitlement.revokedReason, disputeStatus) : null;
  const orderStatus = entitlement.order.status;
  const orderBlock = orderStatus === "paid" ? null : hasLostAccessWords(orderStatus) ? lostAccess(orderStatus, disputeStatus) : { status: 403, reason: "unpaid", title: "This order is not paid", message: "Downloads open once the payment is complete." };
  const block = revoked ?? orderBlock;
  if (block) {
    await logAccess({ ...base, bytes: 0, outcome: `refused:${block.reason}`, counted: false });
    return refuse(block, { entitlementId, orderId: entitlement.order.id });
  }

  const storage = getStorage();
  const stored = await storage.stat(file.path);
  if (!stored) {
    log.error("download_file_missing", { entitlementId, path: file.path });
    await logAccess({ ...base, bytes: 0, outcome: "refused:missing_file", counted: false });
    return refuse({ status: 404, reason: "missing_file", title: "This file is temporarily unavailable", message: "We could not find the file on our side. We have been told; please write to us and we will send it." }, { entitlementId });
  }
  const size = stored.size;
  const range = method === "GET" ? parseRange(rangeHeader, size) : { kind: "none" as const };
  const common: Record<string, string> = {
    "Content-Type": contentTypeFor(file.name),
    "Content-Disposition": contentDisposition(file.name),
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, no-store, no-transform",
    "X-Content-Type-Options": "nosniff",
  };
  if (stored.etag) common.ETag = stored.etag;
  if (stored.modifiedAt) common["Last-Modified"] = stored.modifiedAt.toUTCString();

  if (range.kind === "unsatisfiable") {
    await logAccess({ ...base, bytes: 0, outcome: "refused:range", counted: false });
    return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${size}`, "Cache-Control": "no-store" } });
  }
  if (method === "HEAD") {
    await logAccess({ ...base, bytes: 0, outcome: "head", counted: false });
    return new Response(null, { status: 200, headers: { ...common, "Content-Length": String(size), "X-Handoff-Content-Length": String(size) } });
  }

  const start = range.kind === "range" ? range.start : 0;
  const counted = await countDownload({ entitlementId, filePath: file.path, downloadLimit: entitlement.downloadLimit, startsAtFirstByte: start === 0 });
  if (!counted.allowed) {
    await logAccess({ ...base, bytes: 0, outcome: `refused:${counted.reason}`, counted: false });
    if (counted.reason === "revoked") return refuse(lostAccess(counted.revokedReason, disputeStatus), { entitlementId, orderId: entitlement.order.id });
    return refuseLimitReached(entitlement.downloadLimit ?? 0, entitlement.order.id, entitlementId);
  }

  if (storage.presignDownload) {
    // Minutes are enough to start the download; a resume after that comes back here for a fresh URL.
    const url = await storage.presignDownload({ path: file.path, contentDisposition: common["Content-Disposition"]!, contentType: common["Content-Type"]!, expiresInSeconds: PRESIGNED_URL_SECONDS });
    await logAccess({ ...base, bytes: size, outcome: "redirect", counted: counted.counted });
    log.info("download_served", { entitlementId, orderId: entitlement.order.id, file: file.path, outcome: "redirect", counted: counted.counted });
    return new Response(null, { status: 302, headers: { Location: url, "Cache-Control": "no-store" } });
  }
  const end = range.kind === "range" ? range.end : size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  const outcome = range.kind === "range" ? "partial" : "served";
  await logAccess({ ...base, bytes: length, outcome, counted: counted.counted });
  log.info("download_served", { entitlementId, orderId: entitlement.order.id, file: file.path, outcome, bytes: length, counted: counted.counted });
  const body = size === 0 ? null : storage.openStream(file.path, { start, end });
  // Next drops Content-Length from route responses; scripts/server.mjs restores it from this header.
  const headers: Record<string, string> = { ...common, "Content-Length": String(length), "X-Handoff-Content-Length": String(length) };
  if (range.kind === "range") headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
  return new Response(body, { status: range.kind === "range" ? 206 : 200, headers });
}
