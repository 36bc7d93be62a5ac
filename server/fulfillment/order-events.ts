// An in-process signal that an order changed, so workers (outbox, waiting money events) react at once.
import "server-only";
import { EventEmitter } from "node:events";

const globalForEvents = globalThis as unknown as { handoffOrderEvents?: EventEmitter };
const emitter = (globalForEvents.handoffOrderEvents ??= new EventEmitter().setMaxListeners(50));

export function notifyOrderChanged(orderId: string): void {
  emitter.emit("order", orderId);
}

export function onOrderChanged(listener: (orderId: string) => void): () => void {
  emitter.on("order", listener);
  return () => emitter.off("order", listener);
}
