// One local email's HTML, exactly as it would reach the buyer (development and demo mode only).
import { getLocalMail, isLocalMailboxOpen } from "@/server/mail/local-mailbox";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isLocalMailboxOpen()) return new Response("Not found", { status: 404 });
  const message = await getLocalMail((await params).id);
  if (!message?.html) return new Response("No such email.", { status: 404 });
  return new Response(message.html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
