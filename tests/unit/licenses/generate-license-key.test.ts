// License keys: readable groups from an alphabet without look-alikes, unbiased CSPRNG draws, forgiving input.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { LICENSE_KEY_ALPHABET, LICENSE_KEY_PATTERN, generateLicenseKey, normalizeLicenseKey } from "@/server/licenses/generate-license-key";

describe("generateLicenseKey", () => {
  it("makes 4 groups of 5 characters, none of them look-alikes", () => {
    for (let index = 0; index < 200; index += 1) expect(generateLicenseKey()).toMatch(LICENSE_KEY_PATTERN);
    for (const lookAlike of "0O1IL5S2Z8B") expect(LICENSE_KEY_ALPHABET).not.toContain(lookAlike);
  });

  it("draws from the CSPRNG it is given, skipping bytes that would bias the alphabet", () => {
    const sizes: number[] = [];
    // 250..255 are rejected (256 is not a multiple of 25); 0 → "A", 24 → "9", 25 → "A" again.
    const bytes = [255, 250, 0, 24, 25, ...Array.from({ length: 17 }, () => 1)];
    const key = generateLicenseKey((size) => {
      sizes.push(size);
      return Buffer.from(bytes.splice(0, size).concat(Array.from({ length: Math.max(0, size - bytes.length) }, () => 2)));
    });
    expect(key.startsWith("A9AC")).toBe(true);
    expect(sizes.every((size) => size === 32)).toBe(true);
  });

  it("spreads characters evenly (no modulo bias)", () => {
    const counts = new Map<string, number>();
    for (let index = 0; index < 2000; index += 1) for (const char of generateLicenseKey(crypto.randomBytes).replace(/-/g, "")) counts.set(char, (counts.get(char) ?? 0) + 1);
    const expected = (2000 * 20) / LICENSE_KEY_ALPHABET.length;
    expect(counts.size).toBe(LICENSE_KEY_ALPHABET.length);
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.15);
  });
});

describe("normalizeLicenseKey", () => {
  it("accepts what people paste: any case, spaces, missing dashes", () => {
    expect(normalizeLicenseKey(" acdef ghjkm-npqrt uvwxy ")).toBe("ACDEF-GHJKM-NPQRT-UVWXY");
    expect(normalizeLicenseKey("ACDEFGHJKMNPQRTUVWXY")).toBe("ACDEF-GHJKM-NPQRT-UVWXY");
    expect(normalizeLicenseKey("short")).toBe("short");
  });
});
