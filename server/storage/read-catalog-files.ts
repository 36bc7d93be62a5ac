// Every file the catalog names, with its product, read without checking storage (the callers do).
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/server/env";
import { parseCatalog } from "@/server/catalog/parse-catalog";

export type CatalogFileRef = { product: string; path: string; name: string };

/** Distinct by path: a file two products share is checked or uploaded once. */
export function readCatalogFiles(): CatalogFileRef[] {
  const source = getEnv().CATALOG_PATH;
  const catalog = parseCatalog({ text: fs.readFileSync(path.resolve(source), "utf8"), source });
  const seen = new Map<string, CatalogFileRef>();
  for (const product of catalog.products) {
    for (const file of product.files) if (!seen.has(file.path)) seen.set(file.path, { product: product.slug, path: file.path, name: file.name });
  }
  return [...seen.values()];
}
