// POST /portal/download: a library Download button. Mints a fresh link for the buyer's own file and goes there.
import { assertSameOrigin } from "@/server/http/assert-same-origin";
import { readFormOrJson } from "@/server/http/read-form-or-json";
import { AppError } from "@/server/errors";
import { getSignedInEmail } from "@/server/portal/get-signed-in-email";
import { mintLibraryDownload } from "@/server/portal/mint-library-download";
import { downloadRequestSchema } from "@/server/portal/schemas";
import { portalErrorPage, redirectTo } from "@/server/portal/portal-http";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const email = await getSignedInEmail();
    if (!email) return redirectTo({ path: "/portal", params: { error: "session_needed" } });
    const input = downloadRequestSchema.safeParse(await readFormOrJson(request));
    if (!input.success) throw new AppError("bad_request", "That download button is out of date. Reload your library and try again.");
    const url = await mintLibraryDownload({ email, entitlementId: input.data.entitlement, fileIndex: input.data.file });
    return redirectTo({ path: url });
  } catch (error) {
    return portalErrorPage(error, "portal_download");
  }
}
