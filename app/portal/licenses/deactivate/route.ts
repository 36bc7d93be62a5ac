// POST /portal/licenses/deactivate: "Deactivate" one device of a license key of the signed-in buyer.
import { portalErrorPage, redirectTo } from "@/server/portal/portal-http";
import { readLibraryForm } from "@/server/portal/read-library-form";
import { buyerActivationSchema } from "@/server/licenses/schemas";
import { deactivateBuyerActivation } from "@/server/licenses/deactivate-buyer-activation";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const form = await readLibraryForm(request, buyerActivationSchema);
    if (form instanceof Response) return form;
    const { orderId } = await deactivateBuyerActivation({ email: form.email, activationId: form.input.activation });
    return redirectTo({ path: "/portal", params: { license: "deactivated", order: orderId }, hash: `order-${orderId}` });
  } catch (error) {
    return portalErrorPage(error, "portal_license_deactivate");
  }
}
