// Drafts a dispute's evidence from what the store knows: receipt, product, delivery, and every access with time and IP.
import "server-only";
import { formatMoney } from "@/server/catalog/format-money";
import type { DisputeEvidence } from "@/server/stripe/stage-dispute-evidence";

export type DisputeFacts = {
  storeName: string;
  appUrl: string;
  order: {
    id: string;
    email: string;
    createdAt: Date;
    paidAt: Date | null;
    amountTotal: number;
    amountRefunded: number;
    currency: string;
    stripeCheckoutSessionId: string;
    stripePaymentIntentId: string | null;
  };
  products: Array<{ name: string; description: string; files: string[]; downloadLimit: number | null; activationLimit: number | null | undefined }>;
  delivery: { to: string; sentAt: Date; providerId: string | null } | null;
  downloads: Array<{ at: Date; ip: string | null; userAgent: string | null; product: string; file: string; method: string; outcome: string; bytes: number }>;
  activations: Array<{ at: Date; ip: string | null; name: string; product: string; deactivatedAt: Date | null }>;
};

/** Stripe's limit for each text field of the evidence. */
export const EVIDENCE_FIELD_LIMIT = 20_000;

function utc(date: Date): string {
  return `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;
}

const outcomeWords: Record<string, string> = {
  served: "downloaded in full",
  partial: "downloaded a part (resumed or ranged request)",
  head: "checked the file (no bytes sent)",
  redirect: "sent to the file's storage link",
};

function describeOutcome(outcome: string, bytes: number): string {
  if (outcome.startsWith("refused:")) return `refused (${outcome.slice("refused:".length)})`;
  const words = outcomeWords[outcome] ?? outcome;
  return bytes > 0 ? `${words}, ${bytes} bytes` : words;
}

/** Keeps whole lines under the limit and says how many were left out. */
export function fitLines(header: string, lines: string[], limit = EVIDENCE_FIELD_LIMIT): string {
  let text = header;
  for (let index = 0; index < lines.length; index += 1) {
    const omitted = `\n(${lines.length - index} more entries not shown; the store keeps the full log.)`;
    if (text.length + 1 + lines[index]!.length + omitted.length > limit) return text + omitted;
    text += `\n${lines[index]}`;
  }
  return text;
}

export function buildAccessActivityLog(facts: Pick<DisputeFacts, "downloads" | "activations">): string {
  const entries = [
    ...facts.downloads.map((d) => ({ at: d.at, line: `${utc(d.at)} | download | ${d.product}: ${d.file} | IP ${d.ip ?? "unknown"} | ${d.method} ${describeOutcome(d.outcome, d.bytes)}${d.userAgent ? ` | ${d.userAgent}` : ""}` })),
    ...facts.activations.map((a) => ({ at: a.at, line: `${utc(a.at)} | license activation | ${a.product} on "${a.name}" | IP ${a.ip ?? "unknown"}${a.deactivatedAt ? ` | deactivated ${utc(a.deactivatedAt)}` : ""}` })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (entries.length === 0) return "No downloads or license activations were recorded for this order.";
  const header = `Every access to this order's files and license keys, as recorded by the store (${entries.length} entries, times in UTC):`;
  return fitLines(header, entries.map((entry) => entry.line));
}

function describeProduct(product: DisputeFacts["products"][number]): string {
  const parts = [`${product.name}: ${product.description || "a digital product"}`.trim()];
  parts.push(`Delivered digitally as ${product.files.join(", ")}, through signed, time-limited download links sent by email and available in the buyer's library.`);
  parts.push(product.downloadLimit ? `Up to ${product.downloadLimit} downloads.` : "Unlimited downloads.");
  if (product.activationLimit !== undefined) {
    parts.push(`Includes a license key for ${product.activationLimit === null ? "unlimited devices" : `up to ${product.activationLimit} devices`}.`);
  }
  return parts.join(" ");
}

function buildReceipt({ storeName, appUrl, order, products, delivery }: DisputeFacts): string {
  const lines = [
    `Receipt from ${storeName} (${appUrl})`,
    `Order: ${order.id}`,
    `Ordered: ${utc(order.createdAt)}${order.paidAt ? `; paid ${utc(order.paidAt)}` : ""}`,
    `Buyer email: ${order.email}`,
    `Amount: ${formatMoney(order.amountTotal, order.currency)}${order.amountRefunded > 0 ? ` (refunded so far: ${formatMoney(order.amountRefunded, order.currency)})` : ""}`,
    `Products: ${products.map((product) => product.name).join(", ")}`,
    `Paid through Stripe Checkout session ${order.stripeCheckoutSessionId}${order.stripePaymentIntentId ? `, payment intent ${order.stripePaymentIntentId}` : ""}.`,
    delivery
      ? `Delivery: the download links were emailed to ${delivery.to} on ${utc(delivery.sentAt)}${delivery.providerId ? ` (mail provider message id ${delivery.providerId})` : ""}.`
      : "Delivery: the links were shown on the checkout confirmation page; no delivery email is recorded as sent.",
  ];
  return lines.join("\n").slice(0, EVIDENCE_FIELD_LIMIT);
}

/** Pure: the same facts always give the same evidence, so a retried submission stages the same text. */
export function buildDisputeEvidence(facts: DisputeFacts): DisputeEvidence {
  const evidence: DisputeEvidence = {
    customer_email_address: facts.order.email,
    product_description: facts.products.map(describeProduct).join("\n\n").slice(0, EVIDENCE_FIELD_LIMIT),
    access_activity_log: buildAccessActivityLog(facts),
    uncategorized_text: buildReceipt(facts),
  };
  if (facts.order.paidAt) evidence.service_date = facts.order.paidAt.toISOString().slice(0, 10);
  return evidence;
}
