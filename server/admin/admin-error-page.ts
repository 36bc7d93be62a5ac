// When a dashboard form is refused: a small page that says why and leads back to where the admin was.
import "server-only";
import type { AppError } from "@/server/errors";
import { escapeHtml } from "@/server/http/refusal-page";

/** Back to the page the form was on (same origin only), else the dashboard's start. */
function backTo(request: Request): string {
  const referer = request.headers.get("referer");
  try {
    const url = referer ? new URL(referer) : null;
    if (url && url.origin === new URL(request.url).origin && url.pathname.startsWith("/admin")) return `${url.pathname}${url.search}`;
  } catch {
    // no usable referer
  }
  return "/admin";
}

export function adminErrorPage(error: AppError, request: Request): Response {
  const back = escapeHtml(backTo(request));
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>Not done · Dashboard</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fafaf9;color:#1c1917;margin:0;padding:48px 20px}
main{max-width:560px;margin:0 auto;background:#fff;border:1px solid #e7e5e4;border-radius:12px;padding:32px}
h1{font-size:1.4rem;margin:0 0 12px}p{line-height:1.55}a.button{display:inline-block;background:#0f766e;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none;font-weight:600}</style></head>
<body><main><h1>That was not done</h1><p role="alert">${escapeHtml(error.message)}</p><p><a class="button" href="${back}">Back to the dashboard</a></p></main></body></html>`;
  return new Response(html, { status: error.status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
