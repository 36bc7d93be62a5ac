// GET /api/admin/orders/[id]: one order, its products and its timeline as JSON (admins only).
import { adminJson } from "@/server/admin/admin-json";
import { getOrderTimeline } from "@/server/admin/get-order-timeline";

export const dynamic = "force-dynamic";

export const GET = (_request: Request, { params }: { params: Promise<{ id: string }> }) =>
  adminJson("admin/order", async () => getOrderTimeline((await params).id));
