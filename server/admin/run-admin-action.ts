// The HTTP side of every dashboard action: gate, CSRF check, validation, the call, and the answer.
import "server-only";
import { AppError, isAppError, toErrorResponse } from "@/server/errors";
import { assertSameOrigin } from "@/server/http/assert-same-origin";
import { readFormOrJson } from "@/server/http/read-form-or-json";
import { log } from "@/server/log";
import { requireAdminApi } from "@/server/admin/require-admin";
import { findAdminAction, type ActionTarget } from "@/server/admin/admin-actions";
import { adminErrorPage } from "@/server/admin/admin-error-page";

export type RunAdminActionOptions = { request: Request; target: ActionTarget; action: string; id: string };

function wantsJson(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("application/json") || (request.headers.get("content-type") ?? "").includes("json");
}

/**
 * Order matters: the admin check comes first, so anyone else gets the same 404 whatever they send;
 * then same-origin (a form on another site cannot ride the admin's cookie); POST only, as route
 * files export it alone. A form gets a 303 back to its page; a script gets JSON.
 */
export async function runAdminAction({ request, target, action, id }: RunAdminActionOptions): Promise<Response> {
  const json = wantsJson(request);
  try {
    const actor = await requireAdminApi();
    const definition = findAdminAction(action, target);
    if (!definition) throw new AppError("not_found", "There is no such action.");
    assertSameOrigin(request);
    const parsed = definition.schema.safeParse(await readFormOrJson(request));
    if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Check the form and try again.");
    const result = await definition.run({ actor, id, input: parsed.data });
    log.info("admin_action", { actor, action, target, targetId: id, auditId: result.auditId, orderId: result.orderId });
    if (json) return Response.json({ ok: true, ...result }, { headers: { "Cache-Control": "no-store" } });
    const location = result.auditId ? `${result.redirectTo}?done=${encodeURIComponent(result.auditId)}` : result.redirectTo;
    return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
  } catch (error) {
    if (!json && isAppError(error) && error.code !== "not_found") return adminErrorPage(error, request);
    return toErrorResponse(error, { route: `admin/${target}/${action}` });
  }
}

/** Action routes answer only POST; for GET, an admin hears why and anyone else gets the usual 404. */
export async function refuseAdminGet(): Promise<Response> {
  try {
    await requireAdminApi();
    return Response.json({ error: { code: "method_not_allowed", message: "Actions change data, so they take POST only: use the button on the dashboard." } }, { status: 405, headers: { Allow: "POST" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** The handlers of an action route (/api/admin/<target>/[id]/[action]): POST acts, GET explains. */
export function adminActionRoutes(target: ActionTarget) {
  return {
    POST: async (request: Request, { params }: { params: Promise<{ id: string; action: string }> }) => {
      const { id, action } = await params;
      return runAdminAction({ request, target, action, id });
    },
    GET: refuseAdminGet,
  };
}
