// The order's state machine: the one table that decides what every money event does to every order status.
export const orderStatuses = ["awaiting_payment", "paid", "failed", "refunded", "disputed", "unfulfillable"] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** What can happen to an order's money, whichever Stripe event (or reconciliation) tells us. */
export const orderEvents = [
  "payment_succeeded", // checkout.session.completed (paid), async_payment_succeeded, the thanks page, reconcile
  "payment_failed", // checkout.session.async_payment_failed
  "refunded_in_full", // charge.refunded with amount_refunded = amount
  "refunded_in_part", // charge.refunded with less than the amount
  "dispute_opened", // charge.dispute.created
  "dispute_won", // charge.dispute.closed: won (or an inquiry closed without a chargeback)
  "dispute_lost", // charge.dispute.closed: lost
] as const;
export type OrderEvent = (typeof orderEvents)[number];

/**
 * A decision: the status to move to (the same status means "stay, and apply the event's effects",
 * e.g. record a partial refund), "wait" (keep the event and apply it once the order is paid), or
 * "ignore" (the event changes nothing any more; it is marked processed).
 */
export type Decision = OrderStatus | "wait" | "ignore";

/*
 *                         payment_succeeded
 *   awaiting_payment ───────────────────────────▶ paid ◀──────────── dispute_won ──────┐
 *     │        ▲ (money events wait here)          │  │ refunded_in_part: stays paid    │
 *     │        │                                   │  │ (revokes products that say so)  │
 *  payment_failed                       refunded_in_full  dispute_opened / dispute_lost │
 *     ▼                                            ▼  ▼                                 │
 *   failed ──payment_succeeded──▶ paid          refunded ◀──refunded_in_full── disputed ┘
 *                                               (final)                  dispute_lost: stays disputed
 *
 * An order is born awaiting_payment, paid or unfulfillable (fulfillCheckoutSession creates it);
 * from then on only this table moves it. Rules the table holds, so events in any order and any number converge:
 * - A success is never undone by a failure; money reaching us always wins over "failed".
 * - Money events (refunds, disputes) on an order that is not paid yet wait for the payment: the
 *   charge they name proves the payment happened, and its own event is on its way.
 * - A refund in full is final: nothing after it gives access back.
 * - Only a dispute won moves a disputed order back to paid; a repeated success event cannot.
 * - A dispute closed before we saw it open: lost revokes as if it had opened; won keeps the order
 *   paid and is recorded, so the late "opened" of that same dispute suspends nothing.
 * - Orders we could not fulfil (no product we sell) never change.
 */
/** A final status: every event is ignored (its amounts may still be recorded by the caller's log). */
const final: Record<OrderEvent, Decision> = {
  payment_succeeded: "ignore",
  payment_failed: "ignore",
  refunded_in_full: "ignore",
  refunded_in_part: "ignore",
  dispute_opened: "ignore",
  dispute_won: "ignore",
  dispute_lost: "ignore",
};

const table: Record<OrderStatus, Record<OrderEvent, Decision>> = {
  awaiting_payment: {
    payment_succeeded: "paid",
    payment_failed: "failed",
    refunded_in_full: "wait",
    refunded_in_part: "wait",
    dispute_opened: "wait",
    dispute_won: "wait",
    dispute_lost: "wait",
  },
  failed: {
    payment_succeeded: "paid",
    payment_failed: "ignore",
    refunded_in_full: "wait",
    refunded_in_part: "wait",
    dispute_opened: "wait",
    dispute_won: "wait",
    dispute_lost: "wait",
  },
  paid: {
    payment_succeeded: "ignore",
    payment_failed: "ignore",
    refunded_in_full: "refunded",
    refunded_in_part: "paid",
    dispute_opened: "disputed",
    dispute_won: "paid",
    dispute_lost: "disputed",
  },
  disputed: {
    payment_succeeded: "ignore",
    payment_failed: "ignore",
    refunded_in_full: "refunded",
    refunded_in_part: "disputed",
    dispute_opened: "disputed",
    dispute_won: "paid",
    dispute_lost: "disputed",
  },
  refunded: final,
  unfulfillable: final,
};

/** What `event` does to an order in status `from`. The single place this is decided. */
export function decideTransition(from: OrderStatus, event: OrderEvent): Decision {
  return table[from][event];
}

export const closedDisputeStatuses = ["won", "lost", "warning_closed", "prevented"] as const;

export function isClosedDisputeStatus(status: string | null): boolean {
  return (closedDisputeStatuses as readonly string[]).includes(status ?? "");
}

export type DecideOptions = {
  status: OrderStatus;
  event: OrderEvent;
  /** The dispute the order knows (Order.stripeDisputeId / disputeStatus), if any. */
  knownDispute?: { id: string | null; status: string | null };
  /** The dispute the event is about, for dispute events. */
  disputeId?: string;
};

/**
 * The table, plus the memory of disputes that makes their events order-safe: the "opened" of a
 * dispute we already saw closed changes nothing (its closing arrived first), and the closing of a
 * dispute other than the order's current one changes nothing either.
 */
export function decide({ status, event, knownDispute, disputeId }: DecideOptions): { decision: Decision; reason: string | null } {
  if (disputeId && knownDispute?.id) {
    const isSame = knownDispute.id === disputeId;
    if (event === "dispute_opened" && isSame && isClosedDisputeStatus(knownDispute.status)) {
      return { decision: "ignore", reason: `dispute ${disputeId} already closed (${knownDispute.status})` };
    }
    if ((event === "dispute_won" || event === "dispute_lost") && !isSame) {
      return { decision: "ignore", reason: `the order's dispute is ${knownDispute.id}, not ${disputeId}` };
    }
  }
  return { decision: decideTransition(status, event), reason: null };
}

/** The statuses from which `event` applies (moves or stays): the guard of its conditional update. */
export function statusesAccepting(event: OrderEvent): OrderStatus[] {
  return orderStatuses.filter((from) => {
    const decision = decideTransition(from, event);
    return decision !== "wait" && decision !== "ignore";
  });
}

/** True when some event moves an order from `from` to a different status `to`. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return from !== to && orderEvents.some((event) => decideTransition(from, event) === to);
}

export function isOrderStatus(value: string): value is OrderStatus {
  return (orderStatuses as readonly string[]).includes(value);
}

/** Statuses from which a transition to `to` is allowed by some event. */
export function statusesLeadingTo(to: OrderStatus): OrderStatus[] {
  return orderStatuses.filter((from) => canTransition(from, to));
}
