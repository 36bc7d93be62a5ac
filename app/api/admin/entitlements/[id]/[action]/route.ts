// POST /api/admin/entitlements/[id]/(reset-downloads|extend-limit|revoke|restore): one product of an order.
import { adminActionRoutes } from "@/server/admin/run-admin-action";

export const dynamic = "force-dynamic";

const routes = adminActionRoutes("entitlement");
export const POST = routes.POST;
export const GET = routes.GET;
