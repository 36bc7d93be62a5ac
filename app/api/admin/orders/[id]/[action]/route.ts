// POST /api/admin/orders/[id]/(resend-email|fresh-links): order actions (admins only, same origin).
import { refuseAdminGet, runAdminAction } from "@/server/admin/run-admin-action";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; action: string }> };

export async function POST(request: Request, { params }: Context) {
  const { id, action } = await params;
  return runAdminAction({ request, target: "order", action, id });
}

export const GET = refuseAdminGet;
