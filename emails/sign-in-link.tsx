// The sign-in email: a button to the portal's confirm page, and the same sign-in as a short typed code.
import { Button, Heading, Text } from "@react-email/components";
import { EmailLayout, colors } from "./components/email-layout";

export type SignInLinkEmailProps = {
  storeName: string;
  supportEmail: string;
  /** The portal's confirm page; opening it signs nothing in until the person presses Continue. */
  url: string;
  /** Six digits, typed on the "check your email" page instead of clicking. */
  code: string;
  /** e.g. "15 minutes". */
  expiresInText: string;
};

export function signInLinkSubject(props: Pick<SignInLinkEmailProps, "storeName">): string {
  return `Sign in to your ${props.storeName} library`;
}

export function SignInLinkEmail({ storeName, supportEmail, url, code, expiresInText }: SignInLinkEmailProps) {
  return (
    <EmailLayout preview={`Your sign-in link, valid for ${expiresInText}.`} storeName={storeName} supportEmail={supportEmail}>
      <Heading as="h1" style={{ fontSize: "24px", margin: "8px 0 16px" }}>
        Sign in to your library
      </Heading>
      <Text style={{ fontSize: "15px" }}>Press the button to see your purchases and download your files again.</Text>
      <Button
        href={url}
        style={{ backgroundColor: colors.accent, color: "#ffffff", borderRadius: "6px", padding: "12px 20px", fontSize: "16px", fontWeight: 600 }}
      >
        Sign in
      </Button>
      <Text style={{ fontSize: "15px", margin: "24px 0 4px" }}>Or type this code on the sign-in page:</Text>
      <Text style={{ fontSize: "28px", fontWeight: 700, letterSpacing: "0.2em", fontFamily: "ui-monospace, Menlo, monospace", margin: "0 0 16px" }}>
        {code}
      </Text>
      <Text style={{ fontSize: "14px", color: colors.muted }}>
        The link and the code work once, for {expiresInText}. If you did not ask to sign in, you can ignore this email: nothing
        happens without it.
      </Text>
    </EmailLayout>
  );
}

SignInLinkEmail.PreviewProps = {
  storeName: "Handoff Demo Store",
  supportEmail: "support@example.com",
  url: "http://localhost:3000/portal/verify?token=preview&email=reader%40example.com",
  code: "482913",
  expiresInText: "15 minutes",
} satisfies SignInLinkEmailProps;

export default SignInLinkEmail;
