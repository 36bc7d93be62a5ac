// The order's state machine: every status change goes through canTransition, so events in any order converge.
export const orderStatuses = ["awaiting_payment", "paid", "failed", "refunded", "disputed", "unfulfillable"] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/*
 *   awaiting_payment ──paid──▶ paid ──full refund──▶ refunded (final)
 *          │                   │ ▲
 *        failed              dispute│won
 *          │                   ▼ │
 *          └──(late success)▶ disputed ──lost──▶ disputed (access stays revoked)
 *
 * A completed event with payment_status unpaid never moves a paid order back; a failure never
 * overrides a success; a refund of a disputed order ends it as refunded.
 */
const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  awaiting_payment: ["paid", "failed"],
  failed: ["paid"],
  paid: ["refunded", "disputed"],
  disputed: ["paid", "refunded"],
  refunded: [],
  unfulfillable: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return transitions[from].includes(to);
}

export function isOrderStatus(value: string): value is OrderStatus {
  return (orderStatuses as readonly string[]).includes(value);
}

/** Statuses from which a transition to `to` is allowed: the guard of a conditional update. */
export function statusesLeadingTo(to: OrderStatus): OrderStatus[] {
  return orderStatuses.filter((from) => canTransition(from, to));
}
