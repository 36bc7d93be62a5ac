// GET /api/health: 200 with the vital signs, 503 when the database is out of reach or mail is stuck.
import { getHealth } from "@/server/admin/get-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await getHealth();
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
