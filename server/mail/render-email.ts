// One React Email element to the HTML and plain-text bodies every outbox message stores.
import "server-only";
import type { ReactElement } from "react";
import { render } from "@react-email/render";

export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  return { html: await render(element), text: await render(element, { plainText: true }) };
}
