// POST /portal/licenses/reset: "Reset all activations" of a license key of the signed-in buyer, once per cool-down.
import { portalErrorPage, redirectTo } from "@/server/portal/portal-http";
import { readLibraryForm } from "@/server/portal/read-library-form";
import { buyerLicenseKeySchema } from "@/server/licenses/schemas";
import { ResetCooldownError, resetBuyerActivations } from "@/server/licenses/reset-buyer-activations";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const form = await readLibraryForm(request, buyerLicenseKeySchema);
    if (form instanceof Response) return form;
    const { orderId } = await resetBuyerActivations({ email: form.email, licenseKeyId: form.input.license });
    return redirectTo({ path: "/portal", params: { license: "reset", order: orderId }, hash: `order-${orderId}` });
  } catch (error) {
    if (error instanceof ResetCooldownError) {
      const params = { error: "reset_wait", until: error.nextResetAt.toISOString(), order: error.orderId };
      return redirectTo({ path: "/portal", params, hash: `order-${error.orderId}` });
    }
    return portalErrorPage(error, "portal_license_reset");
  }
}
