// A key's standing: revocation (refund, dispute) before expiry; Lemon Squeezy's four statuses.
import { describe, expect, it } from "vitest";
import { describeLicenseStanding } from "@/server/licenses/describe-license-standing";

const now = new Date("2026-06-01T12:00:00Z");

function license(overrides: { status?: string; disputeStatus?: string | null; revokedAt?: Date | null; revokedReason?: string | null; expiresAt?: Date | null; activationUsage?: number } = {}) {
  return {
    expiresAt: overrides.expiresAt ?? null,
    activationUsage: overrides.activationUsage ?? 0,
    entitlement: {
      revokedAt: overrides.revokedAt ?? null,
      revokedReason: overrides.revokedReason ?? null,
      order: { status: overrides.status ?? "paid", disputeStatus: overrides.disputeStatus ?? null },
    },
  };
}

describe("describeLicenseStanding", () => {
  it("is valid, inactive without activations and active with some", () => {
    expect(describeLicenseStanding(license(), now)).toEqual({ code: "VALID", status: "inactive", error: null });
    expect(describeLicenseStanding(license({ activationUsage: 2 }), now).status).toBe("active");
  });

  it("is revoked by a refund, whichever side records it first", () => {
    for (const input of [license({ status: "refunded" }), license({ revokedAt: now, revokedReason: "refunded" })]) {
      const standing = describeLicenseStanding(input, now);
      expect(standing).toMatchObject({ code: "REVOKED", status: "disabled" });
      expect(standing.error).toMatch(/refunded/);
    }
  });

  it("is suspended while a dispute is open and revoked once it is lost", () => {
    expect(describeLicenseStanding(license({ status: "disputed", disputeStatus: "needs_response" }), now)).toMatchObject({ code: "SUSPENDED", status: "disabled" });
    expect(describeLicenseStanding(license({ status: "disputed", disputeStatus: "lost", revokedAt: now, revokedReason: "disputed" }), now)).toMatchObject({ code: "REVOKED" });
  });

  it("is revoked for any other removal of access", () => {
    expect(describeLicenseStanding(license({ revokedAt: now, revokedReason: "admin" }), now)).toMatchObject({ code: "REVOKED", status: "disabled" });
  });

  it("expires at its expiry date, and revocation wins over expiry", () => {
    expect(describeLicenseStanding(license({ expiresAt: new Date(now.getTime() + 1000) }), now).code).toBe("VALID");
    expect(describeLicenseStanding(license({ expiresAt: now }), now)).toMatchObject({ code: "EXPIRED", status: "expired" });
    expect(describeLicenseStanding(license({ expiresAt: now, status: "refunded" }), now).code).toBe("REVOKED");
  });
});
