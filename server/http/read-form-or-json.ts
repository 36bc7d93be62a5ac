// Reads a small request body that may be a form post, JSON or JSON:API (vnd.api+json), as a plain object.
import "server-only";
import { AppError } from "@/server/errors";
import { readLimitedBody } from "@/server/http/read-limited-body";

export async function readFormOrJson(request: Request, maxBytes = 16 * 1024): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  const text = await readLimitedBody(request, maxBytes);
  if (type.includes("json")) {
    if (!text.trim()) return {};
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // fall through to the error below
    }
    throw new AppError("bad_request", "The body is not a JSON object.");
  }
  return Object.fromEntries(new URLSearchParams(text));
}
