// GET /api/admin/orders/export?q=&status=: the (matching) orders as a CSV download (admins only).
import { requireAdminApi } from "@/server/admin/require-admin";
import { exportOrdersCsv } from "@/server/admin/export-orders-csv";
import { searchOrdersSchema } from "@/server/admin/schemas";
import { AppError, toErrorResponse } from "@/server/errors";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const actor = await requireAdminApi();
    const parsed = searchOrdersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]!.message);
    const { fileName, body } = await exportOrdersCsv({ actor, q: parsed.data.q, status: parsed.data.status });
    return new Response(body, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"`, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
    });
  } catch (error) {
    return toErrorResponse(error, { route: "admin/orders/export" });
  }
}
