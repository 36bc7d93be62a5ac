// What a buyer may do with one purchase right now, in words: the library and the download route agree on it.
import { describeDownloadsLeft } from "@/server/delivery/build-download-links";
export type AccessState = "available" | "pending" | "refunded" | "suspended" | "revoked" | "limit_reached";

export type AccessInput = {
  orderStatus: string;
  revokedAt: Date | null;
  revokedReason: string | null;
  downloadLimit: number | null;
  downloadsUsed: number;
  /** Order.disputeStatus: a lost dispute ends access rather than suspending it. */
  disputeStatus?: string | null;
};

export type Access = { state: AccessState; message: string };

/** Revocation and order status first (money decides), then the download limit. */
export function describeAccess(input: AccessInput, supportEmail: string): Access {
  const reason = input.revokedAt ? (input.revokedReason ?? "revoked") : input.orderStatus;
  if (reason === "refunded") return { state: "refunded", message: "Refunded: downloads ended when this order was refunded." };
  if (reason === "disputed" && input.disputeStatus === "lost") {
    return { state: "revoked", message: `Access ended: the bank reversed the payment after a dispute. Write to ${supportEmail} if you think this is a mistake.` };
  }
  if (reason === "disputed") {
    return { state: "suspended", message: `Access suspended while a payment dispute is open. Write to ${supportEmail} if you have questions.` };
  }
  if (input.revokedAt) return { state: "revoked", message: `Access to this purchase was removed. Write to ${supportEmail} if you have questions.` };
  if (input.orderStatus !== "paid") return { state: "pending", message: "Downloads open as soon as the payment is confirmed." };
  if (input.downloadLimit !== null && input.downloadsUsed >= input.downloadLimit) {
    return {
      state: "limit_reached",
      message: `Download limit reached: all ${input.downloadLimit} downloads have been used. Write to ${supportEmail} and we will help.`,
    };
  }
  return { state: "available", message: "" };
}

/** "3 of 5 downloads left", the words the email and the thanks page use; or "Unlimited downloads, 2 used so far". */
export function describeUsage({ downloadLimit, downloadsUsed }: Pick<AccessInput, "downloadLimit" | "downloadsUsed">): string {
  return describeDownloadsLeft({ downloadLimit, downloadsUsed }) ?? `Unlimited downloads, ${downloadsUsed} used so far`;
}

const statusWords: Record<string, string> = {
  paid: "Paid",
  refunded: "Refunded",
  disputed: "Access suspended",
  awaiting_payment: "Payment pending",
  failed: "Payment failed",
  unfulfillable: "Needs our attention",
};

/** The order's status as a buyer reads it. */
export function describeOrderStatus(status: string): string {
  return statusWords[status] ?? status;
}
