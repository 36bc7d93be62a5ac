// POST /api/admin/outbox/[id]/retry: send one failed or waiting email (and its batch) again now.
import { adminActionRoutes } from "@/server/admin/run-admin-action";

export const dynamic = "force-dynamic";

const routes = adminActionRoutes("outbox_message");
export const POST = routes.POST;
export const GET = routes.GET;
