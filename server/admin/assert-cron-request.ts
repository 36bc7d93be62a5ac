// The cron routes' lock: `Authorization: Bearer $CRON_SECRET`, compared in constant time.
import "server-only";
import crypto from "node:crypto";
import { getEnv } from "@/server/env";
import { AppError } from "@/server/errors";

/** Without CRON_SECRET the cron routes do not exist (404), so a forgotten setting never leaves them open. */
export function assertCronRequest(request: Request): void {
  const secret = getEnv().CRON_SECRET;
  if (!secret) throw new AppError("not_found", "Cron routes are off: set CRON_SECRET and call them with Authorization: Bearer <CRON_SECRET>.");
  const given = request.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() ?? "";
  const expected = crypto.createHash("sha256").update(secret).digest();
  const actual = crypto.createHash("sha256").update(given).digest();
  if (!given || !crypto.timingSafeEqual(expected, actual)) {
    throw new AppError("unauthorized", "Missing or wrong cron token: send Authorization: Bearer <CRON_SECRET>.");
  }
}
