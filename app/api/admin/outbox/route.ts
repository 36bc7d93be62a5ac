// GET /api/admin/outbox: failed and retrying emails with their last error, as JSON (admins only).
import { adminJson } from "@/server/admin/admin-json";
import { listDeliveryProblems } from "@/server/admin/list-delivery-problems";

export const dynamic = "force-dynamic";

export const GET = () => adminJson("admin/outbox", () => listDeliveryProblems());
