// Ids made in the app for rows inserted in bulk (createMany cannot return the ids it generated).
import crypto from "node:crypto";

let sequence = 0;

/**
 * Sortable by time and, within one process, by the order they were made (a counter follows the
 * time), so rows inserted together keep their order; 26 characters, like the cuid ids elsewhere.
 */
export function newId(now = Date.now()): string {
  sequence = (sequence + 1) % 1_679_616;
  return `c${now.toString(36).padStart(9, "0")}${sequence.toString(36).padStart(4, "0")}${crypto.randomBytes(6).toString("hex")}`;
}
