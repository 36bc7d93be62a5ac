// Every cell of the order state machine, written out again here, and the convergence it promises.
import { describe, expect, it } from "vitest";
import {
  canTransition,
  decide,
  decideTransition,
  orderEvents,
  orderStatuses,
  statusesAccepting,
  statusesLeadingTo,
  type Decision,
  type OrderEvent,
  type OrderStatus,
} from "@/server/fulfillment/order-status";

// [from, event, expected]: all 6 × 7 cells, so a change to the table must change this list too.
const cells: Array<[OrderStatus, OrderEvent, Decision]> = [
  ["awaiting_payment", "payment_succeeded", "paid"],
  ["awaiting_payment", "payment_failed", "failed"],
  ["awaiting_payment", "refunded_in_full", "wait"],
  ["awaiting_payment", "refunded_in_part", "wait"],
  ["awaiting_payment", "dispute_opened", "wait"],
  ["awaiting_payment", "dispute_won", "wait"],
  ["awaiting_payment", "dispute_lost", "wait"],
  ["failed", "payment_succeeded", "paid"],
  ["failed", "payment_failed", "ignore"],
  ["failed", "refunded_in_full", "wait"],
  ["failed", "refunded_in_part", "wait"],
  ["failed", "dispute_opened", "wait"],
  ["failed", "dispute_won", "wait"],
  ["failed", "dispute_lost", "wait"],
  ["paid", "payment_succeeded", "ignore"],
  ["paid", "payment_failed", "ignore"],
  ["paid", "refunded_in_full", "refunded"],
  ["paid", "refunded_in_part", "paid"],
  ["paid", "dispute_opened", "disputed"],
  ["paid", "dispute_won", "paid"],
  ["paid", "dispute_lost", "disputed"],
  ["disputed", "payment_succeeded", "ignore"],
  ["disputed", "payment_failed", "ignore"],
  ["disputed", "refunded_in_full", "refunded"],
  ["disputed", "refunded_in_part", "disputed"],
  ["disputed", "dispute_opened", "disputed"],
  ["disputed", "dispute_won", "paid"],
  ["disputed", "dispute_lost", "disputed"],
  ...orderEvents.map((event): [OrderStatus, OrderEvent, Decision] => ["refunded", event, "ignore"]),
  ...orderEvents.map((event): [OrderStatus, OrderEvent, Decision] => ["unfulfillable", event, "ignore"]),
];

describe("order state machine", () => {
  it("lists every status × event cell exactly once", () => {
    expect(cells).toHaveLength(orderStatuses.length * orderEvents.length);
    expect(new Set(cells.map(([from, event]) => `${from}:${event}`)).size).toBe(cells.length);
  });

  it.each(cells)("%s + %s → %s", (from, event, expected) => {
    expect(decideTransition(from, event)).toBe(expected);
  });

  it("guards each event's conditional update with exactly the statuses that accept it", () => {
    expect(statusesAccepting("payment_succeeded")).toEqual(["awaiting_payment", "failed"]);
    expect(statusesAccepting("payment_failed")).toEqual(["awaiting_payment"]);
    expect(statusesAccepting("refunded_in_full")).toEqual(["paid", "disputed"]);
    expect(statusesAccepting("dispute_opened")).toEqual(["paid", "disputed"]);
    expect(statusesAccepting("dispute_won")).toEqual(["paid", "disputed"]);
  });

  it("keeps refunded and unfulfillable final, and only a dispute won leads from disputed back to paid", () => {
    for (const to of orderStatuses) {
      expect(canTransition("refunded", to)).toBe(false);
      expect(canTransition("unfulfillable", to)).toBe(false);
    }
    expect(statusesLeadingTo("paid")).toEqual(["awaiting_payment", "failed", "disputed"]);
    expect(orderEvents.filter((event) => decideTransition("disputed", event) === "paid")).toEqual(["dispute_won"]);
    expect(statusesLeadingTo("refunded")).toEqual(["paid", "disputed"]);
    expect(statusesLeadingTo("failed")).toEqual(["awaiting_payment"]);
    expect(canTransition("paid", "failed")).toBe(false);
  });
});

type Step = { event: OrderEvent; disputeId?: string; disputeStatus?: string };
type Model = { status: OrderStatus; dispute: { id: string | null; status: string | null } };

/** One event as applyOrderEvent applies it: decide, then record the dispute it was about. */
function apply(model: Model, step: Step): "wait" | "done" {
  const { decision } = decide({ status: model.status, event: step.event, knownDispute: model.dispute, disputeId: step.disputeId });
  if (decision === "wait") return "wait";
  if (decision === "ignore") return "done";
  model.status = decision;
  if (step.disputeId) model.dispute = { id: step.disputeId, status: step.disputeStatus ?? null };
  return "done";
}

/** Applies events as the app does: "wait" keeps an event aside and retries it after every change. */
function run(events: Array<OrderEvent | Step>, start: OrderStatus = "awaiting_payment"): OrderStatus {
  const model: Model = { status: start, dispute: { id: null, status: null } };
  let waiting: Step[] = [];
  for (const item of events) {
    const step = typeof item === "string" ? { event: item } : item;
    if (apply(model, step) === "wait") {
      waiting.push(step);
      continue;
    }
    for (let changed = true; changed; ) {
      const before = waiting.length;
      waiting = waiting.filter((held) => apply(model, held) === "wait");
      changed = waiting.length < before;
    }
  }
  return model.status;
}

function names(events: Array<OrderEvent | Step>): string {
  return events.map((item) => (typeof item === "string" ? item : item.event)).join(" → ");
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

describe("dispute memory", () => {
  it("ignores the opening of a dispute already seen closed, and the closing of another dispute", () => {
    expect(decide({ status: "paid", event: "dispute_opened", knownDispute: { id: "du_1", status: "won" }, disputeId: "du_1" }).decision).toBe("ignore");
    expect(decide({ status: "disputed", event: "dispute_won", knownDispute: { id: "du_2", status: "needs_response" }, disputeId: "du_1" }).decision).toBe("ignore");
    expect(decide({ status: "paid", event: "dispute_opened", knownDispute: { id: "du_1", status: "won" }, disputeId: "du_2" }).decision).toBe("disputed");
    expect(decide({ status: "paid", event: "dispute_won", knownDispute: { id: null, status: null }, disputeId: "du_1" }).decision).toBe("paid");
  });
});

describe("convergence", () => {
  it("ends refunded for every order of success, duplicate success and full refund", () => {
    for (const events of permutations<OrderEvent>(["payment_succeeded", "payment_succeeded", "refunded_in_full"])) {
      expect(run(events)).toBe("refunded");
    }
  });

  const opened: Step = { event: "dispute_opened", disputeId: "du_1", disputeStatus: "needs_response" };
  const won: Step = { event: "dispute_won", disputeId: "du_1", disputeStatus: "won" };
  const lost: Step = { event: "dispute_lost", disputeId: "du_1", disputeStatus: "lost" };

  it("ends paid for every order of success, dispute opened and dispute won", () => {
    for (const events of permutations<OrderEvent | Step>(["payment_succeeded", opened, won])) {
      expect(run(events), names(events)).toBe("paid");
    }
  });

  it("ends disputed for every order of success, dispute opened and dispute lost", () => {
    for (const events of permutations<OrderEvent | Step>(["payment_succeeded", opened, lost])) {
      expect(run(events), names(events)).toBe("disputed");
    }
  });

  it("ends refunded when a refund meets a dispute, whatever the order", () => {
    for (const events of permutations<OrderEvent | Step>(["payment_succeeded", opened, "refunded_in_full", won])) {
      expect(run(events), names(events)).toBe("refunded");
    }
  });

  it("never lets a failure undo a success", () => {
    for (const events of permutations<OrderEvent>(["payment_succeeded", "payment_failed"])) {
      expect(run(events)).toBe("paid");
    }
  });
});
