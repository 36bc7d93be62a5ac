// Renders React Email templates once per shape: the per-message values (links, keys, dates) go in as
// placeholders, the rendered HTML and text are cached, and each message fills its own values in.
// A React render plus HTML-to-text costs milliseconds; a launch-day burst sends thousands of emails
// that differ only in those values.
import "server-only";
import type { ReactElement } from "react";
import { render, toPlainText } from "@react-email/render";

const MAX_CACHED = 500;
const cache = new Map<string, { html: string; text: string }>();

export type Slots = {
  /** A placeholder that stands for `value` in the props; filled in after rendering. */
  put: (value: string) => string;
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!);
}

/**
 * `build` receives the slots and returns the element and its props; values given to `slots.put`
 * must be plain text (they are HTML-escaped into the HTML, and used as they are in the text).
 * The props, with placeholders in place of values, are the cache key, so two messages share a
 * render only when everything but the slotted values is the same.
 */
export async function renderEmailCached<P extends object>(build: (slots: Slots) => { element: (props: P) => ReactElement; props: P }) {
  const values: string[] = [];
  const slots: Slots = {
    put: (value) => {
      values.push(value);
      return `HANDOFFSLOT${values.length - 1}X`;
    },
  };
  const { element, props } = build(slots);
  const key = JSON.stringify(props);
  let rendered = cache.get(key);
  if (!rendered) {
    const html = await render(element(props));
    rendered = { html, text: toPlainText(html) };
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, rendered);
  }
  const fill = (template: string, escape: (value: string) => string) => template.replace(/HANDOFFSLOT(\d+)X/g, (_, index: string) => escape(values[Number(index)] ?? ""));
  return { html: fill(rendered.html, escapeHtml), text: fill(rendered.text, (value) => value) };
}
