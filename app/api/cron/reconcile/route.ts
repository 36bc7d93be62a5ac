// Reconciliation for a scheduler: POST (or GET, as Vercel Cron calls) with `Authorization: Bearer $CRON_SECRET`.
import { authorizeCron } from "@/server/http/authorize-cron";
import { parseSince } from "@/server/reconcile/schemas";
import { reconcileWithStripe } from "@/server/reconcile/reconcile-with-stripe";
import { toErrorResponse } from "@/server/errors";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

export async function POST(request: Request) {
  try {
    authorizeCron(request.headers.get("authorization"));
    const since = parseSince(new URL(request.url).searchParams.get("since") ?? "72h");
    const report = await reconcileWithStripe({ since });
    // Any item that failed makes the call fail, so the scheduler's own alerting notices.
    return Response.json(report, { status: report.failed.length ? 500 : 200, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error, { route: "cron_reconcile" });
  }
}

export const GET = POST;
