// The frame every Handoff email shares: store name on top, support line at the bottom.
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export type EmailLayoutProps = { preview: string; storeName: string; supportEmail: string; children: ReactNode };

export const colors = { ink: "#1c1917", muted: "#57534e", accent: "#0f766e", line: "#e7e5e4", panel: "#f5f5f4" };

/** The one call-to-action look every email shares. */
export const buttonStyle = { backgroundColor: colors.accent, color: "#ffffff", borderRadius: "6px", padding: "10px 16px", fontSize: "15px", fontWeight: 600 };

export function EmailLayout({ preview, storeName, supportEmail, children }: EmailLayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#ffffff", color: colors.ink, fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" }}>
        <Container style={{ maxWidth: "560px", padding: "24px 16px" }}>
          <Text style={{ fontSize: "14px", fontWeight: 700, letterSpacing: "0.04em", textTransform: "uppercase", color: colors.accent }}>
            {storeName}
          </Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: colors.line, margin: "32px 0 16px" }} />
          <Text style={{ fontSize: "13px", color: colors.muted }}>
            Questions or trouble with a download? Reply to this email or write to {supportEmail}.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
