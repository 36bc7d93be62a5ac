// The seller's email when something needs a human: a dispute opened, a delivery that finally failed.
import { Button, Heading, Section, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, colors } from "./components/email-layout";

export type SellerAlertEmailProps = {
  storeName: string;
  supportEmail: string;
  title: string;
  /** Short paragraphs, already in words: what happened, what Handoff did, what to do next. */
  lines: string[];
  /** Key facts shown as a list, e.g. ["Order", "cm1..."]. */
  facts: Array<[string, string]>;
  action?: { label: string; url: string };
};

export function SellerAlertEmail({ storeName, supportEmail, title, lines, facts, action }: SellerAlertEmailProps) {
  return (
    <EmailLayout preview={title} storeName={storeName} supportEmail={supportEmail}>
      <Heading as="h1" style={{ fontSize: "22px", margin: "8px 0 16px" }}>
        {title}
      </Heading>
      {lines.map((line) => (
        <Text key={line} style={{ fontSize: "15px" }}>
          {line}
        </Text>
      ))}
      {facts.length ? (
        <Section style={{ backgroundColor: colors.panel, borderRadius: "8px", padding: "12px 16px", margin: "8px 0 16px" }}>
          {facts.map(([label, value]) => (
            <Text key={label} style={{ fontSize: "14px", margin: "4px 0" }}>
              <strong>{label}:</strong> {value}
            </Text>
          ))}
        </Section>
      ) : null}
      {action ? (
        <Button href={action.url} style={buttonStyle}>
          {action.label}
        </Button>
      ) : null}
    </EmailLayout>
  );
}

SellerAlertEmail.PreviewProps = {
  storeName: "Handoff Demo Store",
  supportEmail: "support@example.com",
  title: "A payment dispute was opened: respond by 12 December 2026",
  lines: [
    "The buyer's bank disputed a payment. Handoff suspended the buyer's downloads and license keys until the dispute is settled.",
    "Handoff drafted evidence from the order (receipt, product, download and activation log) and staged it on the dispute without submitting it. Review it, add anything you have, and submit it in Stripe.",
  ],
  facts: [
    ["Order", "ord_preview"],
    ["Buyer", "buyer@example.com"],
    ["Amount", "$19.00"],
    ["Reason", "product_not_received"],
  ],
  action: { label: "Open the dispute in Stripe", url: "https://dashboard.stripe.com/disputes/du_preview" },
} satisfies SellerAlertEmailProps;

export default SellerAlertEmail;
