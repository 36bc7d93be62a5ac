// The seller's morning report: yesterday's sales and deliveries in a few lines, and what needs a look.
import { Button, Heading, Section, Text } from "@react-email/components";
import { EmailLayout, colors } from "./components/email-layout";

export type DigestLine = { label: string; value: string; isAlert?: boolean };

export type DailyDigestEmailProps = {
  storeName: string;
  supportEmail: string;
  /** e.g. "Sunday 29 November 2026". */
  dayText: string;
  lines: DigestLine[];
  /** What needs the seller's attention, in words; empty when all is well. */
  alerts: string[];
  dashboardUrl: string;
};

export function dailyDigestSubject({ storeName, dayText, alerts }: Pick<DailyDigestEmailProps, "storeName" | "dayText" | "alerts">): string {
  return `${storeName} daily digest for ${dayText}${alerts.length ? ": needs a look" : ""}`;
}

export function DailyDigestEmail({ storeName, supportEmail, dayText, lines, alerts, dashboardUrl }: DailyDigestEmailProps) {
  return (
    <EmailLayout preview={lines.map((line) => `${line.label}: ${line.value}`).slice(0, 2).join(" · ")} storeName={storeName} supportEmail={supportEmail}>
      <Heading as="h1" style={{ fontSize: "22px", margin: "8px 0 16px" }}>
        {dayText}
      </Heading>
      {alerts.length ? (
        <Section style={{ backgroundColor: "#fef3c7", borderRadius: "8px", padding: "12px 16px", margin: "0 0 16px" }}>
          {alerts.map((alert) => (
            <Text key={alert} style={{ fontSize: "14px", color: "#78350f", margin: "4px 0" }}>
              {alert}
            </Text>
          ))}
        </Section>
      ) : null}
      <Section style={{ backgroundColor: colors.panel, borderRadius: "8px", padding: "8px 16px", margin: "0 0 16px" }}>
        {lines.map((line) => (
          <Text key={line.label} style={{ fontSize: "15px", margin: "8px 0", color: line.isAlert ? "#b91c1c" : colors.ink }}>
            {line.label}: <strong>{line.value}</strong>
          </Text>
        ))}
      </Section>
      <Button href={dashboardUrl} style={{ backgroundColor: colors.accent, color: "#ffffff", borderRadius: "6px", padding: "10px 16px", fontSize: "15px", fontWeight: 600 }}>
        Open the dashboard
      </Button>
      <Text style={{ fontSize: "12px", color: colors.muted }}>Days run from midnight to midnight UTC.</Text>
    </EmailLayout>
  );
}

DailyDigestEmail.PreviewProps = {
  storeName: "Handoff Demo Store",
  supportEmail: "support@example.com",
  dayText: "Sunday 29 November 2026",
  lines: [
    { label: "Orders", value: "12" },
    { label: "Revenue", value: "$228.00" },
    { label: "Delivery emails sent", value: "12" },
    { label: "Delivery emails failed", value: "1", isAlert: true },
    { label: "Payment to email (median / 95th)", value: "1.2 s / 3.4 s" },
    { label: "Slowest delivery", value: "8.1 s (reader@example.com)" },
  ],
  alerts: ["1 email failed for good. Open the deliveries page to retry it."],
  dashboardUrl: "http://localhost:3000/admin",
} satisfies DailyDigestEmailProps;

export default DailyDigestEmail;
