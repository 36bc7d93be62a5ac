// The read side of the admin API: the gate, then one server call answered as JSON (404 for anyone else).
import "server-only";
import { toErrorResponse } from "@/server/errors";
import { requireAdminApi } from "@/server/admin/require-admin";

export async function adminJson(route: string, load: (actor: string) => Promise<unknown>): Promise<Response> {
  try {
    const actor = await requireAdminApi();
    return Response.json(await load(actor), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error, { route });
  }
}
