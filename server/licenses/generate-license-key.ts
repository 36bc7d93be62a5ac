// License keys: 4 groups of 5 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B).
import crypto from "node:crypto";

export const LICENSE_KEY_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const LICENSE_KEY_PATTERN = /^[ACDEFGHJKMNPQRTUVWXY34679]{5}(-[ACDEFGHJKMNPQRTUVWXY34679]{5}){3}$/;

/** A key from the CSPRNG: 25^20 ≈ 2^93 possibilities, without modulo bias. */
export function generateLicenseKey(randomBytes: (size: number) => Buffer = crypto.randomBytes): string {
  const chars: string[] = [];
  const limit = 256 - (256 % LICENSE_KEY_ALPHABET.length);
  while (chars.length < 20) {
    for (const byte of randomBytes(32)) {
      if (byte >= limit) continue;
      chars.push(LICENSE_KEY_ALPHABET[byte % LICENSE_KEY_ALPHABET.length]!);
      if (chars.length === 20) break;
    }
  }
  return [0, 5, 10, 15].map((start) => chars.slice(start, start + 5).join("")).join("-");
}

/** Accepts what people paste: any case, spaces or missing dashes. */
export function normalizeLicenseKey(input: string): string {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, "");
  if (compact.length !== 20) return input.trim();
  return [0, 5, 10, 15].map((start) => compact.slice(start, start + 5)).join("-");
}
