// The sweeper and the outbox for a scheduler: POST (or GET, as Vercel Cron calls) with `Authorization: Bearer $CRON_SECRET`.
import { authorizeCron } from "@/server/http/authorize-cron";
import { runScheduledSweep } from "@/server/background/run-scheduled-sweep";
import { toErrorResponse } from "@/server/errors";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

export async function POST(request: Request) {
  try {
    authorizeCron(request.headers.get("authorization"));
    const result = await runScheduledSweep();
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error, { route: "cron_sweep" });
  }
}

export const GET = POST;
