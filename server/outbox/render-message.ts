// Turns an outbox message into an email: each kind names the function that renders it.
import "server-only";
import { renderOrderDelivered } from "@/server/delivery/render-order-delivered";
import { renderSignInLink } from "@/server/portal/render-sign-in-link";
import { renderPaymentFailed } from "@/server/delivery/render-payment-failed";
import { renderSellerAlert } from "@/server/alerts/render-seller-alert";
import { renderDailyDigest } from "@/server/admin/render-daily-digest";

export type RenderedEmail = { to: string; subject: string; html: string; text: string };

/** What a renderer knows of its message besides the payload: when it was queued (links count from there). */
export type RenderContext = { createdAt: Date };
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
export async function renderMessage(message: { kind: string; payload: string; createdAt: Date }): Promise<RenderedEmail | null> {
  const renderer = renderers[message.kind];
  if (!renderer) throw new Error(`no renderer for outbox message kind "${message.kind}"`);
  return renderer(JSON.parse(message.payload) as never, { createdAt: message.createdAt });
}
