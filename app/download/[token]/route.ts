// Token-checked downloads: GET streams (Range supported), HEAD answers headers only.
import { serveDownload } from "@/server/downloads/serve-download";
import { clientIp } from "@/server/http/client-ip";
import { toErrorResponse } from "@/server/errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

async function handle(request: Request, { params }: Context, method: "GET" | "HEAD") {
  try {
    const { token } = await params;
    return await serveDownload({
      token,
      method,
      rangeHeader: request.headers.get("range"),
      ip: clientIp(request),
      userAgent: request.headers.get("user-agent"),
    });
  } catch (error) {
    return toErrorResponse(error, { route: "download" });
  }
}

export const GET = (request: Request, context: Context) => handle(request, context, "GET");
export const HEAD = (request: Request, context: Context) => handle(request, context, "HEAD");
