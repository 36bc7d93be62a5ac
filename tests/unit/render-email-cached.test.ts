// Cached email rendering: each message's values land escaped in the HTML, verbatim in the text,
// and a second message of the same shape is a cache hit that still carries its own values.
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderEmailCached } from "@/server/mail/render-email-cached";
import { OrderDeliveredEmail, type OrderDeliveredEmailProps } from "@/emails/order-delivered";

function renderFor(index: number) {
  return renderEmailCached((slots) => {
    const props: OrderDeliveredEmailProps = {
      ...OrderDeliveredEmail.PreviewProps,
      orderRef: slots.put(`ord_${index}`),
      expiresAtText: slots.put("Monday <soon> & later"),
      products: [{ name: "The Field Guide", files: [{ name: "Field Guide.pdf", url: slots.put(`http://shop.test/download/t${index}?a=1&b=2`) }], licenseKey: slots.put(`KEY-${index}`) }],
    };
    return { element: (p: OrderDeliveredEmailProps) => createElement(OrderDeliveredEmail, p), props };
  });
}

describe("renderEmailCached", () => {
  it("fills each message's values: escaped in HTML, as they are in text", async () => {
    const { html, text } = await renderFor(1);
    expect(html).toContain('href="http://shop.test/download/t1?a=1&amp;b=2"');
    expect(html).toContain("Monday &lt;soon&gt; &amp; later");
    expect(html).toContain("KEY-1");
    expect(text).toContain("http://shop.test/download/t1?a=1&b=2");
    expect(text).toContain("Monday <soon> & later");
    expect(html + text).not.toMatch(/HANDOFFSLOT/);
  });

  it("gives every message of the same shape its own values, never another's", async () => {
    await renderFor(2);
    const results = await Promise.all(Array.from({ length: 200 }, (_, index) => renderFor(100 + index)));
    results.forEach(({ html }, index) => {
      expect(html).toContain(`/download/t${100 + index}?`);
      expect(html).toContain(`KEY-${100 + index}`);
      expect(html).not.toContain("KEY-2<");
    });
  });
});
