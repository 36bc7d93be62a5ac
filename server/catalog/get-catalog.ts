// Loads catalog.json once (again when the file changes) and answers product look-ups.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/server/env";
import { parseCatalog } from "@/server/catalog/parse-catalog";
import type { Catalog, Product } from "@/server/catalog/schemas";
import { getStorage } from "@/server/storage/get-storage";

let cache: { file: string; mtimeMs: number; catalog: Catalog } | undefined;

/** The validated catalog; throws a CatalogError naming the product and field when it is bad. */
export function getCatalog(): Catalog {
  const env = getEnv();
  const file = path.resolve(env.CATALOG_PATH);
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    throw new Error(`CATALOG_PATH: no catalog at ${file}. Create it (see the README) or point CATALOG_PATH at yours.`);
  }
  if (cache && cache.file === file && cache.mtimeMs === mtimeMs) return cache.catalog;
  const storage = getStorage();
  const catalog = parseCatalog({
    text: fs.readFileSync(file, "utf8"),
    source: env.CATALOG_PATH,
    fileExists: storage.checksAtStart ? (relative) => storage.existsSync(relative) : undefined,
  });
  cache = { file, mtimeMs, catalog };
  return catalog;
}

export function findProduct(slug: string): Product | undefined {
  return getCatalog().products.find((product) => product.slug === slug);
}

export function findProductByPriceId(priceId: string): Product | undefined {
  return getCatalog().products.find((product) => product.stripePriceId === priceId);
}
