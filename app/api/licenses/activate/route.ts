// POST /api/licenses/activate: Lemon Squeezy's License API shape (form, JSON or JSON:API body), plus a stable `code`.
import { handleLicenseRequest } from "@/server/licenses/handle-license-request";

export const POST = (request: Request) => handleLicenseRequest(request, "activate");
