// POST /api/admin/outbox/retry-all: every failed or waiting email is due now (admins only, same origin).
import { refuseAdminGet, runAdminAction } from "@/server/admin/run-admin-action";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => runAdminAction({ request, target: "outbox", action: "retry-all", id: "all" });

export const GET = refuseAdminGet;
