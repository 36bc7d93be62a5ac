// POST /api/admin/orders/[id]/(resend-email|fresh-links): order actions (admins only, same origin).
import { adminActionRoutes } from "@/server/admin/run-admin-action";

export const dynamic = "force-dynamic";

const routes = adminActionRoutes("order");
export const POST = routes.POST;
export const GET = routes.GET;
