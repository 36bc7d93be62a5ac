// Checks the bearer token of a scheduled call (the cron routes) against CRON_SECRET, in constant time.
import "server-only";
import crypto from "node:crypto";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";

function digest(value: string): Buffer {
  return crypto.createHash("sha256").update(value).digest();
}

/** Throws a 403 when CRON_SECRET is not set (the routes are off), a 401 when the token is missing or wrong. */
export function authorizeCron(authorization: string | null): void {
  const secret = getEnv().CRON_SECRET;
  if (!secret) throw new AppError("forbidden", "Scheduled jobs are off: set CRON_SECRET on the server and send it as `Authorization: Bearer <CRON_SECRET>`.");
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1]?.trim() ?? "";
  if (!token || !crypto.timingSafeEqual(digest(token), digest(secret))) {
    throw new AppError("unauthorized", "Missing or wrong token: send `Authorization: Bearer <CRON_SECRET>` with the value set on the server.");
  }
}
