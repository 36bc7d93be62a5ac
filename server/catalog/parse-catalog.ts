// Validates a catalog's text against the schema and the storage root, naming the product and field at fault.
import path from "node:path";
import { catalogSchema, type Catalog } from "@/server/catalog/schemas";

export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CatalogError";
  }
}

export type ParseCatalogOptions = {
  text: string;
  source: string;
  /** Tells whether a catalog file path exists in storage; omitted, existence is not checked. */
  fileExists?: (relativePath: string) => boolean;
};

/** Resolves a catalog path inside root, or returns null when it would leave it. */
export function resolveInsideRoot(root: string, relativePath: string): string | null {
  if (path.isAbsolute(relativePath) || relativePath.includes("\0") || relativePath.includes("\\")) return null;
  const absoluteRoot = path.resolve(root);
  const resolved = path.resolve(absoluteRoot, relativePath);
  if (resolved !== absoluteRoot && resolved.startsWith(absoluteRoot + path.sep)) return resolved;
  return null;
}

function describePath(catalog: unknown, issuePath: PropertyKey[]): string {
  const [first, index, ...rest] = issuePath;
  if (first === "products" && typeof index === "number") {
    const product = (catalog as { products?: Array<{ slug?: unknown }> }).products?.[index];
    const slug = typeof product?.slug === "string" ? `"${product.slug}"` : `#${index + 1}`;
    return rest.length ? `product ${slug}, field ${rest.map(String).join(".")}` : `product ${slug}`;
  }
  return issuePath.length ? `field ${issuePath.map(String).join(".")}` : "the catalog";
}

/** Parses and checks a catalog; throws a CatalogError whose message names the product and field. */
export function parseCatalog({ text, source, fileExists }: ParseCatalogOptions): Catalog {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CatalogError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${describePath(json, issue.path)}: ${issue.message}`);
    throw new CatalogError(`${source} is invalid:\n  ${lines.join("\n  ")}`);
  }
  const catalog = parsed.data;
  const problems: string[] = [];
  const seen = new Set<string>();
  const priceIds = new Map<string, string>();
  for (const product of catalog.products) {
    const name = `product "${product.slug}"`;
    if (seen.has(product.slug)) problems.push(`${name}, field slug: duplicate slug; each product needs its own`);
    seen.add(product.slug);
    if (!product.stripePriceId && !product.price) {
      problems.push(`${name}: needs stripePriceId (your Stripe price) or price { amount, currency }`);
    }
    if (product.stripePriceId) {
      const other = priceIds.get(product.stripePriceId);
      if (other) problems.push(`${name}, field stripePriceId: already used by product "${other}"`);
      priceIds.set(product.stripePriceId, product.slug);
    }
    product.files.forEach((file, index) => {
      const field = `${name}, field files.${index}.path`;
      if (!resolveInsideRoot("/storage-root", file.path)) {
        problems.push(`${field}: "${file.path}" leaves STORAGE_DIR; use a path relative to it, without ..`);
      } else if (fileExists && !fileExists(file.path)) {
        problems.push(`${field}: "${file.path}" does not exist in storage`);
      }
    });
  }
  if (problems.length) throw new CatalogError(`${source} is invalid:\n  ${problems.join("\n  ")}`);
  return catalog;
}
