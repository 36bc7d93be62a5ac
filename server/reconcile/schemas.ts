// Input of reconciliation: how far back to look, as "72h", "30m", "7d" or an ISO date.
import { z } from "zod";
import { AppError } from "@/server/errors";

const units = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function sinceSchema(now: () => Date = () => new Date()) {
  return z
    .string()
    .trim()
    .transform((value, context) => {
      const relative = /^(\d+)\s*([mhd])$/.exec(value);
      if (relative) {
        const amount = Number(relative[1]);
        if (amount > 0) return new Date(now().getTime() - amount * units[relative[2] as keyof typeof units]);
      }
      const absolute = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : null;
      if (absolute && !Number.isNaN(absolute.getTime()) && absolute.getTime() <= now().getTime()) return absolute;
      context.addIssue({ code: "custom", message: `"${value}" is not a period: use a duration such as 72h, 30m or 7d, or a past date such as 2026-11-01` });
      return z.NEVER;
    });
}

/** Parses --since / ?since=; a bad value is a 400 AppError that says what to write instead. */
export function parseSince(value: string, now: () => Date = () => new Date()): Date {
  const parsed = sinceSchema(now).safeParse(value);
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "since: not a period");
  return parsed.data;
}
