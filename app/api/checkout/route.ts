// POST /api/checkout: a form post (or JSON) naming a product; redirects to the checkout page.
import { createCheckout } from "@/server/checkout/create-checkout";
import { checkoutRequestSchema } from "@/server/checkout/schemas";
import { readFormOrJson } from "@/server/http/read-form-or-json";
import { AppError, toErrorResponse } from "@/server/errors";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const parsed = checkoutRequestSchema.safeParse(await readFormOrJson(request));
    if (!parsed.success) throw new AppError("bad_request", "Name a product to buy: send product=<slug> from the storefront.");
    const { url } = await createCheckout({ slug: parsed.data.product, email: parsed.data.email });
    if (request.headers.get("accept")?.includes("application/json")) return Response.json({ url });
    return Response.redirect(url, 303);
  } catch (error) {
    return toErrorResponse(error, { route: "checkout" });
  }
}
