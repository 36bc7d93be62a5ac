// The delivery email: one absolute download link per file, when they expire, license keys, the portal.
import { Button, Heading, Link, Section, Text } from "@react-email/components";
import { EmailLayout, buttonStyle, colors } from "./components/email-layout";

export type DeliveredFile = { name: string; url: string };
export type DeliveredProduct = {
  name: string;
  files: DeliveredFile[];
  /** e.g. "5 of 5 downloads left"; absent when unlimited. */
  downloadsLeft?: string;
  licenseKey?: string;
  activationLimitText?: string;
};

export type OrderDeliveredEmailProps = {
  storeName: string;
  supportEmail: string;
  orderRef: string;
  products: DeliveredProduct[];
  /** Human text, e.g. "Tuesday 1 December 2026, 14:05 UTC". */
  expiresAtText: string;
  portalUrl: string;
};

export function orderDeliveredSubject(props: Pick<OrderDeliveredEmailProps, "products" | "storeName">): string {
  const names = props.products.map((product) => product.name);
  return names.length === 1 ? `Your download: ${names[0]}` : `Your downloads from ${props.storeName}`;
}

export function OrderDeliveredEmail(props: OrderDeliveredEmailProps) {
  const { storeName, supportEmail, orderRef, products, expiresAtText, portalUrl } = props;
  return (
    <EmailLayout preview={`Thank you for your order. Your files are ready.`} storeName={storeName} supportEmail={supportEmail}>
      <Heading as="h1" style={{ fontSize: "24px", margin: "8px 0 16px" }}>
        Thank you. Your files are ready.
      </Heading>
      {products.map((product) => (
        <Section key={product.name} style={{ backgroundColor: colors.panel, borderRadius: "8px", padding: "16px", margin: "0 0 16px" }}>
          <Text style={{ fontSize: "17px", fontWeight: 700, margin: "0 0 8px" }}>{product.name}</Text>
          {product.files.map((file) => (
            <Section key={file.url} style={{ margin: "8px 0" }}>
              <Button
                href={file.url}
                style={buttonStyle}
              >
                Download {file.name}
              </Button>
            </Section>
          ))}
          {product.downloadsLeft ? <Text style={{ fontSize: "13px", color: colors.muted, margin: "8px 0 0" }}>{product.downloadsLeft}</Text> : null}
          {product.licenseKey ? (
            <Text style={{ fontSize: "14px", margin: "12px 0 0" }}>
              License key: <code style={{ fontFamily: "ui-monospace, Menlo, monospace", fontSize: "15px", fontWeight: 700 }}>{product.licenseKey}</code>
              {product.activationLimitText ? ` (${product.activationLimitText})` : null}
            </Text>
          ) : null}
        </Section>
      ))}
      <Text style={{ fontSize: "14px", color: colors.muted }}>These links expire {expiresAtText}.</Text>
      <Text style={{ fontSize: "14px" }}>
        Lost this email, or the links expired? Get fresh links any time at <Link href={portalUrl}>{portalUrl}</Link> with this email
        address. No password needed.
      </Text>
      <Text style={{ fontSize: "12px", color: colors.muted }}>Order {orderRef}</Text>
    </EmailLayout>
  );
}

OrderDeliveredEmail.PreviewProps = {
  storeName: "Handoff Demo Store",
  supportEmail: "support@example.com",
  orderRef: "ord_preview",
  products: [
    {
      name: "The Field Guide",
      files: [{ name: "Field Guide.pdf", url: "http://localhost:3000/download/preview-token" }],
      downloadsLeft: "5 of 5 downloads left",
      licenseKey: "ACDEF-GHJKM-NPQRT-UVWXY",
      activationLimitText: "up to 3 devices",
    },
  ],
  expiresAtText: "Tuesday 1 December 2026 at 14:05 UTC",
  portalUrl: "http://localhost:3000/portal",
} satisfies OrderDeliveredEmailProps;

export default OrderDeliveredEmail;
