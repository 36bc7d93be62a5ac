// The orders as a CSV file, streamed page by page so a large store exports without holding it all in memory.
import "server-only";
import { db } from "@/server/db";
import { toCsvRow } from "@/server/admin/to-csv";
import { orderSearchWhere } from "@/server/admin/search-orders";
import { recordAudit } from "@/server/admin/record-audit";
import { utcDayKey } from "@/server/admin/summarize-orders";

export type ExportOrdersCsvOptions = { actor: string; q: string; status: string; now?: Date };

const PAGE = 500;
const header = ["order_id", "created_at", "paid_at", "email", "status", "products", "amount", "amount_refunded", "currency", "stripe_checkout_session_id", "stripe_payment_intent_id", "downloads_used", "revoked"];

/** Minor units to a decimal string ("1900" → "19.00"); zero-decimal currencies such as JPY stay whole. */
export function toDecimalAmount(amount: number, currency: string): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
  return (amount / 10 ** digits).toFixed(digits);
}

/**
 * Exporting buyers' emails is itself recorded in the audit log. The file starts with a UTF-8 byte
 * order mark so spreadsheet apps read accented names right.
 */
export async function exportOrdersCsv({ actor, q, status, now = new Date() }: ExportOrdersCsvOptions): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const where = orderSearchWhere({ q, status });
  await db.$transaction((tx) => recordAudit({ tx, actor, action: "export_orders_csv", targetType: "orders", targetId: q || status ? "search" : "all", data: { q, status } }));
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${toCsvRow(header)}`));
        return;
      }
      const orders = await db.order.findMany({
        where,
        orderBy: { id: "asc" },
        take: PAGE,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        include: { entitlements: { select: { productName: true, downloadsUsed: true, revokedAt: true }, orderBy: { createdAt: "asc" } } },
      });
      if (orders.length === 0) return controller.close();
      cursor = orders.at(-1)!.id;
      const text = orders
        .map((order) =>
          toCsvRow([
            order.id,
            order.createdAt,
            order.paidAt,
            order.email,
            order.status,
            order.entitlements.map((entitlement) => entitlement.productName).join("; "),
            toDecimalAmount(order.amountTotal, order.currency),
            toDecimalAmount(order.amountRefunded, order.currency),
            order.currency.toUpperCase(),
            order.stripeCheckoutSessionId,
            order.stripePaymentIntentId,
            order.entitlements.reduce((sum, entitlement) => sum + entitlement.downloadsUsed, 0),
            order.entitlements.some((entitlement) => entitlement.revokedAt),
          ]),
        )
        .join("");
      controller.enqueue(encoder.encode(text));
    },
  });
  return { fileName: `orders-${utcDayKey(now)}.csv`, body };
}
