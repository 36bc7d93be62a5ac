// POST /api/admin/outbox/[id]/retry: send one failed or waiting email (and its batch) again now.
import { refuseAdminGet, runAdminAction } from "@/server/admin/run-admin-action";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; action: string }> };

export async function POST(request: Request, { params }: Context) {
  const { id, action } = await params;
  return runAdminAction({ request, target: "outbox_message", action, id });
}

export const GET = refuseAdminGet;
