// GET /api/admin/audit: the latest dashboard actions, newest first, as JSON (admins only).
import { adminJson } from "@/server/admin/admin-json";
import { listAuditLog } from "@/server/admin/list-audit-log";

export const dynamic = "force-dynamic";

export const GET = () => adminJson("admin/audit", () => listAuditLog());
