// An order's or a message's status as a coloured label, words first (colour is never the only signal).
const tones: Record<string, "ok" | "warn" | "bad" | ""> = {
  paid: "ok",
  sent: "ok",
  processed: "ok",
  awaiting_payment: "warn",
  pending: "warn",
  retrying: "warn",
  sending: "warn",
  waiting: "warn",
  disputed: "bad",
  refunded: "bad",
  failed: "bad",
  unfulfillable: "bad",
  revoked: "bad",
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return <span className={`admin-badge ${tones[status] ?? ""}`}>{label ?? status.replace(/_/g, " ")}</span>;
}
