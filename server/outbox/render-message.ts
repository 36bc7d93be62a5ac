// Turns an outbox message into an email: each kind names the function that renders it.
import "server-only";
import { renderOrderDelivered } from "@/server/delivery/render-order-delivered";

export type RenderedEmail = { to: string; subject: string; html: string; text: string };

type Renderer = (payload: never) => Promise<RenderedEmail | null>;

const renderers: Record<string, Renderer> = {
  order_delivered: renderOrderDelivered as Renderer,
};

/** Returns null when the message no longer has anything to say (e.g. its order was refunded first). */
export async function renderMessage(kind: string, payload: string): Promise<RenderedEmail | null> {
  const renderer = renderers[kind];
  if (!renderer) throw new Error(`no renderer for outbox message kind "${kind}"`);
  return renderer(JSON.parse(payload) as never);
}
