// The order an admin action works on, refused in words when there is none or it is not paid.
import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";

const notPaidWords: Record<string, string> = {
  awaiting_payment: "its payment has not completed yet",
  failed: "its payment failed",
  refunded: "it was refunded",
  disputed: "a payment dispute is open on it",
  unfulfillable: "it holds no product from the catalog",
};

/** Links only open for a paid order, so actions that hand out links refuse any other. */
export async function getOrderForActionOrThrow(orderId: string) {
  const order = await db.order.findUnique({ where: { id: orderId }, include: { entitlements: { orderBy: { createdAt: "asc" } } } });
  if (!order) throw new AppError("not_found", "No order has this id. Search for it by the buyer's email.");
  if (order.status !== "paid") {
    throw new AppError("conflict", `This order is ${order.status.replace(/_/g, " ")}: ${notPaidWords[order.status] ?? "it is not paid"}, so its links would not open. Nothing was sent.`);
  }
  return order;
}
