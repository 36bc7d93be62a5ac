// Turns an outbox message into an email: each kind names the function that renders it.
import "server-only";
import { loadDeliveryOrders, renderOrderDelivered, type DeliveryOrder } from "@/server/delivery/render-order-delivered";
import { renderSignInLink } from "@/server/portal/render-sign-in-link";
import { renderPaymentFailed } from "@/server/delivery/render-payment-failed";
import { renderSellerAlert } from "@/server/alerts/render-seller-alert";
import { renderDailyDigest } from "@/server/admin/render-daily-digest";

export type RenderedEmail = { to: string; subject: string; html: string; text: string };

/**
 * What a renderer knows of its message besides the payload: when it was queued (links count from
 * there), and, for a batch, the delivery orders loaded for all of it at once.
 */
export type RenderContext = { createdAt: Date; orders?: Map<string, DeliveryOrder> };
type Renderer = (payload: never, context: RenderContext) => Promise<RenderedEmail | null>;

const renderers: Record<string, Renderer> = {
  order_delivered: renderOrderDelivered as Renderer,
  magic_link: renderSignInLink as Renderer,
  payment_failed: renderPaymentFailed as Renderer,
  seller_alert: renderSellerAlert as Renderer,
  digest: renderDailyDigest as Renderer,
};

/**
 * Returns null when the message no longer has anything to say (e.g. its order was refunded first).
 * Renderers are deterministic for a given message and database state: a re-render after a crash must
 * give the same body, since the provider matches the Idempotency-Key to the first body it saw.
 */
export async function renderMessage(message: RenderableMessage, orders?: Map<string, DeliveryOrder>): Promise<RenderedEmail | null> {
  const renderer = renderers[message.kind];
  if (!renderer) throw new Error(`no renderer for outbox message kind "${message.kind}"`);
  return renderer(JSON.parse(message.payload) as never, { createdAt: message.createdAt, orders });
}

type RenderableMessage = { kind: string; payload: string; createdAt: Date; orderId?: string | null };

/** A batch, with one query for the orders of all its delivery emails instead of one per email. */
export async function renderMessages(messages: RenderableMessage[]): Promise<Array<RenderedEmail | null>> {
  const deliveries = messages.filter((message) => message.kind === "order_delivered");
  const orders = deliveries.length > 1 ? await loadDeliveryOrders(deliveries.map((message) => (JSON.parse(message.payload) as { orderId: string }).orderId)) : undefined;
  // Together, not one after another: each render waits on token signing, and under load every
  // wait queues behind the requests in flight, so a batch rendered in turn would take seconds.
  return Promise.all(messages.map((message) => renderMessage(message, orders)));
}
