// A small, complete HTML page for refusals outside the React tree (downloads): says why and what to do.
import "server-only";
import { getEnv } from "@/server/env";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export type RefusalPageOptions = { status: number; title: string; message: string; action?: { href: string; label: string } };

export function refusalPage({ status, title, message, action }: RefusalPageOptions): Response {
  const env = getEnv();
  const support = escapeHtml(env.SUPPORT_EMAIL);
  const button = action ? `<p><a class="button" href="${escapeHtml(action.href)}">${escapeHtml(action.label)}</a></p>` : "";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(env.STORE_NAME)}</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fafaf9;color:#1c1917;margin:0;padding:48px 20px}
main{max-width:520px;margin:0 auto;background:#fff;border:1px solid #e7e5e4;border-radius:12px;padding:32px}
h1{font-size:1.5rem;margin:0 0 12px}p{line-height:1.55}.button{display:inline-block;background:#0f766e;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none;font-weight:600}
.muted{color:#57534e;font-size:.9rem}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${button}
<p class="muted">Need help? Write to <a href="mailto:${support}">${support}</a>.</p></main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
