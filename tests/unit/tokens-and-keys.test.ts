// Download tokens (signature, audience, absolute expiry) and license key generation.
import { describe, expect, it } from "vitest";
import { signDownloadToken, verifyDownloadToken } from "@/server/downloads/download-token";
import { generateLicenseKey, LICENSE_KEY_PATTERN, normalizeLicenseKey } from "@/server/licenses/generate-license-key";
import { canTransition, statusesLeadingTo } from "@/server/fulfillment/order-status";

const secret = "unit-test-secret-unit-test-secret-0123456789";

describe("download tokens", () => {
  it("round-trips the entitlement and file, and expires at the instant given", async () => {
    const expiresAt = new Date(Date.now() + 3_600_000);
    const token = await signDownloadToken({ entitlementId: "ent_1", fileIndex: 2, expiresAt, secret });
    const verified = await verifyDownloadToken(token, { secret });
    expect(verified).toEqual({ ok: true, claims: { entitlementId: "ent_1", fileIndex: 2, expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000) } });
    const later = await verifyDownloadToken(token, { secret, now: new Date(expiresAt.getTime() + 1000) });
    expect(later).toMatchObject({ ok: false, reason: "expired", entitlementId: "ent_1", fileIndex: 2 });
  });
  it("refuses another secret, a changed payload and junk", async () => {
    const token = await signDownloadToken({ entitlementId: "ent_1", fileIndex: 0, expiresAt: new Date(Date.now() + 60_000), secret });
    expect(await verifyDownloadToken(token, { secret: `${secret}x` })).toMatchObject({ ok: false, reason: "tampered" });
    const [head, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ e: "ent_2", f: 0, aud: "handoff:download", exp: 9_999_999_999 })).toString("base64url");
    expect(await verifyDownloadToken(`${head}.${forged}.${signature}`, { secret })).toMatchObject({ ok: false, reason: "tampered" });
    expect(await verifyDownloadToken("not-a-token", { secret })).toMatchObject({ ok: false, reason: "malformed" });
  });
});

describe("license keys", () => {
  it("are four groups of five unambiguous characters and do not repeat", () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateLicenseKey()));
    expect(keys.size).toBe(2000);
    for (const key of keys) expect(key).toMatch(LICENSE_KEY_PATTERN);
    expect([...keys].join("")).not.toMatch(/[01OIL5S2Z8B]/);
  });
  it("normalise what people paste", () => {
    expect(normalizeLicenseKey(" acdef ghjkm-npqrt uvwxy ")).toBe("ACDEF-GHJKM-NPQRT-UVWXY");
  });
});

describe("order status", () => {
  it("lets money move an order only along allowed edges", () => {
    expect(canTransition("awaiting_payment", "paid")).toBe(true);
    expect(canTransition("paid", "awaiting_payment")).toBe(false);
    expect(canTransition("refunded", "paid")).toBe(false);
    expect(statusesLeadingTo("failed")).toEqual(["awaiting_payment"]);
  });
});
