// The evidence drafted for a dispute: every access with time and IP, the receipt, within Stripe's limits.
import { describe, expect, it } from "vitest";
import { buildDisputeEvidence, fitLines, type DisputeFacts } from "@/server/disputes/build-dispute-evidence";

const facts: DisputeFacts = {
  storeName: "Test Store",
  appUrl: "https://shop.example.com",
  order: {
    id: "ord_1",
    email: "buyer@example.com",
    createdAt: new Date("2026-11-01T10:00:00Z"),
    paidAt: new Date("2026-11-01T10:00:05Z"),
    amountTotal: 1900,
    amountRefunded: 0,
    currency: "usd",
    stripeCheckoutSessionId: "cs_1",
    stripePaymentIntentId: "pi_1",
  },
  products: [{ name: "The Field Guide", description: "A guide.", files: ["Field Guide.pdf"], downloadLimit: 5, activationLimit: undefined }],
  delivery: { to: "buyer@example.com", sentAt: new Date("2026-11-01T10:00:06Z"), providerId: "re_1" },
  downloads: [
    { at: new Date("2026-11-02T09:00:00Z"), ip: "203.0.113.9", userAgent: "Firefox", product: "The Field Guide", file: "Field Guide.pdf", method: "GET", outcome: "served", bytes: 1234 },
    { at: new Date("2026-11-01T12:00:00Z"), ip: "203.0.113.7", userAgent: null, product: "The Field Guide", file: "Field Guide.pdf", method: "GET", outcome: "refused:limit_reached", bytes: 0 },
  ],
  activations: [{ at: new Date("2026-11-01T11:00:00Z"), ip: "198.51.100.4", name: "Laptop", product: "The Field Guide", deactivatedAt: null }],
};

describe("buildDisputeEvidence", () => {
  it("logs every download and activation with time and IP, oldest first", () => {
    const log = buildDisputeEvidence(facts).access_activity_log!;
    const lines = log.split("\n");
    expect(lines[0]).toContain("3 entries");
    expect(lines[1]).toBe('2026-11-01 11:00:00 UTC | license activation | The Field Guide on "Laptop" | IP 198.51.100.4');
    expect(lines[2]).toContain("2026-11-01 12:00:00 UTC | download | The Field Guide: Field Guide.pdf | IP 203.0.113.7 | GET refused (limit_reached)");
    expect(lines[3]).toContain("IP 203.0.113.9 | GET downloaded in full, 1234 bytes | Firefox");
  });

  it("carries the buyer's email, the receipt, the product and the service date", () => {
    const evidence = buildDisputeEvidence(facts);
    expect(evidence.customer_email_address).toBe("buyer@example.com");
    expect(evidence.service_date).toBe("2026-11-01");
    expect(evidence.product_description).toContain("The Field Guide: A guide.");
    expect(evidence.product_description).toContain("Up to 5 downloads.");
    expect(evidence.uncategorized_text).toContain("Amount: $19.00");
    expect(evidence.uncategorized_text).toContain("emailed to buyer@example.com on 2026-11-01 10:00:06 UTC (mail provider message id re_1)");
  });

  it("says so when nothing was accessed", () => {
    expect(buildDisputeEvidence({ ...facts, downloads: [], activations: [] }).access_activity_log).toBe("No downloads or license activations were recorded for this order.");
  });

  it("keeps the log under Stripe's 20,000 characters per field, saying how much was left out", () => {
    const text = fitLines("header", Array.from({ length: 1000 }, (_, index) => `line ${index} ${"x".repeat(80)}`));
    expect(text.length).toBeLessThanOrEqual(20_000);
    expect(text).toMatch(/\(\d+ more entries not shown; the store keeps the full log\.\)$/);
  });
});
