// What the thanks page shows: links at once when the session is paid (same idempotent fulfillment).
import "server-only";
import { db } from "@/server/db";
import { retrieveCheckoutSession } from "@/server/checkout/retrieve-checkout-session";
import { buyerEmail, fulfillCheckoutSession, isSessionPaid } from "@/server/fulfillment/fulfill-checkout-session";
import { buildDownloadLinks, describeDownloadsLeft, formatExpiry, type DownloadLink } from "@/server/delivery/build-download-links";
import { sessionIdSchema } from "@/server/checkout/schemas";
import { describeLostAccess, type LostAccess } from "@/server/delivery/describe-lost-access";

export type ThanksProduct = { name: string; links: DownloadLink[]; downloadsLeft: string | null; licenseKey: string | null; revoked: LostAccess | null };

export type ThanksView =
  | { state: "invalid" }
  | { state: "unknown" }
  | { state: "pending"; email: string | null }
  | { state: "failed"; email: string | null }
  | { state: "paid"; email: string; orderId: string; products: ThanksProduct[]; expiresAtText: string; orderStatus: string };

export async function getThanksView(sessionId: string | undefined): Promise<ThanksView> {
  const parsed = sessionIdSchema.safeParse(sessionId);
  if (!parsed.success) return { state: "invalid" };
  const session = await retrieveCheckoutSession(parsed.data);
  if (!session) return { state: "unknown" };
  const email = buyerEmail(session);
  if (isSessionPaid(session)) await fulfillCheckoutSession({ session, source: "thanks" });
  const order = await db.order.findUnique({
    where: { stripeCheckoutSessionId: session.id },
    include: { entitlements: { include: { licenseKey: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!order || order.status === "awaiting_payment") return { state: "pending", email };
  if (order.status === "failed") return { state: "failed", email };
  if (order.status === "unfulfillable") return { state: "unknown" };
  let expiresAt = new Date();
  const products: ThanksProduct[] = [];
  for (const entitlement of order.entitlements) {
    const revoked = entitlement.revokedAt ? describeLostAccess(entitlement.revokedReason, order.disputeStatus) : null;
    const built = revoked ? { links: [], expiresAt } : await buildDownloadLinks(entitlement);
    expiresAt = built.expiresAt;
    products.push({ name: entitlement.productName, links: built.links, downloadsLeft: describeDownloadsLeft(entitlement), licenseKey: entitlement.licenseKey?.key ?? null, revoked });
  }
  return { state: "paid", email: order.email, orderId: order.id, products, expiresAtText: formatExpiry(expiresAt), orderStatus: order.status };
}
