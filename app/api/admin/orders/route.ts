// GET /api/admin/orders?q=&status=&page=: order search as JSON (admins only; 404 for anyone else).
import { adminJson } from "@/server/admin/admin-json";
import { searchOrders } from "@/server/admin/search-orders";
import { searchOrdersSchema } from "@/server/admin/schemas";
import { AppError } from "@/server/errors";

export const dynamic = "force-dynamic";

export const GET = (request: Request) =>
  adminJson("admin/orders", async () => {
    const parsed = searchOrdersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]!.message);
    return searchOrders(parsed.data);
  });
