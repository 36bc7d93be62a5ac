// An in-process signal that an order changed, so workers (outbox, waiting money events) react at once.
import "server-only";
import { EventEmitter } from "node:events";

const globalForEvents = globalThis as unknown as { handoffOrderEvents?: EventEmitter };
const emitter = (globalForEvents.handoffOrderEvents ??= new EventEmitter().setMaxListeners(50));

/** One signal for any number of orders: a bulk fulfillment's listeners look them all up at once. */
export function notifyOrderChanged(...orderIds: string[]): void {
  if (orderIds.length) emitter.emit("order", orderIds);
}

export function onOrderChanged(listener: (orderIds: string[]) => void): () => void {
  emitter.on("order", listener);
  return () => emitter.off("order", listener);
}
