// The buyer's email when a delayed payment (bank debit and the like) did not go through: what happened, and a way back.
import { Button, Heading, Section, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, colors } from "./components/email-layout";

export type RetryProduct = { name: string; url: string };

export type PaymentFailedEmailProps = {
  storeName: string;
  supportEmail: string;
  orderRef: string;
  /** The products of the failed checkout, each with an absolute link to its page; empty: link to the store. */
  products: RetryProduct[];
  storeUrl: string;
};

export function paymentFailedSubject(props: Pick<PaymentFailedEmailProps, "products" | "storeName">): string {
  const names = props.products.map((product) => product.name);
  return names.length === 1 ? `Your payment for ${names[0]} did not go through` : `Your payment to ${props.storeName} did not go through`;
}

export function PaymentFailedEmail({ storeName, supportEmail, orderRef, products, storeUrl }: PaymentFailedEmailProps) {
  const targets = products.length ? products : [{ name: storeName, url: storeUrl }];
  return (
    <EmailLayout preview="Your payment did not go through. Nothing was delivered or charged." storeName={storeName} supportEmail={supportEmail}>
      <Heading as="h1" style={{ fontSize: "24px", margin: "8px 0 16px" }}>
        Your payment did not go through
      </Heading>
      <Text style={{ fontSize: "15px" }}>
        Your bank or payment provider did not complete the payment, so this order was not delivered and you have not been charged for it.
        You can try again with another payment method:
      </Text>
      {targets.map((target) => (
        <Section key={target.url} style={{ margin: "8px 0" }}>
          <Button
            href={target.url}
            style={buttonStyle}
          >
            {products.length ? `Buy ${target.name} again` : `Back to ${target.name}`}
          </Button>
        </Section>
      ))}
      <Text style={{ fontSize: "12px", color: colors.muted }}>Order {orderRef}</Text>
    </EmailLayout>
  );
}

PaymentFailedEmail.PreviewProps = {
  storeName: "Handoff Demo Store",
  supportEmail: "support@example.com",
  orderRef: "ord_preview",
  products: [{ name: "The Field Guide", url: "http://localhost:3000/products/field-guide" }],
  storeUrl: "http://localhost:3000",
} satisfies PaymentFailedEmailProps;

export default PaymentFailedEmail;
