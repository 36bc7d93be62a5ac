// The dashboard's frame on every admin page: its own navigation, who is signed in, the page itself.
import type { ReactNode } from "react";
import Link from "next/link";
import { countFailedMessages } from "@/server/admin/count-failed-messages";

export type AdminSection = "overview" | "orders" | "deliveries" | "audit";

const links: Array<{ section: AdminSection; href: string; label: string }> = [
  { section: "overview", href: "/admin", label: "Overview" },
  { section: "orders", href: "/admin/orders", label: "Orders" },
  { section: "deliveries", href: "/admin/deliveries", label: "Deliveries" },
  { section: "audit", href: "/admin/audit", label: "Audit log" },
];

export async function AdminShell({ current, actor, children }: { current: AdminSection; actor: string; children: ReactNode }) {
  const failed = await countFailedMessages();
  return (
    <>
      <nav className="admin-nav" aria-label="Dashboard">
        <div className="inner">
          {links.map((link) => (
            <Link key={link.section} href={link.href} aria-current={link.section === current ? "page" : undefined}>
              {link.label}
              {link.section === "deliveries" && failed > 0 ? (
                <span className="count" aria-label={`${failed} failed`}>
                  {failed}
                </span>
              ) : null}
            </Link>
          ))}
          <span className="who">Signed in as {actor}</span>
        </div>
      </nav>
      <main className="admin">{children}</main>
    </>
  );
}
