// POST /portal/download: a library Download button. Mints a fresh link for the buyer's own file and goes there.
import { mintLibraryDownload } from "@/server/portal/mint-library-download";
import { downloadRequestSchema } from "@/server/portal/schemas";
import { portalErrorPage, redirectTo } from "@/server/portal/portal-http";
import { readLibraryForm } from "@/server/portal/read-library-form";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const form = await readLibraryForm(request, downloadRequestSchema, "That download button is out of date. Reload your library and try again.");
    if (form instanceof Response) return form;
    const url = await mintLibraryDownload({ email: form.email, entitlementId: form.input.entitlement, fileIndex: form.input.file });
    return redirectTo({ path: url });
  } catch (error) {
    return portalErrorPage(error, "portal_download");
  }
}
