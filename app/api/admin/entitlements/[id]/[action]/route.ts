// POST /api/admin/entitlements/[id]/(reset-downloads|extend-limit|revoke|restore): one product of an order.
import { refuseAdminGet, runAdminAction } from "@/server/admin/run-admin-action";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; action: string }> };

export async function POST(request: Request, { params }: Context) {
  const { id, action } = await params;
  return runAdminAction({ request, target: "entitlement", action, id });
}

export const GET = refuseAdminGet;
