// The shell of every page: header, the demo-mode banner when no Stripe key is set, footer.
import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { connection } from "next/server";
import { getEnv } from "@/server/env";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Store", template: "%s" }, robots: { index: true } };

export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection(); // configuration is read at request time, never baked in at build
  const env = getEnv();
  return (
    <html lang="en">
      <body>
        {env.isDemo ? (
          <div className="demo-banner" role="status">
            Demo mode: no Stripe key is set, so no real payment is taken. Checkout, email and downloads run locally.
          </div>
        ) : null}
        <header className="site-header">
          <div className="inner">
            <Link className="brand" href="/">
              {env.STORE_NAME}
            </Link>
            <nav className="nav" aria-label="Main">
              <Link href="/">Products</Link>
              <Link href="/portal">Your library</Link>
            </nav>
          </div>
        </header>
        {children}
        <footer className="site-footer">
          <div className="inner">
            Help with an order: <a href={`mailto:${env.SUPPORT_EMAIL}`}>{env.SUPPORT_EMAIL}</a>
          </div>
        </footer>
      </body>
    </html>
  );
}
