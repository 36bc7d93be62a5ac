// GET /api/licenses/public-key: the PEM public key that verifies license certificates offline.
import { getLicensePublicKeyPem } from "@/server/licenses/sign-license-certificate";

export const dynamic = "force-dynamic";

export function GET() {
  const pem = getLicensePublicKeyPem();
  if (!pem) {
    return Response.json(
      { error: { code: "not_configured", message: "This store does not sign license certificates: LICENSE_SIGNING_KEY is not set." } },
      { status: 404 },
    );
  }
  return new Response(pem, { headers: { "Content-Type": "application/x-pem-file", "Cache-Control": "public, max-age=300" } });
}
