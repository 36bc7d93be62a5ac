// GET or POST /api/cron/digest (Bearer CRON_SECRET): queue the daily digest; ?day=YYYY-MM-DD for another day.
import { authorizeCron } from "@/server/http/authorize-cron";
import { digestSchema } from "@/server/admin/schemas";
import { sendDailyDigest } from "@/server/admin/send-daily-digest";
import { kickOutbox } from "@/server/outbox/drain-outbox";
import { AppError, toErrorResponse } from "@/server/errors";

export const dynamic = "force-dynamic";

// GET as well as POST: hosted schedulers (Vercel Cron among them) call with GET and the bearer token.
async function handle(request: Request) {
  try {
    authorizeCron(request.headers.get("authorization"));
    const parsed = digestSchema.safeParse({ day: new URL(request.url).searchParams.get("day") ?? undefined });
    if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]!.message);
    const result = await sendDailyDigest({ day: parsed.data.day });
    kickOutbox();
    return Response.json({ day: result.day, figures: result.figures, messages: result.messages }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error, { route: "cron/digest" });
  }
}

export const GET = handle;
export const POST = handle;
