// Tells the seller when an email to a buyer finally failed, so a human can get the files to them.
import "server-only";
import { getEnv } from "@/server/env";
import { enqueueSellerAlert } from "@/server/alerts/enqueue-seller-alert";
import type { OutboxMessage } from "@/server/generated/sqlite/client";

/** Mail about an order; sign-in links are left out (a mistyped address would only make noise). */
const alertingKinds = new Set(["order_delivered", "payment_failed"]);

/** Idempotent per message; never alerts about a failed alert, so a bad SELLER_EMAIL cannot loop. */
export async function alertDeliveryFailed(message: OutboxMessage): Promise<void> {
  if (!alertingKinds.has(message.kind)) return;
  const what = message.kind === "order_delivered" ? "The delivery email with the download links" : "The email telling the buyer their payment failed";
  await enqueueSellerAlert({
    dedupeKey: `delivery_failed:${message.id}`,
    orderId: message.orderId ?? undefined,
    alert: {
      title: `An email to ${message.to} could not be delivered`,
      lines: [
        `${what} could not be sent after ${message.attempts} attempt${message.attempts === 1 ? "" : "s"}, and Handoff has stopped retrying it.`,
        `The buyer still has access but did not get the email. Check the address with them: if it is right, they can sign in to their library at ${getEnv().APP_URL}/portal and download from there; if it is mistyped, send them the files another way.`,
      ],
      facts: [
        ["To", message.to],
        ["Subject", message.subject ?? message.kind],
        ...(message.orderId ? ([["Order", message.orderId]] as Array<[string, string]>) : []),
        ["Last error", message.lastError ?? "unknown"],
      ],
      action: { label: "Open the admin view", url: `${getEnv().APP_URL}/admin` },
    },
  });
}
