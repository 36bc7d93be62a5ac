// Finds orders by what a buyer or Stripe gives the seller: an email, an order id, a session or payment intent.
import "server-only";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/sqlite/client";
import type { SearchOrdersInput } from "@/server/admin/schemas";

export const ORDERS_PAGE_SIZE = 50;

export type OrderRow = {
  id: string;
  email: string;
  status: string;
  amountTotal: number;
  amountRefunded: number;
  currency: string;
  createdAt: Date;
  paidAt: Date | null;
  stripeCheckoutSessionId: string;
  stripePaymentIntentId: string | null;
  products: string[];
};

/**
 * Exact ids match exactly; anything else matches part of the email (lower-cased, as stored), so
 * "gmail" or half an address finds the buyer. Newest first.
 */
export function orderSearchWhere({ q, status }: Pick<SearchOrdersInput, "q" | "status">): Prisma.OrderWhereInput {
  const and: Prisma.OrderWhereInput[] = [];
  if (status) and.push({ status });
  if (q) {
    const term = q.trim();
    and.push({
      OR: [
        { id: term },
        { stripeCheckoutSessionId: term },
        { stripePaymentIntentId: term },
        { stripeChargeId: term },
        { email: { contains: term.toLowerCase() } },
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

export async function searchOrders({ q, status, page }: SearchOrdersInput): Promise<{ orders: OrderRow[]; total: number; page: number; pageCount: number }> {
  const where = orderSearchWhere({ q, status });
  const [rows, total] = await Promise.all([
    db.order.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * ORDERS_PAGE_SIZE,
      take: ORDERS_PAGE_SIZE,
      include: { entitlements: { select: { productName: true }, orderBy: { createdAt: "asc" } } },
    }),
    db.order.count({ where }),
  ]);
  return {
    orders: rows.map(({ entitlements, ...order }) => ({
      id: order.id,
      email: order.email,
      status: order.status,
      amountTotal: order.amountTotal,
      amountRefunded: order.amountRefunded,
      currency: order.currency,
      createdAt: order.createdAt,
      paidAt: order.paidAt,
      stripeCheckoutSessionId: order.stripeCheckoutSessionId,
      stripePaymentIntentId: order.stripePaymentIntentId,
      products: entitlements.map((entitlement) => entitlement.productName),
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE)),
  };
}
