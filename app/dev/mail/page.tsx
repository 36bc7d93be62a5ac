// Development mailbox: every email the app queued, newest first, each viewable as the buyer sees it.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isLocalMailboxOpen, listLocalMail } from "@/server/mail/local-mailbox";

export const metadata: Metadata = { title: "Local mail", robots: { index: false } };

export default async function DevMailPage() {
  if (!isLocalMailboxOpen()) notFound();
  const messages = await listLocalMail();
  return (
    <main className="page">
      <h1>Local mail</h1>
      <p className="lead">Emails this store sent while no RESEND_API_KEY is set (development and demo mode only).</p>
      {messages.length === 0 ? <p>No mail yet. Buy something from the store.</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">To</th>
            <th scope="col">Subject</th>
            <th scope="col">Status</th>
            <th scope="col">Queued</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id}>
              <td>{message.to}</td>
              <td>{message.subject ? <a href={`/dev/mail/${message.id}`}>{message.subject}</a> : <em>{message.kind} (not rendered yet)</em>}</td>
              <td>{message.status}{message.lastError ? ` (${message.lastError})` : ""}</td>
              <td>{message.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
