// The catalog refuses every mistake with a message naming the product and the field.
import { describe, expect, it } from "vitest";
import { parseCatalog, resolveInsideRoot } from "@/server/catalog/parse-catalog";

const product = (overrides: Record<string, unknown> = {}) => ({
  slug: "field-guide",
  name: "The Field Guide",
  price: { amount: 1900, currency: "usd" },
  files: [{ path: "field-guide/guide.pdf", name: "Guide.pdf" }],
  ...overrides,
});
const parse = (products: unknown[], fileExists?: (path: string) => boolean) =>
  parseCatalog({ text: JSON.stringify({ products }), source: "catalog.json", fileExists });

describe("parseCatalog", () => {
  it("accepts the contract's example and fills defaults", () => {
    const catalog = parse([product({ stripePriceId: "price_123", downloadLimit: 5, licenseKeys: { activationLimit: 3 } })]);
    expect(catalog.products[0]).toMatchObject({ linkTtlHours: 24, downloadLimit: 5, revokeOnPartialRefund: false });
  });
  it("names the product and field of a wrong type", () => {
    expect(() => parse([product({ downloadLimit: "five" })])).toThrow(/product "field-guide", field downloadLimit/);
  });
  it("refuses an unknown field instead of ignoring a typo", () => {
    expect(() => parse([product({ downloadLimt: 5 })])).toThrow(/product "field-guide".*downloadLimt/s);
  });
  it("refuses duplicate slugs", () => {
    expect(() => parse([product(), product()])).toThrow(/product "field-guide", field slug: duplicate slug/);
  });
  it("refuses a path that leaves the storage root", () => {
    for (const path of ["../secrets.txt", "/etc/passwd", "a/../../b"]) {
      expect(() => parse([product({ files: [{ path, name: "x" }] })])).toThrow(/field files\.0\.path: .* leaves STORAGE_DIR/);
    }
  });
  it("refuses a missing file when storage can be checked", () => {
    expect(() => parse([product()], () => false)).toThrow(/field files\.0\.path: "field-guide\/guide\.pdf" does not exist/);
  });
  it("needs a price or a Stripe price id", () => {
    expect(() => parse([product({ price: undefined })])).toThrow(/needs stripePriceId/);
  });
  it("says where JSON is broken", () => {
    expect(() => parseCatalog({ text: "{ products: [", source: "catalog.json" })).toThrow(/catalog.json is not valid JSON/);
  });
});

describe("resolveInsideRoot", () => {
  it("resolves inside and refuses outside", () => {
    expect(resolveInsideRoot("/srv/files", "a/b.pdf")).toBe("/srv/files/a/b.pdf");
    expect(resolveInsideRoot("/srv/files", "../files-evil/x")).toBeNull();
    expect(resolveInsideRoot("/srv/files", "")).toBeNull();
    expect(resolveInsideRoot("/srv/files", "a\\..\\..\\x")).toBeNull();
  });
});
