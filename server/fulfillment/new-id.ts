// Ids made in the app for rows inserted in bulk (createMany cannot return the ids it generated).
import crypto from "node:crypto";

/** Sortable by time, 26 characters, like the cuid ids the database makes elsewhere. */
export function newId(now = Date.now()): string {
  return `c${now.toString(36).padStart(9, "0")}${crypto.randomBytes(8).toString("hex")}`;
}
