// Lemon Squeezy's License API gives numeric ids; ours are strings. A stable number derived from
// each id keeps typed clients (which declare `id: number`) working.
import crypto from "node:crypto";

/** A positive integer below 2^48 (a safe integer in every JSON reader), the same for the same id. */
export function publicNumber(kind: string, id: string): number {
  return crypto.createHash("sha256").update(`${kind}:${id}`).digest().readUIntBE(0, 6) || 1;
}
