// The License API's one entry: limit, read the body (form, JSON or JSON:API), check it, run the action.
import "server-only";
import type { z } from "zod";
import { isAppError } from "@/server/errors";
import { log } from "@/server/log";
import { clientIp } from "@/server/http/client-ip";
import { readFormOrJson } from "@/server/http/read-form-or-json";
import { activateLicenseInputSchema, deactivateLicenseInputSchema, validateLicenseInputSchema } from "@/server/licenses/schemas";
import { licenseReply, type LicenseAction, type LicenseApiResult } from "@/server/licenses/license-api-body";
import { limitLicenseRequestsByIp, limitLicenseRequestsByKey } from "@/server/licenses/limit-license-requests";
import { activateLicense } from "@/server/licenses/activate-license";
import { validateLicense } from "@/server/licenses/validate-license";
import { deactivateLicense } from "@/server/licenses/deactivate-license";

const actions = {
  activate: { schema: activateLicenseInputSchema, run: (input: z.infer<typeof activateLicenseInputSchema>, ip: string | null) => activateLicense({ licenseKey: input.license_key, instanceName: input.instance_name, ip }) },
  validate: { schema: validateLicenseInputSchema, run: (input: z.infer<typeof validateLicenseInputSchema>) => validateLicense({ licenseKey: input.license_key, instanceId: input.instance_id }) },
  deactivate: { schema: deactivateLicenseInputSchema, run: (input: z.infer<typeof deactivateLicenseInputSchema>) => deactivateLicense({ licenseKey: input.license_key, instanceId: input.instance_id }) },
};

/** A JSON:API client may nest the fields as { data: { attributes: {...} } }; flat is what Lemon Squeezy's SDK sends. */
function fieldsOf(body: Record<string, unknown>): Record<string, unknown> {
  const data = body.data as { attributes?: unknown } | undefined;
  const attributes = data && typeof data === "object" ? data.attributes : undefined;
  return attributes && typeof attributes === "object" ? { ...(attributes as Record<string, unknown>), ...body } : body;
}

function toResponse({ status, body, retryAfterSeconds }: LicenseApiResult): Response {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (retryAfterSeconds) headers["Retry-After"] = String(retryAfterSeconds);
  return Response.json(body, { status, headers });
}

async function run(request: Request, action: LicenseAction): Promise<LicenseApiResult> {
  const ip = clientIp(request);
  const byIp = await limitLicenseRequestsByIp(ip);
  if (!byIp.allowed) return licenseReply({ action, code: "RATE_LIMITED", error: byIp.error, retryAfterSeconds: byIp.retryAfterSeconds });
  let body: Record<string, unknown>;
  try {
    body = fieldsOf(await readFormOrJson(request));
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ...licenseReply({ action, code: "INVALID_REQUEST", error: `${error.message} Send license_key and the other fields form-encoded or as JSON.` }), status: error.status };
  }
  const { schema, run: perform } = actions[action];
  const parsed = schema.safeParse(body);
  if (!parsed.success) return licenseReply({ action, code: "INVALID_REQUEST", error: parsed.error.issues[0]?.message ?? "The request is missing a field." });
  const byKey = await limitLicenseRequestsByKey(parsed.data.license_key);
  if (!byKey.allowed) return licenseReply({ action, code: "RATE_LIMITED", error: byKey.error, retryAfterSeconds: byKey.retryAfterSeconds });
  return (perform as (input: typeof parsed.data, ip: string | null) => Promise<LicenseApiResult>)(parsed.data, ip);
}

/** Always JSON in Lemon Squeezy's shape, also for our own failures (never a stack trace). */
export async function handleLicenseRequest(request: Request, action: LicenseAction): Promise<Response> {
  try {
    return toResponse(await run(request, action));
  } catch (error) {
    log.error("license_request_failed", { action, error });
    return toResponse(licenseReply({ action, code: "INTERNAL_ERROR", error: "Something went wrong on our side. Please try again in a minute." }));
  }
}
