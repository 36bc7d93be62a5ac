// GET /api/admin/overview: the overview's figures as JSON (admins only; 404 for anyone else).
import { adminJson } from "@/server/admin/admin-json";
import { getOverview } from "@/server/admin/get-overview";

export const dynamic = "force-dynamic";

export const GET = () => adminJson("admin/overview", () => getOverview());
