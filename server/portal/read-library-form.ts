// What every library button's post starts with: from our own page, by a signed-in buyer, with fields that parse.
import "server-only";
import type { z } from "zod";
import { AppError } from "@/server/errors";
import { assertSameOrigin } from "@/server/http/assert-same-origin";
import { readFormOrJson } from "@/server/http/read-form-or-json";
import { getSignedInEmail } from "@/server/portal/get-signed-in-email";
import { redirectTo } from "@/server/portal/portal-http";

export type LibraryForm<T> = { email: string; input: T };

const STALE_BUTTON = "That button is out of date. Reload your library and try again.";

/**
 * Throws a 403 AppError for a post from another site and a 400 for fields that do not parse (a page
 * rendered before a change); returns the redirect to sign in when the session has ended. The email
 * comes from the session, never from the form: callers check every id in `input` against it.
 */
export async function readLibraryForm<T>(request: Request, schema: z.ZodType<T>, staleMessage = STALE_BUTTON): Promise<LibraryForm<T> | Response> {
  assertSameOrigin(request);
  const email = await getSignedInEmail();
  if (!email) return redirectTo({ path: "/portal", params: { error: "session_needed" } });
  const input = schema.safeParse(await readFormOrJson(request));
  if (!input.success) throw new AppError("bad_request", staleMessage);
  return { email, input: input.data };
}
