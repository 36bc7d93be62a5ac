// next-auth's own endpoints (session, csrf, providers, signout). Sign-in requests and magic links go
// through the portal's pages instead, where the rate limits and the scanner-safe confirm step live.
import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/portal/auth-options";
import { redirectTo } from "@/server/portal/portal-http";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

function nextAuth(request: Request, context: Context): Promise<Response> {
  return (NextAuth(getAuthOptions()) as (request: Request, context: Context) => Promise<Response>)(request, context);
}

export async function GET(request: Request, context: Context) {
  const [action] = (await context.params).nextauth;
  // A GET of a magic link must never spend it: show the confirm page, which signs in by POST.
  if (action === "callback") return redirectTo({ path: `/portal/verify${new URL(request.url).search}` });
  return nextAuth(request, context);
}

export async function POST(request: Request, context: Context) {
  const [action] = (await context.params).nextauth;
  if (action === "signin" || action === "callback") return redirectTo({ path: "/portal" });
  return nextAuth(request, context);
}
