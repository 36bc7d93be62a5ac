// The words a buyer sees wherever access was taken away: the download page, the thanks page, the library.
export type LostAccess = { reason: "refunded" | "suspended" | "dispute_lost" | "revoked"; title: string; message: string };

const words: Record<string, LostAccess> = {
  refunded: {
    reason: "refunded",
    title: "This order was refunded",
    message: "Access to these files and license keys ended when the order was refunded. If you think this is a mistake, write to us.",
  },
  disputed: {
    reason: "suspended",
    title: "Access suspended",
    message: "A payment dispute was opened for this order, so its downloads and license keys are paused until the dispute is settled. If it is settled in the store's favour, access comes back by itself.",
  },
};

const disputeLost: LostAccess = {
  reason: "dispute_lost",
  title: "Access ended",
  message: "The bank reversed the payment for this order after a dispute, so its downloads and license keys are off. If you think this is a mistake, write to us.",
};

/**
 * By Entitlement.revokedReason (or an order status of the same name); anything else reads as
 * removed. A dispute's words depend on where it stands: suspended while open, ended once lost.
 */
export function describeLostAccess(reason: string | null, disputeStatus?: string | null): LostAccess {
  if (reason === "disputed" && disputeStatus === "lost") return disputeLost;
  return (
    words[reason ?? ""] ?? {
      reason: "revoked",
      title: "Access to this purchase was removed",
      // The seller's own note ("admin: ...", from the dashboard) stays internal.
      message: reason && reason !== "admin" && !reason.startsWith("admin:") ? `Reason: ${reason}. Write to us if you have questions.` : "The store removed access to this purchase. Write to us if you have questions.",
    }
  );
}

export function hasLostAccessWords(reason: string): boolean {
  return Object.hasOwn(words, reason);
}
